/**
 * `T | evaluate activity_engagement(IdColumn, TimelineColumn, [Start, End,] InnerActivityWindow, OuterActivityWindow [, Dim…])`
 * (Kusto docs, activity-engagement-plugin.md): per inner window (from Start, or the epoch) holding
 * rows and dimension values: `dcount_activities_inner` distinct ids in it,
 * `dcount_activities_outer` distinct ids in the OuterActivityWindow that ends with it (the inner
 * windows overlapping it), `activity_ratio` their ratio — DAU/MAU with 1d and 30d. Rows outside
 * Start…End are not counted, so the first outer windows are partial (the Kusto engine's answer for
 * the reference example starts at a ratio of 1).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { sqlColumns } from '../sql-names.ts';
import type { Typed } from '../types.ts';
import { inputColumn } from './arguments.ts';
import {
  arith,
  binary,
  binIndex,
  binStart,
  callOf,
  constantArgument,
  dimensionItems,
  dimensions,
  isConstantArgument,
  sameDimensions,
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const ACTIVITY_ENGAGEMENT = definePlugin({
  name: 'activity_engagement',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    const bounded = isConstantArgument(call, 4, input) && isConstantArgument(call, 5, input);
    const start: Typed | undefined = bounded ? constantArgument(call, 2, 'Start', ctx) : undefined;
    const end: Typed | undefined = bounded ? constantArgument(call, 3, 'End', ctx) : undefined;
    const inner = constantArgument(call, bounded ? 4 : 2, 'InnerActivityWindow', ctx);
    const outer = constantArgument(call, bounded ? 5 : 3, 'OuterActivityWindow', ctx);
    const dims = dimensions(call, bounded ? 6 : 4, input, ctx);
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    const origin: Typed =
      start ??
      (timeline.type === 'datetime'
        ? { sql: `TIMESTAMP '1970-01-01'`, type: 'datetime' }
        : { sql: '0', type: 'long' });
    const k = binIndex(t, origin, inner, ctx, call.span);
    const range = start && end ? ` WHERE ${t.sql} >= ${start.sql} AND ${t.sql} <= ${end.sql}` : '';
    // Inner windows an outer window spans (at least one).
    const span = arith(
      { inner, outer },
      (n, s) =>
        callOf(
          'max_of',
          [
            callOf('tolong', [binary('/', n('outer'), n('inner'), s)], s),
            { kind: 'literal', type: 'long', value: 1, span: s },
          ],
          s,
        ),
      ctx,
      call.span,
    );
    const d = dims.map((_, j) => `"d${j}"`);
    const rows = ctx.addCte(
      'engagement_rows',
      `SELECT DISTINCT ${[...dimensionItems(dims, scope), `${scope.get(id.name)!.sql} AS "id"`, `${k.sql} AS "k"`].join(', ')} FROM ${input.cte}${range}`,
    );
    const windows = ctx.addCte(
      'engagement_windows',
      `SELECT DISTINCT ${[...d, '"k"'].join(', ')} FROM ${rows}`,
    );
    const columns: ColumnSchema[] = [
      timeline,
      ...dims,
      { name: 'dcount_activities_inner', type: 'long' },
      { name: 'dcount_activities_outer', type: 'long' },
      { name: 'activity_ratio', type: 'real' },
    ];
    const out = sqlColumns(columns);
    const when = binStart({ sql: 'w."k"', type: 'long' }, origin, inner, ctx, call.span);
    const innerCount = `count(DISTINCT CASE WHEN r."k" = w."k" THEN r."id" END)`;
    const outerCount = 'count(DISTINCT r."id")';
    const select = [
      when.sql,
      ...d.map((x) => `w.${x}`),
      `CAST(${innerCount} AS BIGINT)`,
      `CAST(${outerCount} AS BIGINT)`,
      `CAST(${innerCount} AS DOUBLE) / ${outerCount}`,
    ];
    const on = [
      'r."k" <= w."k"',
      `r."k" > w."k" - ${span.sql}`,
      ...sameDimensions(dims, 'r', 'w'),
    ].join(' AND ');
    const cte = ctx.addCte(
      'activity_engagement',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM ${windows} AS w JOIN ${rows} AS r ON ${on} GROUP BY ${['w."k"', ...d.map((x) => `w.${x}`)].join(', ')}`,
      call.span,
    );
    return { cte, columns };
  },
});
