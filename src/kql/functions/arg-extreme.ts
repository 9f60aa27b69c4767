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

/** Aggregates that give several columns: arg_max/arg_min, and percentiles (one column per percentage). */
export const ARG_EXTREMES = new Set(['arg_max', 'arg_min', 'percentiles']);

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
  if (call.name === 'percentiles') return percentilesColumns(call, name, scope, ctx);
  const [target, ...rest] = call.args;
  if (!target || rest.length === 0)
    throw ctx.error(
      'type',
      `${call.name}() takes the expression to ${call.name === 'arg_max' ? 'maximize' : 'minimize'} and at least one column or *`,
      call.span,
    );
  const key = ctx.expr(target, scope);
  if (key.type === 'dynamic' || key.type === 'null')
    throw ctx.error('type', `${call.name}() cannot order by a ${key.type} value`, target.span);
  const keyName = name ?? (target.kind === 'name' ? target.name : undefined);
  if (!keyName)
    throw ctx.error(
      'unsupported',
      `an unnamed ${call.name}() of an expression (write Name = ${call.name}(…))`,
      target.span,
    );

  const picked: { name: string; sql: string; type: KqlType }[] = [];
  const seen = new Set<string>([keyName]);
  for (const r of rest) {
    if (r.kind === 'star') {
      for (const c of scope.columns) {
        if (
          byNames.has(c.name) ||
          seen.has(c.name) ||
          (target.kind === 'name' && c.name === target.name)
        )
          continue;
        seen.add(c.name);
        picked.push({ name: c.name, sql: c.sql, type: c.type });
      }
    } else if (r.kind === 'name') {
      if (seen.has(r.name)) continue;
      const v = ctx.expr(r, scope);
      seen.add(r.name);
      picked.push({ name: r.name, sql: v.sql, type: v.type === 'null' ? 'dynamic' : v.type });
    } else {
      throw ctx.error(
        'unsupported',
        `${call.name}() returns columns: name them (Col) or use *`,
        r.span,
      );
    }
  }
  const fields = `struct_pack(${[`k := ${key.sql}`, ...picked.map((p, i) => `c${i} := ${p.sql}`)].join(', ')})`;
  // A group whose keys are all null still gives its row: the key null, the other columns from
  // its first row (arg_max docs, "null handling": Banana | null | Yellow). SQL's arg_max skips
  // null keys, so it falls back on first().
  const row = `coalesce(${call.name}(${fields}, ${key.sql}), first(${fields}))`;
  const read = (field: string, type: KqlType) => {
    const sql = `(${row}).${field}`;
    // KQL strings are never null, also when the group had no row with a value.
    return type === 'string' || type === 'guid' ? `coalesce(${sql}, '')` : sql;
  };
  return [
    { name: keyName, sql: read('k', key.type), type: key.type },
    ...picked.map((p, i) => ({ name: p.name, sql: read(`c${i}`, p.type), type: p.type })),
  ];
}

/**
 * `percentiles(X, p1, p2, …)`: one nearest-rank column per percentage, named percentile_X_p
 * (`percentile_X_99_9` for 99.9), like `percentile(X, p)`.
 */
function percentilesColumns(
  call: Extract<Expr, { kind: 'call' }>,
  name: string | undefined,
  scope: Scope,
  ctx: TranslateContext,
): OutputColumn[] {
  const [target, ...ps] = call.args;
  if (!target || ps.length === 0)
    throw ctx.error('type', 'percentiles() takes a value and at least one percentage', call.span);
  const x = ctx.expr(target, scope);
  if (!['long', 'int', 'real', 'decimal', 'datetime', 'timespan'].includes(x.type))
    throw ctx.error('type', `percentiles() cannot rank a ${x.type}`, target.span);
  if (name && ps.length > 1)
    throw ctx.error(
      'unsupported',
      'one name for several percentiles (write (p50, p95) = … or leave them unnamed)',
      call.span,
    );
  if (!name && target.kind !== 'name')
    throw ctx.error(
      'unsupported',
      'unnamed percentiles() of an expression (write Name = percentiles(…))',
      target.span,
    );
  return ps.map((p) => {
    if (p.kind !== 'literal' || typeof p.value !== 'number' || p.value < 0 || p.value > 100)
      throw ctx.error('type', 'percentiles() needs constant percentages between 0 and 100', p.span);
    const col =
      name ??
      `percentile_${(target as { name: string }).name}_${String(p.value).replace('.', '_')}`;
    return {
      name: col,
      sql: `quantile_disc(${x.sql}, ${p.value / 100})`,
      type: x.type === 'null' ? 'real' : x.type,
    };
  });
}
