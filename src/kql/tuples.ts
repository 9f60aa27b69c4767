/**
 * Functions with several results spread over several columns: `(a, b, c) = f(…)` names them, an
 * unnamed `f(Col)` names them `f_Col_<result>` as Kusto does (`series_decompose_anomalies_y_ad_flag`).
 * The function returns its results packed in one dynamic array (functions/series.ts); each column
 * reads its element. `array_sort_asc/desc` of several arrays spreads the same way.
 */
import type { Assignment, Expr } from './ast.ts';
import { derivedName } from './operators/column-names.ts';
import type { Scope } from './scope.ts';
import type { TranslateContext } from './context.ts';
import { TUPLE_RESULTS } from './functions/series.ts';
import type { Typed } from './types.ts';
import { DYN_INDEX } from './runtime/dynamic.ts';

/**
 * `array_sort_asc(a1, a2, …)` with several arrays has one result per array, named
 * `<argument>_sorted` (Kusto docs: `print array_sort_asc(array1, array2)` gives array1_sorted,
 * array2_sorted); undefined for a single array (one ordinary dynamic result).
 */
function arraySortResults(
  e: Expr,
  scope: Scope,
  ctx: TranslateContext,
): (string | undefined)[] | undefined {
  if (e.kind !== 'call' || (e.name !== 'array_sort_asc' && e.name !== 'array_sort_desc'))
    return undefined;
  const last = e.args.length > 1 ? ctx.expr(e.args[e.args.length - 1]!, scope).type : undefined;
  const arrays = last === 'bool' ? e.args.length - 1 : e.args.length;
  if (arrays < 2) return undefined;
  return e.args.slice(0, arrays).map((a) => {
    const n = derivedName(a);
    return n === undefined ? undefined : `${n}_sorted`;
  });
}

export function tupleColumns(
  item: Assignment,
  scope: Scope,
  ctx: TranslateContext,
): { name: string; value: Typed }[] | undefined {
  const e = item.expr;
  const sorted = item.name ? undefined : arraySortResults(e, scope, ctx);
  if (sorted) {
    const names = item.names ? item.names.map((n) => n.text) : sorted;
    if (names.length > sorted.length)
      throw ctx.error(
        'type',
        `${(e as { name: string }).name}() has ${sorted.length} results, not ${names.length}`,
        item.span,
      );
    const packed = ctx.expr(e, scope);
    return names.map((name, i) => {
      if (name === undefined)
        throw ctx.error(
          'unsupported',
          `an unnamed ${(e as { name: string }).name}() of an expression (write (a, b, …) = …)`,
          e.span,
        );
      return { name, value: { sql: DYN_INDEX.call(packed.sql, String(i)), type: 'dynamic' } };
    });
  }
  const results = e.kind === 'call' ? TUPLE_RESULTS.get(e.name) : undefined;
  if (!item.names && (!results || item.name)) {
    if (results && item.name)
      throw ctx.error(
        'unsupported',
        `${(e as { name: string }).name}() has ${results.length} results: assign them with (${results.map((r) => r.suffix).join(', ')}) = …`,
        item.span,
      );
    return undefined;
  }
  if (e.kind !== 'call' || !results)
    throw ctx.error(
      'unsupported',
      'assigning several names at once to something other than a multi-result function (series_decompose_anomalies, series_fit_line, series_stats)',
      item.span,
    );
  let names: string[];
  if (item.names) {
    if (item.names.length > results.length)
      throw ctx.error(
        'type',
        `${e.name}() has ${results.length} results, not ${item.names.length}`,
        item.span,
      );
    names = item.names.map((n) => n.text);
  } else {
    const arg = e.args[0];
    if (arg?.kind !== 'name')
      throw ctx.error(
        'unsupported',
        `an unnamed ${e.name}() of an expression (write (a, b, …) = ${e.name}(…))`,
        e.span,
      );
    names = results.map((r) => `${e.name}_${arg.name}_${r.suffix}`);
  }
  const packed = ctx.expr(e, scope);
  return names.map((name, i) => {
    const r = results[i]!;
    const element = DYN_INDEX.call(packed.sql, String(i));
    const sql =
      r.type === 'dynamic'
        ? element
        : `TRY_CAST(${element} AS ${r.type === 'long' ? 'BIGINT' : 'DOUBLE'})`;
    return { name, value: { sql, type: r.type } };
  });
}
