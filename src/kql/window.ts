/**
 * Window functions of serialized row sets: `prev(x [, offset [, default]])`,
 * `next(x [, offset [, default]])`, `row_number([start [, restart]])`,
 * `row_window_session(x, maxFromFirst, maxBetween [, restart])`, `row_rank_dense(t [, restart])`,
 * `row_rank_min(t [, restart])`, `row_cumsum(term [, restart])`. They need a defined row order —
 * after `serialize`, `sort`/`order by`, `top` — which the relation keeps in its hidden order
 * column; over an unordered relation they are refused, as Kusto refuses them.
 */
import type { Expr, Span } from './ast.ts';
import type { Scope } from './scope.ts';
import type { TranslateContext } from './context.ts';
import { datetimeFromMicros, epochMicros, microsFromInterval, quoteIdent } from './sql.ts';
import { isIntegral, isNumeric, ORDER_COLUMN, type Relation, type Typed } from './types.ts';
import { ROW_WINDOW_SESSION } from './runtime/window.ts';

export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set([
  'prev',
  'next',
  'row_number',
  'row_window_session',
  'row_rank_dense',
  'row_rank_min',
  'row_cumsum',
]);

function orderedRelation(
  e: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  ctx: TranslateContext,
): Relation {
  const rel = scope.relation;
  if (!rel?.order)
    throw ctx.error(
      'type',
      `${e.name}() needs serialized rows: add "| serialize" or sort them first`,
      e.nameSpan,
    );
  return rel;
}

function arity(
  e: Extract<Expr, { kind: 'call' }>,
  min: number,
  max: number,
  ctx: TranslateContext,
): void {
  if (e.args.length < min || e.args.length > max)
    throw ctx.error(
      'type',
      `${e.name}() takes ${min} to ${max} argument(s), got ${e.args.length}`,
      e.span,
    );
}

function constantLong(x: Typed, what: string, span: Span, ctx: TranslateContext): string {
  if (!isIntegral(x.type))
    throw ctx.error('type', `${what} must be a long, this is a ${x.type}`, span);
  return x.sql;
}

const ORDER = `ORDER BY ${quoteIdent(ORDER_COLUMN)}`;

export function windowCall(
  e: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  ctx: TranslateContext,
): Typed {
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
      if (restart.type !== 'bool')
        throw ctx.error(
          'type',
          'the restart argument of row_number() must be a bool',
          e.args[1].span,
        );
      return { sql: rowNumberWithRestart(rel, start, restart.sql, ctx), type: 'long' };
    }
    case 'row_window_session':
      arity(e, 3, 4, ctx);
      return rowWindowSession(e, scope, rel, ctx);
    case 'row_rank_dense':
    case 'row_rank_min': {
      arity(e, 1, 2, ctx);
      const term = arg(0);
      if (term.type === 'dynamic')
        throw ctx.error('type', `${e.name}() of a dynamic value`, e.args[0]!.span);
      const restart = e.args[1] ? arg(1) : undefined;
      if (restart && restart.type !== 'bool')
        throw ctx.error(
          'type',
          `the restart argument of ${e.name}() must be a bool`,
          e.args[1]!.span,
        );
      return { sql: rowRank(e.name, rel, term.sql, restart?.sql ?? 'FALSE', ctx), type: 'long' };
    }
    case 'row_cumsum': {
      arity(e, 1, 2, ctx);
      const term = arg(0);
      if (!isNumeric(term.type))
        throw ctx.error(
          'type',
          `row_cumsum() needs an int, long, real or decimal, this is a ${term.type}`,
          e.args[0]!.span,
        );
      const restart = e.args[1] ? arg(1) : undefined;
      if (restart && restart.type !== 'bool')
        throw ctx.error(
          'type',
          'the restart argument of row_cumsum() must be a bool',
          e.args[1]!.span,
        );
      // An int sum is a long, as in Kusto's sum().
      const type = term.type === 'int' ? 'long' : term.type;
      return {
        sql: rowCumsum(
          rel,
          term.sql,
          restart?.sql ?? 'FALSE',
          type === 'real' ? 'DOUBLE' : type === 'decimal' ? 'DECIMAL(38, 18)' : 'BIGINT',
          ctx,
        ),
        type,
      };
    }
  }
  throw ctx.error('unknown-function', `unknown window function "${e.name}"`, e.nameSpan);
}

/**
 * Window functions cannot nest, so the restart groups are computed in a helper CTE keyed by the
 * order column and read back with a (decorrelated) scalar subquery.
 */
function rowNumberWithRestart(
  rel: Relation,
  start: string,
  restart: string,
  ctx: TranslateContext,
): string {
  const o = quoteIdent(ORDER_COLUMN);
  // The restart predicate may itself use prev()/next(), so it is evaluated in a CTE of its own.
  const flags = ctx.addCte(
    'row_number_restarts',
    `SELECT ${o} AS w_ord, CASE WHEN ${restart} THEN 1 ELSE 0 END AS w_r FROM ${rel.cte}`,
  );
  const helper = ctx.addCte(
    'row_number',
    `SELECT w_ord, row_number() OVER (PARTITION BY w_grp ORDER BY w_ord) AS w_rn FROM ` +
      `(SELECT w_ord, sum(w_r) OVER (ORDER BY w_ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS w_grp FROM ${flags})`,
  );
  return `((SELECT w_rn FROM ${helper} WHERE w_ord = ${o}) - 1 + ${start})`;
}

/**
 * row_rank_dense(t, restart): 1 at the first row of each restart group, +1 each time t differs from
 * the previous row's. row_rank_min(t, restart): the row number (within the group) where the current
 * run of equal t values started. Computed in helper CTEs (window functions cannot nest).
 */
function rowRank(
  name: string,
  rel: Relation,
  term: string,
  restart: string,
  ctx: TranslateContext,
): string {
  const o = quoteIdent(ORDER_COLUMN);
  const flags = ctx.addCte(
    'row_rank_terms',
    `SELECT ${o} AS w_ord, ${term} AS w_t, CASE WHEN ${restart} THEN 1 ELSE 0 END AS w_r FROM ${rel.cte}`,
  );
  const groups = ctx.addCte(
    'row_rank_groups',
    `SELECT w_ord, w_t, sum(w_r) OVER (ORDER BY w_ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS w_grp FROM ${flags}`,
  );
  const w = 'OVER (PARTITION BY w_grp ORDER BY w_ord)';
  const runs = ctx.addCte(
    'row_rank_runs',
    `SELECT w_ord, w_grp, row_number() ${w} AS w_rn, CASE WHEN row_number() ${w} = 1 OR w_t IS DISTINCT FROM lag(w_t) ${w} THEN 1 ELSE 0 END AS w_chg FROM ${groups}`,
  );
  const upTo =
    'OVER (PARTITION BY w_grp ORDER BY w_ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
  const value =
    name === 'row_rank_dense'
      ? `sum(w_chg) ${upTo}`
      : `max(CASE WHEN w_chg = 1 THEN w_rn END) ${upTo}`;
  const ranks = ctx.addCte(
    'row_rank',
    `SELECT w_ord, CAST(${value} AS BIGINT) AS w_rank FROM ${runs}`,
  );
  return `(SELECT w_rank FROM ${ranks} WHERE w_ord = ${o})`;
}

/**
 * row_cumsum(term, restart): the running sum of term in row order, back to 0 on each row where
 * restart is true (that row's term is the first of the new sum). Helper CTEs as for row_rank_*:
 * the term and the restart may use prev()/next(), and window functions cannot nest.
 */
function rowCumsum(
  rel: Relation,
  term: string,
  restart: string,
  sqlType: string,
  ctx: TranslateContext,
): string {
  const o = quoteIdent(ORDER_COLUMN);
  const flags = ctx.addCte(
    'row_cumsum_terms',
    `SELECT ${o} AS w_ord, ${term} AS w_t, CASE WHEN ${restart} THEN 1 ELSE 0 END AS w_r FROM ${rel.cte}`,
  );
  const upTo = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
  const groups = ctx.addCte(
    'row_cumsum_groups',
    `SELECT w_ord, w_t, sum(w_r) OVER (ORDER BY w_ord ${upTo}) AS w_grp FROM ${flags}`,
  );
  const sums = ctx.addCte(
    'row_cumsum',
    `SELECT w_ord, CAST(sum(w_t) OVER (PARTITION BY w_grp ORDER BY w_ord ${upTo}) AS ${sqlType}) AS w_sum FROM ${groups}`,
  );
  return `(SELECT w_sum FROM ${sums} WHERE w_ord = ${o})`;
}

function rowWindowSession(
  e: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  rel: Relation,
  ctx: TranslateContext,
): Typed {
  const x = ctx.expr(e.args[0]!, scope);
  const maxFirst = ctx.expr(e.args[1]!, scope);
  const maxGap = ctx.expr(e.args[2]!, scope);
  const restart = e.args[3] ? ctx.expr(e.args[3], scope) : undefined;
  const isTime = x.type === 'datetime';
  if (!isTime && !isNumeric(x.type))
    throw ctx.error(
      'type',
      `row_window_session() needs a datetime or number, this is a ${x.type}`,
      e.args[0]!.span,
    );
  const distance = (d: Typed, i: number) => {
    if (isTime && d.type === 'timespan') return `CAST(${microsFromInterval(d.sql)} AS DOUBLE)`;
    if (!isTime && isNumeric(d.type)) return `CAST(${d.sql} AS DOUBLE)`;
    throw ctx.error(
      'type',
      `argument ${i + 1} of row_window_session() must be a ${isTime ? 'timespan' : 'number'}`,
      e.args[i]!.span,
    );
  };
  if (restart && restart.type !== 'bool')
    throw ctx.error(
      'type',
      'the restart argument of row_window_session() must be a bool',
      e.args[3]!.span,
    );
  const o = quoteIdent(ORDER_COLUMN);
  const value = isTime
    ? `CAST(${epochMicros(x.sql)} AS VARCHAR)`
    : `CAST(CAST(${x.sql} AS DOUBLE) AS VARCHAR)`;
  const restartSql = restart ? `CASE WHEN ${restart.sql} THEN '1' ELSE '0' END` : `'0'`;
  // One ordered pass in JavaScript (runtime/window.ts), results zipped back to the order keys.
  // The restart predicate may use prev()/next(), so it is evaluated over the ordered rows first.
  const rows = ctx.addCte(
    'row_window_rows',
    `SELECT ${o} AS w_ord, coalesce(${value}, '') AS w_x, ${restartSql} AS w_r FROM ${rel.cte}`,
  );
  const sessions = ctx.addCte(
    'row_window_session',
    `SELECT unnest(w_ords) AS w_ord, unnest(string_split(${ROW_WINDOW_SESSION.call('w_xs', 'w_rs', distance(maxFirst, 1), distance(maxGap, 2))}, ',')) AS w_s ` +
      `FROM (SELECT list(w_ord ORDER BY w_ord) AS w_ords, string_agg(w_x, ',' ORDER BY w_ord) AS w_xs, string_agg(w_r, ',' ORDER BY w_ord) AS w_rs FROM ${rows})`,
  );
  const read = `(SELECT NULLIF(w_s, '') FROM ${sessions} WHERE w_ord = ${o})`;
  const sql = isTime
    ? datetimeFromMicros(read)
    : `CAST(${read} AS ${x.type === 'real' ? 'DOUBLE' : 'BIGINT'})`;
  return { sql, type: x.type };
}

/** Whether an expression calls a window function (so a filter on it must be a QUALIFY). */
export function usesWindowFunction(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return WINDOW_FUNCTIONS.has(e.name) || e.args.some(usesWindowFunction);
    case 'unary':
      return usesWindowFunction(e.operand);
    case 'binary':
      return usesWindowFunction(e.left) || usesWindowFunction(e.right);
    case 'in':
      return usesWindowFunction(e.left) || e.items.some(usesWindowFunction);
    case 'between':
      return usesWindowFunction(e.left) || usesWindowFunction(e.low) || usesWindowFunction(e.high);
    case 'has-list':
      return usesWindowFunction(e.left) || e.items.some(usesWindowFunction);
    case 'index':
      return usesWindowFunction(e.target) || usesWindowFunction(e.index);
    case 'member':
      return usesWindowFunction(e.target);
    default:
      return false;
  }
}
