/**
 * `T | evaluate activity_metrics(IdColumn, TimelineColumn, [Start, End,] Window [, Dim…])` (Kusto
 * docs, activity-metrics-plugin.md): per window (of Window from Start, or from the epoch without
 * Start) and dimension values, compared with the window just before it:
 * `dcount_values` distinct ids; `dcount_newvalues` those not in the previous window;
 * `retention_rate` = (ids − new ids) / ids of the previous window; `churn_rate` = 1 − retention.
 * A window whose previous one has no ids (the first) has retention 1 and churn 0, as the Kusto
 * engine answers for the reference page's example (the page shows NaN).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { sqlColumns } from '../sql-names.ts';
import type { Typed } from '../types.ts';
import { inputColumn } from './arguments.ts';
import {
  binIndex,
  binStart,
  constantArgument,
  dimensionItems,
  dimensions,
  isConstantArgument,
  sameDimensions,
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const ACTIVITY_METRICS = definePlugin({
  name: 'activity_metrics',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    // With Start and End, three constants follow the columns; without, only Window.
    const bounded = isConstantArgument(call, 3, input) && isConstantArgument(call, 4, input);
    const start: Typed | undefined = bounded ? constantArgument(call, 2, 'Start', ctx) : undefined;
    const end: Typed | undefined = bounded ? constantArgument(call, 3, 'End', ctx) : undefined;
    const window = constantArgument(call, bounded ? 4 : 2, 'Window', ctx);
    const dims = dimensions(call, bounded ? 5 : 3, input, ctx);
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    // Without Start, windows are aligned on the epoch (bin()).
    const origin: Typed =
      start ??
      (timeline.type === 'datetime'
        ? { sql: `TIMESTAMP '1970-01-01'`, type: 'datetime' }
        : { sql: '0', type: 'long' });
    const k = binIndex(t, origin, window, ctx, call.span);
    const range =
      start && end
        ? ` WHERE ${t.sql} >= ${start.sql} AND ${k.sql} <= ${binIndex(end, origin, window, ctx, call.span).sql}`
        : '';
    const d = dims.map((_, j) => `"d${j}"`);
    const rows = ctx.addCte(
      'activity_rows',
      `SELECT DISTINCT ${[...dimensionItems(dims, scope), `${scope.get(id.name)!.sql} AS "id"`, `${k.sql} AS "k"`].join(', ')} FROM ${input.cte}${range}`,
    );
    const groupBy = [...d, '"k"'].join(', ');
    const counts = ctx.addCte(
      'activity_window_counts',
      `SELECT ${groupBy}, count(*) AS "v" FROM ${rows} GROUP BY ${groupBy}`,
    );
    const kept = ctx.addCte(
      'activity_kept',
      `SELECT ${[...d.map((x) => `c.${x}`), 'c."k"'].join(', ')}, count(*) AS "kept" FROM ${rows} AS c JOIN ${rows} AS p ON ${['p."k" = c."k" - 1', 'p."id" = c."id"', ...sameDimensions(dims, 'p', 'c')].join(' AND ')} GROUP BY ${[...d.map((x) => `c.${x}`), 'c."k"'].join(', ')}`,
    );
    const columns: ColumnSchema[] = [
      timeline,
      ...dims,
      { name: 'dcount_values', type: 'long' },
      { name: 'dcount_newvalues', type: 'long' },
      { name: 'retention_rate', type: 'real' },
      { name: 'churn_rate', type: 'real' },
    ];
    const out = sqlColumns(columns);
    const when = binStart({ sql: 'c."k"', type: 'long' }, origin, window, ctx, call.span);
    const keptN = 'coalesce(kp."kept", 0)';
    const retention = `CASE WHEN coalesce(pc."v", 0) = 0 THEN 1.0 ELSE CAST(${keptN} AS DOUBLE) / pc."v" END`;
    const select = [
      when.sql,
      ...d.map((x) => `c.${x}`),
      'CAST(c."v" AS BIGINT)',
      `CAST(c."v" - ${keptN} AS BIGINT)`,
      retention,
      `1.0 - ${retention}`,
    ];
    const cte = ctx.addCte(
      'activity_metrics',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM ${counts} AS c ` +
        `LEFT JOIN ${counts} AS pc ON ${['pc."k" = c."k" - 1', ...sameDimensions(dims, 'pc', 'c')].join(' AND ')} ` +
        `LEFT JOIN ${kept} AS kp ON ${['kp."k" = c."k"', ...sameDimensions(dims, 'kp', 'c')].join(' AND ')}`,
      call.span,
    );
    return { cte, columns };
  },
});
