/**
 * `T | invoke f(args)`: calls the tabular function `f` with the piped rows as its first argument
 * (Kusto docs, invoke operator: "Invokes a lambda expression that receives the source of invoke
 * as tabular argument"; `T | invoke f(a)` is `f(T, a)`). `f` is a `let` function or a workspace
 * function whose first parameter is tabular.
 */
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { invokeTabular } from '../user-functions.ts';
import { defineOperator } from './spec.ts';

export const INVOKE = defineOperator({
  kind: 'invoke',
  syntax: ['InvokeOperator'],
  lower(node: Kusto.Language.Syntax.InvokeOperator, l) {
    const fn = node.Function;
    if (!fn || kindName(fn) !== 'FunctionCallExpression')
      throw l.error('syntax', 'expected a function call after invoke', node);
    const call = fn as Kusto.Language.Syntax.FunctionCallExpression;
    const args = elementsOf(call.ArgumentList?.Expressions).map((a) => l.argument(a));
    return {
      kind: 'invoke',
      name: l.nameOf(call.Name!),
      nameSpan: l.span(call.Name!),
      args,
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    // The piped rows, bound to a name no query can spell, are the function's first argument.
    const hidden = `__invoke_input_${op.span.start}`;
    ctx.bindRelation(hidden, input, op.span);
    return invokeTabular(
      op.name,
      [{ kind: 'name', name: hidden, span: op.span }, ...op.args],
      op.span,
      ctx,
    );
  },
});
