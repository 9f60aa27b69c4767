/**
 * Window functions of serialized row sets: `prev(x [, offset [, default]])`,
 * `next(x [, offset [, default]])`, `row_number([start [, restart]])`,
 * `row_window_session(x, maxFromFirst, maxBetween [, restart])`. They need a defined row order —
 * after `serialize`, `sort`/`order by`, `top` — which the relation keeps in its hidden order
 * column; over an unordered relation they are refused, as Kusto refuses them.
 */
import type { Expr, Span } from './ast.ts';
import type { Scope, TranslateContext } from './context.ts';
import { microsFromInterval, quoteIdent } from './sql.ts';
import { isIntegral, isNumeric, ORDER_COLUMN, type Relation, type Typed } from './types.ts';

export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set(['prev', 'next', 'row_number', 'row_window_session']);

function orderedRelation(e: Extract<Expr, { kind: 'call' }>, scope: Scope, ctx: TranslateContext): Relation {
  const rel = scope.relation;
  if (!rel?.order) throw ctx.error('type', `${e.name}() needs serialized rows: add "| serialize" or sort them first`, e.nameSpan);
  return rel;
}

function arity(e: Extract<Expr, { kind: 'call' }>, min: number, max: number, ctx: TranslateContext): void {
  if (e.args.length < min || e.args.length > max) throw ctx.error('type', `${e.name}() takes ${min} to ${max} argument(s), got ${e.args.length}`, e.span);
}

function constantLong(x: Typed, what: string, span: Span, ctx: TranslateContext): string {
  if (!isIntegral(x.type)) throw ctx.error('type', `${what} must be a long, this is a ${x.type}`, span);
  return x.sql;
}

const ORDER = `ORDER BY ${quoteIdent(ORDER_COLUMN)}`;

export function windowCall(e: Extract<Expr, { kind: 'call' }>, scope: Scope, ctx: TranslateContext): Typed {
  const rel = orderedRelation(e, scope, ctx);
  const arg = (i: number) => ctx.expr(e.args[i]!, scope);
  switch (e.name) {
    case 'prev':
    case 'next': {
      arity(e, 1, 3, ctx);
      const x = arg(0);
      const offset = e.args[1] ? constantLong(arg(1), 'the offset', e.args[1].span, ctx) : '1';
      const fn = e.name === 'prev' ? 'lag' : 'lead';
      let sql = `${fn}(${x.sql}, ${offset}) OVER (${ORDER})`;
      if (e.args[2]) sql = `coalesce(${sql}, ${arg(2).sql})`;
      // A string beyond the first/last row is "" (KQL strings are never null).
      else if (x.type === 'string') sql = `coalesce(${sql}, '')`;
      return { sql, type: x.type };
    }
    case 'row_number': {
      arity(e, 0, 2, ctx);
      const start = e.args[0] ? constantLong(arg(0), 'the start', e.args[0].span, ctx) : '1';
      if (!e.args[1]) return { sql: `(row_number() OVER (${ORDER}) - 1 + ${start})`, type: 'long' };
      // row_number(start, restart): numbering starts again at `start` on each row where restart is true.
      const restart = arg(1);
      if (restart.type !== 'bool') throw ctx.error('type', 'the restart argument of row_number() must be a bool', e.args[1].span);
      return { sql: rowNumberWithRestart(rel, start, restart.sql, ctx), type: 'long' };
    }
    case 'row_window_session':
      arity(e, 3, 4, ctx);
      return rowWindowSession(e, scope, rel, ctx);
  }
  throw ctx.error('unknown-function', `unknown window function "${e.name}"`, e.nameSpan);
}

/**
 * Window functions cannot nest, so the restart groups are computed in a helper CTE keyed by the
 * order column and read back with a (decorrelated) scalar subquery.
 */
function rowNumberWithRestart(rel: Relation, start: string, restart: string, ctx: TranslateContext): string {
  const o = quoteIdent(ORDER_COLUMN);
  // The restart predicate may itself use prev()/next(), so it is evaluated in a CTE of its own.
  const flags = ctx.addCte('row_number_restarts', `SELECT ${o} AS w_ord, CASE WHEN ${restart} THEN 1 ELSE 0 END AS w_r FROM ${rel.cte}`);
  const helper = ctx.addCte(
    'row_number',
    `SELECT w_ord, row_number() OVER (PARTITION BY w_grp ORDER BY w_ord) AS w_rn FROM ` +
      `(SELECT w_ord, sum(w_r) OVER (ORDER BY w_ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS w_grp FROM ${flags})`,
  );
  return `((SELECT w_rn FROM ${helper} WHERE w_ord = ${o}) - 1 + ${start})`;
}

function rowWindowSession(e: Extract<Expr, { kind: 'call' }>, scope: Scope, rel: Relation, ctx: TranslateContext): Typed {
  const x = ctx.expr(e.args[0]!, scope);
  const maxFirst = ctx.expr(e.args[1]!, scope);
  const maxGap = ctx.expr(e.args[2]!, scope);
  const restart = e.args[3] ? ctx.expr(e.args[3], scope) : undefined;
  const isTime = x.type === 'datetime';
  if (!isTime && !isNumeric(x.type)) throw ctx.error('type', `row_window_session() needs a datetime or number, this is a ${x.type}`, e.args[0]!.span);
  const distance = (d: Typed, i: number) => {
    if (isTime && d.type === 'timespan') return `CAST(${microsFromInterval(d.sql)} AS DOUBLE)`;
    if (!isTime && isNumeric(d.type)) return `CAST(${d.sql} AS DOUBLE)`;
    throw ctx.error('type', `argument ${i + 1} of row_window_session() must be a ${isTime ? 'timespan' : 'number'}`, e.args[i]!.span);
  };
  if (restart && restart.type !== 'bool') throw ctx.error('type', 'the restart argument of row_window_session() must be a bool', e.args[3]!.span);
  const o = quoteIdent(ORDER_COLUMN);
  const value = isTime ? `CAST(epoch_us(${x.sql}) AS VARCHAR)` : `CAST(CAST(${x.sql} AS DOUBLE) AS VARCHAR)`;
  const restartSql = restart ? `CASE WHEN ${restart.sql} THEN '1' ELSE '0' END` : `'0'`;
  // One ordered pass in JavaScript (runtime/window.ts), results zipped back to the order keys.
  // The restart predicate may use prev()/next(), so it is evaluated over the ordered rows first.
  const rows = ctx.addCte('row_window_rows', `SELECT ${o} AS w_ord, coalesce(${value}, '') AS w_x, ${restartSql} AS w_r FROM ${rel.cte}`);
  const sessions = ctx.addCte(
    'row_window_session',
    `SELECT unnest(w_ords) AS w_ord, unnest(string_split(kql_row_window_session(w_xs, w_rs, ${distance(maxFirst, 1)}, ${distance(maxGap, 2)}), ',')) AS w_s ` +
      `FROM (SELECT list(w_ord ORDER BY w_ord) AS w_ords, string_agg(w_x, ',' ORDER BY w_ord) AS w_xs, string_agg(w_r, ',' ORDER BY w_ord) AS w_rs FROM ${rows})`,
  );
  const read = `(SELECT NULLIF(w_s, '') FROM ${sessions} WHERE w_ord = ${o})`;
  const sql = isTime ? `make_timestamp(CAST(${read} AS BIGINT))` : `CAST(${read} AS ${x.type === 'real' ? 'DOUBLE' : 'BIGINT'})`;
  return { sql, type: x.type };
}
