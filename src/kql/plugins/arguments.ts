/** Reading a plugin call's arguments: a tabular one, a column name, a constant. */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { KqlType } from '../../schema/kql-types.ts';
import type { Pipeline, PluginArgument, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { constantDynamic } from '../predicates.ts';
import { Scope } from '../scope.ts';
import type { Relation, Typed } from '../types.ts';
import type { PluginCall } from './spec.ts';

/** Argument `i`, which must be a tabular expression (a table, a let, `(T | …)`). */
export function tabularArgument(call: PluginCall, i: number, ctx: TranslateContext): Pipeline {
  const a = call.args[i];
  if (!a) throw ctx.error('type', `${call.name}() needs argument ${i + 1}`, call.span);
  if (a.kind === 'tabular') return a.pipeline;
  // A bare name the binder could not type (e.g. a table Loupe knows but Kusto was not told of).
  if (a.expr.kind === 'name')
    return {
      kind: 'pipeline',
      source: { kind: 'table-ref', name: a.expr.name, span: a.expr.span },
      operators: [],
      span: a.expr.span,
    };
  throw ctx.error('type', `argument ${i + 1} of ${call.name}() must be a table`, a.span);
}

/** Argument `i`, which must name a column. */
export function columnArgument(
  call: PluginCall,
  i: number,
  ctx: TranslateContext,
): { readonly text: string; readonly span: Span } {
  const a = call.args[i];
  if (!a) throw ctx.error('type', `${call.name}() needs argument ${i + 1}`, call.span);
  if (a.kind === 'scalar' && a.expr.kind === 'name')
    return { text: a.expr.name, span: a.expr.span };
  throw ctx.error('type', `argument ${i + 1} of ${call.name}() must be a column name`, a.span);
}

/** The column of `rel` named by argument `i` (unknown-column when the input has none of that name). */
export function inputColumn(
  call: PluginCall,
  i: number,
  rel: Relation,
  ctx: TranslateContext,
): ColumnSchema {
  const name = columnArgument(call, i, ctx);
  const c = rel.columns.find((x) => x.name === name.text);
  if (!c)
    throw ctx.error(
      'unknown-column',
      `${call.name}(): the input has no column "${name.text}"`,
      name.span,
    );
  return c;
}

/**
 * The plugin's optional arguments by name: written `name = value`, or positionally in the order
 * Kusto documents them (`positional`), starting at argument `from`.
 */
export function optionalArguments(
  call: PluginCall,
  from: number,
  positional: readonly string[],
  ctx: TranslateContext,
): Map<string, Extract<PluginArgument, { kind: 'scalar' }>> {
  const out = new Map<string, Extract<PluginArgument, { kind: 'scalar' }>>();
  call.args.slice(from).forEach((a, k) => {
    if (a.kind !== 'scalar')
      throw ctx.error(
        'type',
        `argument ${from + k + 1} of ${call.name}() must be a scalar`,
        a.span,
      );
    const name = a.name?.text ?? positional[k];
    const known = positional.find((p) => p.toLowerCase() === name?.toLowerCase());
    if (!known)
      throw ctx.error(
        'type',
        `${call.name}() has no parameter ${a.name ? `"${a.name.text}"` : `at position ${from + k + 1}`}`,
        a.span,
      );
    if (out.has(known))
      throw ctx.error('type', `${call.name}(): "${known}" is given twice`, a.span);
    out.set(known, a);
  });
  return out;
}

/** A constant argument's value: a string, number or bool literal (after `let` substitution), or a dynamic constant's JSON value. */
export function constantValue(
  a: Extract<PluginArgument, { kind: 'scalar' }>,
  ctx: TranslateContext,
): unknown {
  const v = ctx.expr(a.expr, new Scope([]));
  if (v.type === 'dynamic') return constantDynamic(v);
  if (v.literal === undefined) throw ctx.error('type', 'expected a constant', a.span);
  return v.literal;
}

const CONVERSIONS: Readonly<Record<KqlType, string | undefined>> = {
  string: 'tostring',
  long: 'tolong',
  int: 'toint',
  real: 'toreal',
  decimal: 'todecimal',
  bool: 'tobool',
  datetime: 'todatetime',
  timespan: 'totimespan',
  guid: 'toguid',
  dynamic: undefined,
};

/** A value converted to a KQL type as the `to<type>()` functions convert it (dynamic stays as it is). */
export function convertTo(value: Typed, type: KqlType, ctx: TranslateContext, span: Span): Typed {
  const fn = CONVERSIONS[type];
  if (!fn || value.type === type) return value;
  const hole = '__loupe_plugin_value';
  const scope = new Scope([
    { name: hole, type: value.type === 'null' ? 'dynamic' : value.type, sql: `(${value.sql})` },
  ]);
  return ctx.expr(
    { kind: 'call', name: fn, nameSpan: span, args: [{ kind: 'name', name: hole, span }], span },
    scope,
  );
}
