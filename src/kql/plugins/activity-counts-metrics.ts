/**
 * `T | evaluate activity_counts_metrics(IdColumn, TimelineColumn, Start, End, Step [, Dim…])` (Kusto
 * docs, activity-counts-metrics-plugin.md): per window of Step from Start (the windows of the rows
 * from Start through End) and dimension values: `count` rows, `dcount` distinct ids, `new_dcount`
 * ids not seen in any earlier window, `aggregated_dcount` distinct ids from the first window
 * through this one. Windows without rows are left out.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { sqlColumns } from '../sql-names.ts';
import { inputColumn } from './arguments.ts';
import {
  binIndex,
  binStart,
  constantArgument,
  dimensionItems,
  dimensions,
  sameDimensions,
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const ACTIVITY_COUNTS_METRICS = definePlugin({
  name: 'activity_counts_metrics',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    const start = constantArgument(call, 2, 'Start', ctx);
    const end = constantArgument(call, 3, 'End', ctx);
    const step = constantArgument(call, 4, 'Step', ctx);
    const dims = dimensions(call, 5, input, ctx);
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    const k = binIndex(t, start, step, ctx, call.span);
    const last = binIndex(end, start, step, ctx, call.span);
    const d = dims.map((_, j) => `"d${j}"`);
    const rows = ctx.addCte(
      'activity_rows',
      `SELECT ${[...dimensionItems(dims, scope), `${scope.get(id.name)!.sql} AS "id"`, `${k.sql} AS "k"`].join(', ')} FROM ${input.cte} WHERE ${t.sql} >= ${start.sql} AND ${k.sql} <= ${last.sql}`,
    );
    const firsts = ctx.addCte(
      'activity_firsts',
      `SELECT ${[...d, 'min("k") AS "k"'].join(', ')} FROM ${rows} GROUP BY ${[...d, '"id"'].join(', ')}`,
    );
    const per = ctx.addCte(
      'activity_windows',
      `SELECT ${[...d, '"k"', 'count(*) AS "c"', 'count(DISTINCT "id") AS "dc"'].join(', ')} FROM ${rows} GROUP BY ${[...d, '"k"'].join(', ')}`,
    );
    const fresh = ctx.addCte(
      'activity_new',
      `SELECT ${[...d, '"k"', 'count(*) AS "n"'].join(', ')} FROM ${firsts} GROUP BY ${[...d, '"k"'].join(', ')}`,
    );
    const columns: ColumnSchema[] = [
      timeline,
      ...dims,
      { name: 'count', type: 'long' },
      { name: 'dcount', type: 'long' },
      { name: 'new_dcount', type: 'long' },
      { name: 'aggregated_dcount', type: 'long' },
    ];
    const out = sqlColumns(columns);
    const when = binStart({ sql: 'p."k"', type: 'long' }, start, step, ctx, call.span);
    const n = 'coalesce(f."n", 0)';
    const counts = [
      'p."c"',
      'p."dc"',
      n,
      `sum(${n}) OVER (PARTITION BY ${d.map((x) => `p.${x}`).join(', ') || '1'} ORDER BY p."k")`,
    ].map((c) => `CAST(${c} AS BIGINT)`);
    const select = [when.sql, ...d.map((x) => `p.${x}`), ...counts];
    const on = ['f."k" = p."k"', ...sameDimensions(dims, 'f', 'p')].join(' AND ');
    const cte = ctx.addCte(
      'activity_counts_metrics',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM ${per} AS p LEFT JOIN ${fresh} AS f ON ${on}`,
      call.span,
    );
    return { cte, columns };
  },
});
