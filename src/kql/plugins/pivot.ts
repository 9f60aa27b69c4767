/**
 * `T | evaluate pivot(PivotColumn [, Aggregation] [, Column1, …]) [: (…)]` (Kusto docs,
 * pivot-plugin.md): one row per distinct combination of the columns (by default every column but
 * the pivot column and the columns the aggregation reads), and one column per distinct value of
 * PivotColumn, named by the value as text, holding the aggregation over the rows with that value
 * (`count()` by default). A combination without rows for a value holds the aggregation's value over
 * no rows (0 for count and sum, `[]` for make_set/make_list, null for min/max/avg…), as the docs'
 * examples show. The published rule AccountElevatedtoNewRole pivots AuditLogs' AdditionalDetails:
 * `evaluate pivot(key, make_set(value))`.
 *
 * Value columns come in the order each value first appears in the rows (the docs' ARKANSAS before
 * ARIZONA). With an output schema `: (Name:type, …)`, the declared names that are not grouping
 * columns are the values, and nothing is read from the data first.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, type KqlType } from '../../schema/kql-types.ts';
import type { Expr } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { toStringSql } from '../convert.ts';
import { aggregateFunction } from '../functions/index.ts';
import { selectList } from '../operators/common.ts';
import { translateAggregateCall } from '../operators/aggregate-expression.ts';
import { rewriteExpr } from '../rewrite.ts';
import { Scope } from '../scope.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import { ORDER_COLUMN, type Relation, type Typed } from '../types.ts';
import { convertTo, inputColumn } from './arguments.ts';
import { discoverRows } from './discovery.ts';
import { definePlugin, type PluginCall } from './spec.ts';

/** The aggregations the pivot docs list. */
const PIVOT_AGGREGATES = new Set([
  'min',
  'max',
  'take_any',
  'any',
  'sum',
  'dcount',
  'avg',
  'stdev',
  'variance',
  'make_list',
  'make_bag',
  'make_set',
  'count',
]);

/** The most value columns a pivot may add (a column per distinct value of attacker-written data). */
export const MAX_PIVOT_COLUMNS = 10_000;

type Call = Extract<Expr, { kind: 'call' }>;

function aggregation(call: PluginCall, ctx: TranslateContext): Call | undefined {
  const a = call.args[1];
  if (a?.kind !== 'scalar' || a.expr.kind !== 'call') return undefined;
  const e = a.expr;
  if (!aggregateFunction(e.name))
    throw ctx.error('type', `pivot(): ${e.name}() is not an aggregation`, e.span);
  if (!PIVOT_AGGREGATES.has(e.name))
    throw ctx.error(
      'unsupported',
      `pivot() with ${e.name}() (Kusto's pivot takes ${[...PIVOT_AGGREGATES].join(', ')})`,
      e.span,
    );
  return e;
}

/** The columns an expression reads. */
function namesIn(e: Expr): Set<string> {
  const names = new Set<string>();
  rewriteExpr(e, (x) => {
    if (x.kind === 'name') names.add(x.name);
    return undefined;
  });
  return names;
}

/** The distinct values of the pivot column as text, in the order they first appear. */
function discoveredValues(
  call: PluginCall,
  input: Relation,
  pivotText: string,
  ctx: TranslateContext,
): string[] {
  const rank = input.order ? quoteIdent(ORDER_COLUMN) : 'row_number() OVER ()';
  const rows = discoverRows(
    ctx,
    call,
    input,
    `SELECT v FROM (SELECT ${pivotText} AS v, ${rank} AS n FROM {input}) GROUP BY v ORDER BY min(n) LIMIT ${MAX_PIVOT_COLUMNS + 1}`,
    'declare its columns after the call: pivot(…) : (Column:type, Value1:type, …)',
  );
  if (rows.length > MAX_PIVOT_COLUMNS)
    throw ctx.error(
      'limit',
      `pivot(): the pivot column has more than ${MAX_PIVOT_COLUMNS} distinct values`,
      call.span,
    );
  return rows.map(([v]) => String(v ?? ''));
}

/**
 * pivot() after a bag_unpack that found no rows in any run: the columns it names (`key`, `value`)
 * would come from rows there are none of, so the result is the empty table of the input's columns,
 * with a warning. The AADSecOpsGuide rule AccountElevatedtoNewRole pivots `key` this way and runs
 * daily in Sentinel whether or not a role was elevated, which is the evidence Kusto takes the same
 * view of an empty input (docs/kql.md, "Output schemas that depend on the data").
 */
function overNoRows(
  call: PluginCall,
  input: Relation,
  ctx: TranslateContext,
): Relation | undefined {
  if (!input.schemaFromNoRows || call.outputSchema) return undefined;
  const named = call.args.flatMap((a) => (a.kind === 'scalar' ? [...namesIn(a.expr)] : []));
  const absent = named.filter((n) => !input.columns.some((c) => c.name === n));
  if (!absent.length) return undefined;
  ctx.warn(
    `pivot(): bag_unpack() found no rows, so there is no column ${absent.map((n) => `"${n}"`).join(', ')}; the result is empty`,
    call.span,
  );
  const scope = Scope.of(input);
  const out = input.columns.map((c) => ({ name: c.name, sql: scope.get(c.name)!.sql }));
  const cte = ctx.addCte(
    'pivot',
    `SELECT ${selectList(out)} FROM ${input.cte} WHERE false`,
    call.span,
  );
  return { cte, columns: input.columns, schemaFromNoRows: true };
}

export const PIVOT = definePlugin({
  name: 'pivot',
  outputSchema: true,
  translate(call, input, ctx) {
    const empty = overNoRows(call, input, ctx);
    if (empty) return empty;
    const pivot = inputColumn(call, 0, input, ctx);
    const agg = aggregation(call, ctx);
    const scope = Scope.of(input);
    const explicit = call.args
      .slice(agg ? 2 : 1)
      .map((_, k) => inputColumn(call, (agg ? 2 : 1) + k, input, ctx));
    const read = agg ? new Set([...agg.args].flatMap((a) => [...namesIn(a)])) : new Set<string>();
    const groups = explicit.length
      ? explicit
      : input.columns.filter((c) => c !== pivot && !read.has(c.name));
    const pivotText = toStringSql({ sql: scope.get(pivot.name)!.sql, type: pivot.type });

    const out: { name: string; sql: string }[] = groups.map((g) => ({
      name: g.name,
      sql: scope.get(g.name)!.sql,
    }));
    const columns: ColumnSchema[] = [...groups];
    const declared = call.outputSchema?.columns.map((c) => {
      const type = parseKqlType(c.type);
      if (!type) throw ctx.error('syntax', `unknown column type "${c.type}"`, c.span);
      return { name: c.name, type };
    });
    if (call.outputSchema?.wildcard)
      throw ctx.error(
        'unsupported',
        'pivot() with "*" in its output schema',
        call.outputSchema.span,
      );
    const values = declared
      ? declared.filter((d) => !groups.some((g) => g.name === d.name)).map((d) => d.name)
      : discoveredValues(call, input, pivotText, ctx);

    const taken = new Set(groups.map((g) => g.name));
    for (const value of values) {
      if (value === '')
        throw ctx.error(
          'type',
          'pivot(): the pivot column holds an empty value, which cannot be a column name',
          call.span,
        );
      const match = `${pivotText} = ${sqlString(value)}`;
      // The aggregation over this value's rows: its arguments read null on the other rows, which
      // every listed aggregation ignores; count() counts the matching rows.
      let v: Typed;
      if (!agg || agg.name === 'count')
        v = { sql: `CAST(count(*) FILTER (WHERE ${match}) AS BIGINT)`, type: 'long' };
      else {
        const only = new Scope(
          scope.columns.map((c) => ({ ...c, sql: `(CASE WHEN ${match} THEN ${c.sql} END)` })),
          input,
        );
        v = translateAggregateCall(agg, only, ctx);
      }
      let name = value;
      for (let i = 1; taken.has(name); i++) name = `${value}${i}`;
      taken.add(name);
      const type: KqlType =
        declared?.find((d) => d.name === value)?.type ?? (v.type === 'null' ? 'dynamic' : v.type);
      out.push({ name, sql: convertTo(v, type, ctx, call.span).sql });
      columns.push({ name, type });
    }
    if (declared) {
      // Declared grouping columns take their declared types, in the declared order.
      for (const d of declared) {
        const i = columns.findIndex((c) => c.name === d.name);
        if (i >= 0 && columns[i]!.type !== d.type) {
          out[i] = {
            name: d.name,
            sql: convertTo({ sql: out[i]!.sql, type: columns[i]!.type }, d.type, ctx, call.span)
              .sql,
          };
          columns[i] = { name: d.name, type: d.type };
        }
      }
    }
    if (!columns.length)
      throw ctx.error(
        'unsupported',
        'pivot() over no rows with no grouping column (its result has no columns)',
        call.span,
      );
    ctx.checkColumns(columns, call.span);
    const groupBy = groups.length ? ` GROUP BY ${groups.map((_, i) => i + 1).join(', ')}` : '';
    const cte = ctx.addCte(
      'pivot',
      `SELECT ${selectList(out)} FROM ${input.cte}${groupBy}`,
      call.span,
    );
    return { cte, columns };
  },
});
