/**
 * `arg_max(Expr, Col1, Col2…)` / `arg_min(…)` / `arg_max(Expr, *)` in summarize: one output column
 * for Expr's extreme value, then the listed columns (or, for `*`, every input column that is not a
 * `by` column or Expr itself) taken from the same row. Unlike an ordinary aggregate they produce
 * several columns, so summarize asks this module for them.
 *
 * SQL: one `arg_max(struct_pack(…), Expr)` per call, so that every column comes from the same row
 * even when Expr ties (separate arg_max calls could each pick a different tied row). Rows whose
 * Expr is null are skipped, as in Kusto, unless every row of the group has a null Expr.
 */
import type { Expr } from '../ast.ts';
import type { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import type { KqlType } from '../types.ts';
import { toJsonSql } from '../convert.ts';
import { TDIGEST_PERCENTILE } from '../runtime/arrays.ts';

/**
 * Aggregates that give several columns: arg_max/arg_min (and the obsolete argmax/argmin, the same
 * row with other column names), and percentiles/percentilesw (one column per percentage).
 */
export const ARG_EXTREMES = new Set([
  'arg_max',
  'arg_min',
  'argmax',
  'argmin',
  'percentiles',
  'percentilesw',
]);

/**
 * The obsolete argmax/argmin (Kusto docs, argmax-aggfunction.md): arg_max/arg_min's row, with the
 * columns Kusto.Language names `max_X` for the maximized column X and `max_X_Col` for each
 * returned one (`min_` for argmin); a name given to the call renames only the first.
 */
const OBSOLETE: Readonly<Record<string, { fn: string; prefix: string }>> = {
  argmax: { fn: 'arg_max', prefix: 'max' },
  argmin: { fn: 'arg_min', prefix: 'min' },
};

export interface OutputColumn {
  readonly name: string;
  readonly sql: string;
  readonly type: KqlType;
}

/** The output columns of one arg_max/arg_min call; `name` renames the Expr column (`m = arg_max(T, *)`). */
export function argExtremeColumns(
  call: Extract<Expr, { kind: 'call' }>,
  name: string | undefined,
  scope: Scope,
  ctx: TranslateContext,
  byNames: ReadonlySet<string>,
): OutputColumn[] {
  if (call.name === 'percentiles' || call.name === 'percentilesw')
    return percentilesColumns(call, name, scope, ctx);
  const obsolete = OBSOLETE[call.name];
  const fn = obsolete?.fn ?? call.name;
  const [target, ...rest] = call.args;
  if (!target || rest.length === 0)
    throw ctx.error(
      'type',
      `${call.name}() takes the expression to ${fn === 'arg_max' ? 'maximize' : 'minimize'} and at least one column or *`,
      call.span,
    );
  const key = ctx.expr(target, scope);
  if (key.type === 'dynamic' || key.type === 'null')
    throw ctx.error('type', `${call.name}() cannot order by a ${key.type} value`, target.span);
  const targetName = target.kind === 'name' ? target.name : undefined;
  const keyName =
    name ??
    (targetName !== undefined && obsolete ? `${obsolete.prefix}_${targetName}` : targetName);
  if (obsolete && targetName === undefined)
    throw ctx.error(
      'unsupported',
      `${call.name}() of an expression: Kusto names its columns after the column it ${fn === 'arg_max' ? 'maximizes' : 'minimizes'} (use ${fn}(), or extend the expression into a column first)`,
      target.span,
    );
  if (!keyName)
    throw ctx.error(
      'unsupported',
      `an unnamed ${call.name}() of an expression (write Name = ${call.name}(…))`,
      target.span,
    );

  const skipped = new Set([...byNames, ...(target.kind === 'name' ? [target.name] : [])]);
  const picked = pickedColumns(
    rest,
    scope,
    ctx,
    skipped,
    new Set([keyName]),
    `${call.name}() returns columns: name them (Col) or use *`,
  );
  const fields = `struct_pack(${[`k := ${key.sql}`, ...picked.map((p, i) => `c${i} := ${p.sql}`)].join(', ')})`;
  // A group whose keys are all null still gives its row: the key null, the other columns from
  // its first row (arg_max docs, "null handling": Banana | null | Yellow). SQL's arg_max skips
  // null keys, so it falls back on first().
  const row = `coalesce(${fn}(${fields}, ${key.sql}), first(${fields}))`;
  const read = (field: string, type: KqlType) => {
    const sql = `(${row}).${field}`;
    // KQL strings are never null, also when the group had no row with a value.
    return type === 'string' || type === 'guid' ? `coalesce(${sql}, '')` : sql;
  };
  const pickedName = (n: string) => (obsolete ? `${obsolete.prefix}_${targetName!}_${n}` : n);
  return [
    { name: keyName, sql: read('k', key.type), type: key.type },
    ...picked.map((p, i) => ({
      name: pickedName(p.name),
      sql: read(`c${i}`, p.type),
      type: p.type,
    })),
  ];
}

/**
 * `take_any(*)` / `take_any(a, b, …)` in summarize (take-any-aggregation-function.md): the values
 * of one arbitrary row of the group, every column from the same row. `*` stands for every input
 * column that is not a `by` column; each column keeps its name. A single column (`take_any(x)`)
 * is an ordinary aggregate (aggregates.ts), which prefers a non-null value.
 *
 * SQL: one `first(struct_pack(…))` per call, so that all columns come from one row.
 */
export const isMultiColumnTakeAny = (e: Extract<Expr, { kind: 'call' }>): boolean =>
  (e.name === 'take_any' || e.name === 'any') &&
  (e.args.length > 1 || e.args.some((a) => a.kind === 'star'));

export function takeAnyColumns(
  call: Extract<Expr, { kind: 'call' }>,
  name: string | undefined,
  scope: Scope,
  ctx: TranslateContext,
  byNames: ReadonlySet<string>,
): OutputColumn[] {
  const picked = pickedColumns(
    call.args,
    scope,
    ctx,
    byNames,
    new Set<string>(),
    `${call.name}() of several expressions returns columns: name them (extend them into columns first) or use *`,
  );
  if (name !== undefined && picked.length !== 1)
    throw ctx.error(
      'unsupported',
      `one name for the ${picked.length} columns of ${call.name}() (leave it unnamed)`,
      call.span,
    );
  const row = `first(struct_pack(${picked.map((p, i) => `c${i} := ${p.sql}`).join(', ')}))`;
  return picked.map((p, i) => {
    const sql = `(${row}).c${i}`;
    return {
      name: name ?? p.name,
      // KQL strings are never null.
      sql: p.type === 'string' || p.type === 'guid' ? `coalesce(${sql}, '')` : sql,
      type: p.type,
    };
  });
}

/**
 * `percentiles(X, p1, p2, …)`: one nearest-rank column per percentage, named percentile_X_p
 * (`percentile_X_99_9` for 99.9), like `percentile(X, p)`. `percentilesw(X, W, p1, …)` weighs
 * each row W times (Kusto docs: the weight is the number of occurrences), over the exact
 * `[value, weight]` pairs a tdigest keeps (as percentilew does); its columns are named the same.
 */
/**
 * The columns `*` and named columns stand for in arg_max/arg_min/take_any's list, each once, in
 * order: `*` is every column of the scope but the `skipped` ones (the `by` columns, the key) and
 * those already taken (`taken`, which this fills); any other expression is refused with `refusal`.
 */
function pickedColumns(
  args: readonly Expr[],
  scope: Scope,
  ctx: TranslateContext,
  skipped: ReadonlySet<string>,
  taken: Set<string>,
  refusal: string,
): { name: string; sql: string; type: KqlType }[] {
  const picked: { name: string; sql: string; type: KqlType }[] = [];
  for (const a of args) {
    if (a.kind === 'star') {
      for (const c of scope.columns) {
        if (skipped.has(c.name) || taken.has(c.name)) continue;
        taken.add(c.name);
        picked.push({ name: c.name, sql: c.sql, type: c.type });
      }
    } else if (a.kind === 'name') {
      if (taken.has(a.name)) continue;
      const v = ctx.expr(a, scope);
      taken.add(a.name);
      picked.push({ name: a.name, sql: v.sql, type: v.type === 'null' ? 'dynamic' : v.type });
    } else {
      throw ctx.error('unsupported', refusal, a.span);
    }
  }
  return picked;
}

function percentilesColumns(
  call: Extract<Expr, { kind: 'call' }>,
  name: string | undefined,
  scope: Scope,
  ctx: TranslateContext,
): OutputColumn[] {
  const weighted = call.name === 'percentilesw';
  const [target, ...rest] = call.args;
  const weight = weighted ? rest.shift() : undefined;
  const ps = rest;
  if (!target || ps.length === 0 || (weighted && !weight))
    throw ctx.error(
      'type',
      weighted
        ? 'percentilesw() takes a value, a weight and at least one percentage'
        : 'percentiles() takes a value and at least one percentage',
      call.span,
    );
  const x = ctx.expr(target, scope);
  const rankable = weighted
    ? ['long', 'int', 'real', 'decimal']
    : ['long', 'int', 'real', 'decimal', 'datetime', 'timespan'];
  if (!rankable.includes(x.type))
    throw ctx.error('type', `${call.name}() cannot rank a ${x.type}`, target.span);
  let pairs: string | undefined;
  if (weight) {
    const w = ctx.expr(weight, scope);
    if (w.type !== 'long' && w.type !== 'int')
      throw ctx.error('type', `percentilesw() needs an integer weight, not ${w.type}`, weight.span);
    pairs = `('[' || coalesce(string_agg(CASE WHEN ${x.sql} IS NOT NULL AND ${w.sql} IS NOT NULL THEN '[' || ${toJsonSql(x)} || ',' || CAST(${w.sql} AS VARCHAR) || ']' END, ','), '') || ']')`;
  }
  if (name && ps.length > 1)
    throw ctx.error(
      'unsupported',
      `one name for several percentiles (write (p50, p95) = … or leave them unnamed)`,
      call.span,
    );
  if (!name && target.kind !== 'name')
    throw ctx.error(
      'unsupported',
      `unnamed ${call.name}() of an expression (write Name = ${call.name}(…))`,
      target.span,
    );
  return ps.map((p) => {
    // A constant: a number, or a name bound to one (`let p = 95;`, a function's parameter given a
    // number), which Kusto.Language also names the column after (`percentile_x_95`).
    const value = p.kind === 'literal' ? p.value : ctx.expr(p, scope).literal;
    if (typeof value !== 'number' || value < 0 || value > 100)
      throw ctx.error(
        'type',
        `${call.name}() needs constant percentages between 0 and 100`,
        p.span,
      );
    const col =
      name ?? `percentile_${(target as { name: string }).name}_${String(value).replace('.', '_')}`;
    if (pairs !== undefined) {
      const v = TDIGEST_PERCENTILE.call(pairs, String(value));
      return x.type === 'long' || x.type === 'int'
        ? {
            name: col,
            sql: `CAST(${v} AS ${x.type === 'long' ? 'BIGINT' : 'INTEGER'})`,
            type: x.type,
          }
        : { name: col, sql: `CAST(${v} AS DOUBLE)`, type: 'real' as const };
    }
    return {
      name: col,
      sql: `quantile_disc(${x.sql}, ${value / 100})`,
      type: x.type === 'null' ? 'real' : x.type,
    };
  });
}
