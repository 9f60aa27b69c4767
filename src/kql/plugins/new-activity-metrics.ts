/**
 * `T | evaluate new_activity_metrics(IdColumn, TimelineColumn, Start, End, Window [, Cohort] [, Dim…] [, Lookback])`
 * (Kusto docs, new-activity-metrics-plugin.md): for each cohort window `from` (the ids first seen
 * in it; ids of the Lookback table are never new) and each window `to` from it through End:
 * `dcount_new_values` ids in `to` not seen before `from` (nor in `from`, when `to` is later),
 * `dcount_retained_values` cohort ids seen in `to`, `dcount_churn_values` the other cohort ids,
 * `retention_rate` and `churn_rate` their shares of the cohort (NaN for an empty cohort). The
 * reference page's worked example (users by day, records R=1…11) is reproduced in the tests.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';
import type { Typed } from '../types.ts';
import { inputColumn, tabularArgument } from './arguments.ts';
import {
  binIndex,
  binStart,
  constantArgument,
  dimensionItems,
  isConstantArgument,
  sameDimensions,
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const NEW_ACTIVITY_METRICS = definePlugin({
  name: 'new_activity_metrics',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    const start = constantArgument(call, 2, 'Start', ctx);
    const end = constantArgument(call, 3, 'End', ctx);
    const window = constantArgument(call, 4, 'Window', ctx);
    const lookbackArg =
      call.args[call.args.length - 1]?.kind === 'tabular' ? call.args.length - 1 : undefined;
    const hasCohort =
      call.args.length > 5 && lookbackArg !== 5 && isConstantArgument(call, 5, input);
    const cohort: Typed | undefined = hasCohort
      ? constantArgument(call, 5, 'Cohort', ctx)
      : undefined;
    const dimFrom = hasCohort ? 6 : 5;
    const dims = Array.from(
      { length: Math.max(0, (lookbackArg ?? call.args.length) - dimFrom) },
      (_, j) => inputColumn(call, dimFrom + j, input, ctx),
    );
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    const k = binIndex(t, start, window, ctx, call.span);
    const last = binIndex(end, start, window, ctx, call.span);
    const d = dims.map((_, j) => `"d${j}"`);
    const rows = ctx.addCte(
      'new_activity_rows',
      `SELECT DISTINCT ${[...dimensionItems(dims, scope), `${scope.get(id.name)!.sql} AS "id"`, `${k.sql} AS "k"`].join(', ')} FROM ${input.cte} WHERE ${t.sql} >= ${start.sql} AND ${k.sql} <= ${last.sql}`,
    );
    let notLookback = '';
    if (lookbackArg !== undefined) {
      const lookback = ctx.translatePipeline(tabularArgument(call, lookbackArg, ctx));
      if (!lookback.columns.some((c) => c.name === id.name))
        throw ctx.error(
          'unknown-column',
          `new_activity_metrics(): the lookback table has no column "${id.name}"`,
          call.args[lookbackArg]!.span,
        );
      notLookback = ` WHERE "id" NOT IN (SELECT ${sqlColumn(lookback.columns, id.name)} FROM ${lookback.cte} WHERE ${sqlColumn(lookback.columns, id.name)} IS NOT NULL)`;
    }
    const firsts = ctx.addCte(
      'new_activity_firsts',
      `SELECT ${[...d, '"id"', 'min("k") AS "fk"'].join(', ')} FROM ${rows}${notLookback} GROUP BY ${[...d, '"id"'].join(', ')}`,
    );
    const cohortK = cohort ? binIndex(cohort, start, window, ctx, call.span).sql : undefined;
    const pairs = ctx.addCte(
      'new_activity_pairs',
      `SELECT ${[...d.map((x) => `c.${x}`), 'f."k" AS "fk"', 't."k" AS "tk"'].join(', ')} FROM (SELECT DISTINCT ${d.join(', ') || '1 AS "one"'} FROM ${rows}) AS c, ` +
        `(SELECT unnest(range(0, CAST(${last.sql} AS BIGINT) + 1)) AS "k") AS f, (SELECT unnest(range(0, CAST(${last.sql} AS BIGINT) + 1)) AS "k") AS t ` +
        `WHERE t."k" >= f."k"${cohortK ? ` AND f."k" = ${cohortK}` : ''}`,
    );
    const group = [...d.map((x) => `p.${x}`), 'p."fk"', 'p."tk"'].join(', ');
    const metrics = ctx.addCte(
      'new_activity_counts',
      `SELECT ${group}, ` +
        `count(DISTINCT CASE WHEN f."fk" = p."fk" THEN f."id" END) AS "retained", ` +
        `count(DISTINCT CASE WHEN (p."tk" = p."fk" AND f."fk" >= p."fk") OR (p."tk" <> p."fk" AND f."fk" > p."fk") THEN f."id" END) AS "fresh", ` +
        `(SELECT count(*) FROM ${firsts} AS s WHERE ${['s."fk" = p."fk"', ...sameDimensions(dims, 's', 'p')].join(' AND ')}) AS "size" ` +
        `FROM ${pairs} AS p LEFT JOIN ${rows} AS r ON ${['r."k" = p."tk"', ...sameDimensions(dims, 'r', 'p')].join(' AND ')} ` +
        `LEFT JOIN ${firsts} AS f ON ${['f."id" = r."id"', ...sameDimensions(dims, 'f', 'r')].join(' AND ')} GROUP BY ${group}`,
    );
    const columns: ColumnSchema[] = [
      { name: `from_${timeline.name}`, type: timeline.type },
      { name: `to_${timeline.name}`, type: timeline.type },
      ...dims,
      { name: 'dcount_new_values', type: 'long' },
      { name: 'dcount_retained_values', type: 'long' },
      { name: 'dcount_churn_values', type: 'long' },
      { name: 'retention_rate', type: 'real' },
      { name: 'churn_rate', type: 'real' },
    ];
    const out = sqlColumns(columns);
    const rate = (n: string) =>
      `CASE WHEN m."size" = 0 THEN CAST('NaN' AS DOUBLE) ELSE CAST(${n} AS DOUBLE) / m."size" END`;
    const select = [
      binStart({ sql: 'm."fk"', type: 'long' }, start, window, ctx, call.span).sql,
      binStart({ sql: 'm."tk"', type: 'long' }, start, window, ctx, call.span).sql,
      ...d.map((x) => `m.${x}`),
      'CAST(m."fresh" AS BIGINT)',
      'CAST(m."retained" AS BIGINT)',
      'CAST(m."size" - m."retained" AS BIGINT)',
      rate('m."retained"'),
      rate('m."size" - m."retained"'),
    ];
    const cte = ctx.addCte(
      'new_activity_metrics',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM ${metrics} AS m`,
      call.span,
    );
    return { cte, columns };
  },
});
