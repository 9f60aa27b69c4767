/**
 * `T | evaluate basket([Threshold, WeightColumn, MaxDimensions, CustomWildcard, …])` (Kusto docs,
 * basket-plugin.md): the frequent patterns of column values, by the Apriori algorithm the page
 * names (runtime/frequent-patterns.ts: closed patterns of at most MaxDimensions values whose rows
 * make at least Threshold of the total weight, ordered by count × values).
 *
 * - Threshold: 0.015–1, default 0.05; WeightColumn: a numeric column counting each row that many
 *   times (default 1); MaxDimensions: default 5; `'~'` stands for a default.
 * - Output: SegmentId (0…), Count, Percent (of the total weight), then every column of T holding
 *   the pattern's value or a wildcard: null, `""` for strings, or the CustomWildcard given for the
 *   column's type (`'*'`, `int(-1)`…).
 * - Items are the non-null values (non-empty for strings) of every column but the weight column
 *   and dynamic columns. Kusto samples to find the first frequent values ("results could slightly
 *   differ … for patterns whose frequency is close to the threshold"); Loupe counts exactly.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { KqlType } from '../../schema/kql-types.ts';
import type { TranslateContext } from '../context.ts';
import { toJsonSql } from '../convert.ts';
import { selectList } from '../operators/common.ts';
import { BASKET_PATTERNS } from '../runtime/frequent-patterns.ts';
import { Scope } from '../scope.ts';
import { isNumeric, type Typed } from '../types.ts';
import { inputColumn } from './arguments.ts';
import { relationFromJsonRows } from './json-rows.ts';
import { definePlugin, type PluginCall } from './spec.ts';

/** `'~'`: the parameter's default (Kusto's convention for optional plugin parameters). */
function isDefault(call: PluginCall, i: number, ctx: TranslateContext): boolean {
  const a = call.args[i];
  if (!a) return true;
  if (a.kind !== 'scalar') return false;
  if (a.expr.kind === 'literal') return a.expr.value === '~';
  // A let bound to '~' (a column name is never a constant).
  return a.expr.kind === 'name' && ctx.scalarBinding(a.expr.name)?.literal === '~';
}

function constantNumber(
  call: PluginCall,
  i: number,
  fallback: number,
  ctx: TranslateContext,
): number {
  if (isDefault(call, i, ctx)) return fallback;
  const a = call.args[i]!;
  const v = a.kind === 'scalar' ? ctx.expr(a.expr, new Scope([])).literal : undefined;
  if (typeof v !== 'number')
    throw ctx.error(
      'type',
      `argument ${i + 1} of ${call.name}() must be a constant number or '~'`,
      a.span,
    );
  return v;
}

/** The per-type wildcards given after the first `from` arguments (`'*'`, `int(-1)`…). */
export function customWildcards(
  call: PluginCall,
  from: number,
  ctx: TranslateContext,
): Map<KqlType, Typed> {
  const out = new Map<KqlType, Typed>();
  for (let i = from; i < call.args.length; i++) {
    if (isDefault(call, i, ctx)) continue;
    const a = call.args[i]!;
    const v = a.kind === 'scalar' ? ctx.expr(a.expr, new Scope([])) : undefined;
    if (!v || v.type === 'null' || v.literal === undefined)
      throw ctx.error(
        'type',
        `the wildcards of ${call.name}() are typed constants ('*', int(-1), …)`,
        a.span,
      );
    out.set(v.type, v);
  }
  return out;
}

export const BASKET = definePlugin({
  name: 'basket',
  translate(call, input, ctx) {
    const threshold = constantNumber(call, 0, 0.05, ctx);
    if (threshold < 0.015 || threshold > 1)
      throw ctx.error('type', 'basket(): Threshold is between 0.015 and 1', call.args[0]!.span);
    const weight = isDefault(call, 1, ctx) ? undefined : inputColumn(call, 1, input, ctx);
    if (weight && !isNumeric(weight.type))
      throw ctx.error(
        'type',
        `basket(): the weight column "${weight.name}" must be numeric`,
        call.args[1]!.span,
      );
    const maxDims = constantNumber(call, 2, 5, ctx);
    if (!Number.isInteger(maxDims) || maxDims < 1)
      throw ctx.error('type', 'basket(): MaxDimensions is a positive integer', call.args[2]!.span);
    const wildcards = customWildcards(call, 3, ctx);
    return frequentPatterns(call, input, ctx, { threshold, weight, maxDims, wildcards });
  },
});

function frequentPatterns(
  call: PluginCall,
  input: { cte: string; columns: readonly ColumnSchema[] },
  ctx: TranslateContext,
  o: {
    threshold: number;
    weight: ColumnSchema | undefined;
    maxDims: number;
    wildcards: Map<KqlType, Typed>;
  },
) {
  const scope = Scope.of(input as never);
  const w = o.weight ? `CAST(${scope.get(o.weight.name)!.sql} AS DOUBLE)` : '1.0';
  // A column's value is an item when set and frequent on its own (the first Apriori level, in SQL:
  // it also collapses columns of unique values such as times before the rows are grouped).
  const items = input.columns.map((c, j) => {
    if (c === o.weight || c.type === 'dynamic') return `CAST(NULL AS VARCHAR) AS "i${j}"`;
    const v = scope.get(c.name)!.sql;
    const set = c.type === 'string' || c.type === 'guid' ? `${v} <> ''` : `${v} IS NOT NULL`;
    return `CASE WHEN ${set} AND sum(${w}) OVER (PARTITION BY ${v}) >= ${o.threshold} * sum(${w}) OVER () THEN ${toJsonSql({ sql: v, type: c.type })} END AS "i${j}"`;
  });
  const itemized = ctx.addCte(
    'basket_items',
    `SELECT ${w} AS "w", ${items.join(', ')} FROM ${input.cte}`,
  );
  const cols = input.columns.map((_, j) => `coalesce("i${j}", 'null')`).join(` || ',' || `);
  const grouped = ctx.addCte(
    'basket_groups',
    `SELECT '[[' || ${cols || "''"} || '],' || CAST(sum("w") AS VARCHAR) || ']' AS "r" FROM ${itemized} GROUP BY ${input.columns.map((_, j) => `"i${j}"`).join(', ') || 'ALL'}`,
  );
  const rowsSql = `SELECT ${BASKET_PATTERNS.name}('[' || coalesce(string_agg("r", ','), '') || ']', CAST(${o.threshold} AS DOUBLE), CAST(${o.maxDims} AS DOUBLE)) AS "rows" FROM ${grouped}`;
  const taken = new Set<string>();
  const fixed: ColumnSchema[] = [
    { name: 'SegmentId', type: 'long' },
    { name: 'Count', type: 'long' },
    { name: 'Percent', type: 'real' },
  ];
  const columns: ColumnSchema[] = [...fixed, ...input.columns].map((c) => {
    let name = c.name;
    for (let i = 1; taken.has(name); i++) name = `${c.name}${i}`;
    taken.add(name);
    return { name, type: c.type };
  });
  const patterns = relationFromJsonRows(ctx, 'basket', rowsSql, columns, call.span, true);
  if (!o.wildcards.size) return patterns;
  // Custom wildcards replace the default ones ("" for strings, null otherwise) of their type.
  const pscope = Scope.of(patterns);
  const out = columns.map((c, k) => {
    const v = pscope.get(c.name)!.sql;
    const wc = k >= fixed.length ? o.wildcards.get(c.type) : undefined;
    if (!wc) return { name: c.name, sql: v };
    return {
      name: c.name,
      sql:
        c.type === 'string'
          ? `CASE WHEN ${v} = '' THEN ${wc.sql} ELSE ${v} END`
          : `coalesce(${v}, ${wc.sql})`,
    };
  });
  const cte = ctx.addCte(
    'basket',
    `SELECT ${selectList([...out, { name: '__loupe_order', sql: '"__loupe_order"' }])} FROM ${patterns.cte}`,
    call.span,
  );
  return { cte, columns, order: patterns.order };
}
