/**
 * What the activity plugins share (activity_counts_metrics, activity_metrics, activity_engagement,
 * new_activity_metrics, active_users_count, sliding_window_counts, rolling_percentile,
 * funnel_sequence_completion): an id column, a timeline column, constant bounds and windows, and
 * dimension columns, and the SQL of time arithmetic built as KQL expressions (so a datetime
 * timeline with timespan windows and a long timeline with long windows follow KQL's typing).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Expr, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { Scope } from '../scope.ts';
import type { Relation, Typed } from '../types.ts';
import { inputColumn } from './arguments.ts';
import type { PluginCall } from './spec.ts';
import { exprOver } from './sequence-detect.ts';

/** A constant argument (a literal, a `let`, `datetime(…)`, `7d`), typed. */
export function constantArgument(
  call: PluginCall,
  i: number,
  what: string,
  ctx: TranslateContext,
): Typed {
  const a = call.args[i];
  if (!a) throw ctx.error('type', `${call.name}() needs ${what} (argument ${i + 1})`, call.span);
  if (a.kind !== 'scalar')
    throw ctx.error('type', `${call.name}(): ${what} must be a scalar`, a.span);
  const v = ctx.expr(a.expr, new Scope([]));
  if (v.literal === 'week' || v.literal === 'month' || v.literal === 'year') {
    throw ctx.error(
      'unsupported',
      `${call.name}() with the calendar step '${v.literal}' (fixed steps such as 7d are supported)`,
      a.span,
    );
  }
  return v;
}

/** Whether argument `i` is a constant (not a column of the input): tells optional bounds from dimensions. */
export function isConstantArgument(call: PluginCall, i: number, input: Relation): boolean {
  const a = call.args[i];
  if (!a || a.kind !== 'scalar') return false;
  return !(
    a.expr.kind === 'name' &&
    input.columns.some((c) => a.expr.kind === 'name' && c.name === a.expr.name)
  );
}

export const binary = (op: string, left: Expr, right: Expr, span: Span): Expr => ({
  kind: 'binary',
  op,
  opSpan: span,
  left,
  right,
  span,
});
export const callOf = (name: string, args: Expr[], span: Span): Expr => ({
  kind: 'call',
  name,
  nameSpan: span,
  args,
  span,
});

/** KQL arithmetic over named SQL values: `(n) => binary('-', n('t'), n('start'))`. */
export function arith(
  values: Record<string, Typed>,
  build: (n: (name: string) => Expr, span: Span) => Expr,
  ctx: TranslateContext,
  span: Span,
): Typed {
  return exprOver(values, (n) => build(n, span), ctx, span);
}

/** The dimension columns from argument `from` on. */
export function dimensions(
  call: PluginCall,
  from: number,
  input: Relation,
  ctx: TranslateContext,
): ColumnSchema[] {
  return call.args.slice(from).map((_, k) => inputColumn(call, from + k, input, ctx));
}

/** `a IS NOT DISTINCT FROM b` for each dimension (a null dimension is a value of its own). */
export function sameDimensions(dims: readonly ColumnSchema[], a: string, b: string): string[] {
  return dims.map((_, k) => `${a}."d${k}" IS NOT DISTINCT FROM ${b}."d${k}"`);
}

/** The select items naming each dimension `d0`, `d1`… from the input's scope. */
export function dimensionItems(dims: readonly ColumnSchema[], scope: Scope): string[] {
  return dims.map((d, k) => `${scope.get(d.name)!.sql} AS "d${k}"`);
}

/** The bin index of t: `floor((t - start) / step)` as a long (KQL typing: datetime−datetime is a timespan, timespan/timespan a real). */
export function binIndex(
  t: Typed,
  start: Typed,
  step: Typed,
  ctx: TranslateContext,
  span: Span,
): Typed {
  return arith(
    { t, start, step },
    (n, s) =>
      callOf(
        'tolong',
        [
          callOf(
            'floor',
            [
              binary('/', binary('-', n('t'), n('start'), s), n('step'), s),
              { kind: 'literal', type: 'long', value: 1, span: s },
            ],
            s,
          ),
        ],
        s,
      ),
    ctx,
    span,
  );
}

/** The start of bin k: `start + k * step`. */
export function binStart(
  k: Typed,
  start: Typed,
  step: Typed,
  ctx: TranslateContext,
  span: Span,
): Typed {
  return arith(
    { k, start, step },
    (n, s) => binary('+', n('start'), binary('*', n('k'), n('step'), s), s),
    ctx,
    span,
  );
}
