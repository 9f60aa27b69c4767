/**
 * `T | evaluate sliding_window_counts(IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin [, Dim…])`
 * (Kusto docs, sliding-window-counts-plugin.md): for each bin from Start through End and each
 * combination of dimensions, `Count` rows and `Dcount` distinct ids over the lookback window
 * ending with that bin — the bin and the bins before it, LookbackWindow rounded down to a whole
 * number of bins (the docs' example: 3d of 1d bins on 2017-08-04 counts 08-02 … 08-04). A bin
 * whose window holds no rows is left out.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { sqlColumns } from '../sql-names.ts';
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
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const SLIDING_WINDOW_COUNTS = definePlugin({
  name: 'sliding_window_counts',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    const start = constantArgument(call, 2, 'Start', ctx);
    const end = constantArgument(call, 3, 'End', ctx);
    const lookback = constantArgument(call, 4, 'LookbackWindow', ctx);
    const bin = constantArgument(call, 5, 'Bin', ctx);
    const dims = dimensions(call, 6, input, ctx);
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    const k = binIndex(t, start, bin, ctx, call.span);
    const last = binIndex(end, start, bin, ctx, call.span);
    // How many bins a window spans: LookbackWindow / Bin, rounded down (at least the bin itself).
    const span = arith(
      { lookback, bin },
      (n, s) =>
        callOf(
          'max_of',
          [
            callOf('tolong', [binary('/', n('lookback'), n('bin'), s)], s),
            { kind: 'literal', type: 'long', value: 1, span: s },
          ],
          s,
        ),
      ctx,
      call.span,
    );
    const d = dims.map((_, j) => `"d${j}"`);
    const rows = ctx.addCte(
      'sliding_rows',
      `SELECT ${[...dimensionItems(dims, scope), `${scope.get(id.name)!.sql} AS "id"`, `${k.sql} AS "k"`].join(', ')} FROM ${input.cte} WHERE ${t.sql} >= ${start.sql} AND ${k.sql} <= ${last.sql}`,
    );
    const bins = ctx.addCte(
      'sliding_bins',
      `SELECT unnest(range(0, CAST(${last.sql} AS BIGINT) + 1)) AS "w"`,
    );
    const columns: ColumnSchema[] = [
      timeline,
      ...dims,
      { name: 'Count', type: 'long' },
      { name: 'Dcount', type: 'long' },
    ];
    const out = sqlColumns(columns);
    const when = binStart({ sql: 'b."w"', type: 'long' }, start, bin, ctx, call.span);
    const select = [
      when.sql,
      ...d.map((x) => `r.${x}`),
      'CAST(count(*) AS BIGINT)',
      'CAST(count(DISTINCT r."id") AS BIGINT)',
    ];
    const cte = ctx.addCte(
      'sliding_window_counts',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM ${bins} AS b JOIN ${rows} AS r ON r."k" <= b."w" AND r."k" > b."w" - ${span.sql} GROUP BY ${['b."w"', ...d.map((x) => `r.${x}`)].join(', ')}`,
      call.span,
    );
    return { cte, columns };
  },
});
