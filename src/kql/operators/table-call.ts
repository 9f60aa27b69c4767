/**
 * `table("Name")`: reads a table (or tabular let) whose name is a constant string, typically a
 * user function's parameter (`let f = (tableName:string) { table(tableName) | … }`).
 */
import { Scope } from '../context.ts';
import { spanFrom } from './common.ts';
import { defineSource } from './registry.ts';

export const TABLE_CALL = defineSource({
  kind: 'table-call',
  starts: (p) => p.isWord('table') && p.isPunct('(', 1),
  parse(p) {
    const kw = p.next();
    p.expectPunct('(');
    const name = p.parseExpr();
    p.expectPunct(')', 'to close table(');
    return { kind: 'table-call', name, span: spanFrom(p, kw) };
  },
  translate(src, ctx) {
    const v = ctx.expr(src.name, new Scope([]));
    if (typeof v.literal !== 'string') throw ctx.error('unsupported', 'table() with a name that is not a constant string', src.name.span);
    return ctx.tabularByName(v.literal, src.name.span);
  },
});
