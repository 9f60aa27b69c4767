/**
 * `f(args)` as a tabular source, where `f` is a user-defined function with a tabular body
 * (`let aadFunc = (tableName:string) { table(tableName) | … }; aadFunc("SigninLogs")`). The parser
 * knows which names are tabular functions (declared earlier in the query); the body is inlined
 * with its parameters bound (../user-functions.ts).
 */
import type { Expr } from '../ast.ts';
import { invokeTabular } from '../user-functions.ts';
import { spanFrom } from './common.ts';
import { defineSource } from './registry.ts';

export const INVOKE = defineSource({
  kind: 'invoke',
  starts: (p) => p.peek().kind === 'ident' && p.isPunct('(', 1) && p.isTabularFunction(p.peek().value),
  parse(p) {
    const name = p.next();
    p.expectPunct('(');
    const args: Expr[] = [];
    if (!p.isPunct(')')) {
      do args.push(p.parseArgument());
      while (p.acceptPunct(','));
    }
    p.expectPunct(')', `to close ${name.value}(`);
    return { kind: 'invoke', name: name.value, nameSpan: { start: name.start, end: name.end }, args, span: spanFrom(p, name) };
  },
  translate(src, ctx) {
    return invokeTabular(src.name, src.args, src.span, ctx);
  },
});
