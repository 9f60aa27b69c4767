/** Reading a plugin call's arguments: a tabular one, a column name, a constant. */
import type { Pipeline, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { PluginCall } from './spec.ts';

/** Argument `i`, which must be a tabular expression (a table, a let, `(T | …)`). */
export function tabularArgument(call: PluginCall, i: number, ctx: TranslateContext): Pipeline {
  const a = call.args[i];
  if (!a) throw ctx.error('type', `${call.name}() needs argument ${i + 1}`, call.span);
  if (a.kind === 'tabular') return a.pipeline;
  // A bare name the binder could not type (e.g. a table Loupe knows but Kusto was not told of).
  if (a.expr.kind === 'name') return { kind: 'pipeline', source: { kind: 'table-ref', name: a.expr.name, span: a.expr.span }, operators: [], span: a.expr.span };
  throw ctx.error('type', `argument ${i + 1} of ${call.name}() must be a table`, a.span);
}

/** Argument `i`, which must name a column. */
export function columnArgument(call: PluginCall, i: number, ctx: TranslateContext): { readonly text: string; readonly span: Span } {
  const a = call.args[i];
  if (!a) throw ctx.error('type', `${call.name}() needs argument ${i + 1}`, call.span);
  if (a.kind === 'scalar' && a.expr.kind === 'name') return { text: a.expr.name, span: a.expr.span };
  throw ctx.error('type', `argument ${i + 1} of ${call.name}() must be a column name`, a.span);
}
