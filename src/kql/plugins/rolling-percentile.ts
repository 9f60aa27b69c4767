/**
 * `T | evaluate rolling_percentile(ValueColumn, Percentile, IndexColumn, BinSize, BinsPerWindow [, Dim…])`
 * (Kusto docs, rolling-percentile-plugin.md): per bin of IndexColumn (`bin(Index, BinSize)`) holding
 * rows, and dimension values, the Percentile of the values in the window of BinsPerWindow bins
 * ending with it (inclusive). Loupe's percentile is the exact nearest-rank value, which is what the
 * reference example's estimates are (median of 1…24 is 12). The column is named
 * `rolling_<BinsPerWindow>_percentile_<ValueColumn>_<Percentile>`, as Kusto.Language names it.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { sqlColumns } from '../sql-names.ts';
import { isNumeric } from '../types.ts';
import { inputColumn } from './arguments.ts';
import {
  arith,
  binary,
  callOf,
  constantArgument,
  dimensionItems,
  dimensions,
  sameDimensions,
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const ROLLING_PERCENTILE = definePlugin({
  name: 'rolling_percentile',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const value = inputColumn(call, 0, input, ctx);
    if (!isNumeric(value.type) && value.type !== 'datetime' && value.type !== 'timespan')
      throw ctx.error(
        'type',
        `rolling_percentile(): "${value.name}" is not numeric`,
        call.args[0]!.span,
      );
    const percentile = constantArgument(call, 1, 'Percentile', ctx);
    if (
      typeof percentile.literal !== 'number' ||
      percentile.literal < 0 ||
      percentile.literal > 100
    )
      throw ctx.error(
        'type',
        'rolling_percentile(): Percentile is a constant between 0 and 100',
        call.args[1]!.span,
      );
    const index = inputColumn(call, 2, input, ctx);
    const size = constantArgument(call, 3, 'BinSize', ctx);
    const bins = constantArgument(call, 4, 'BinsPerWindow', ctx);
    if (typeof bins.literal !== 'number' || !Number.isInteger(bins.literal) || bins.literal < 1)
      throw ctx.error(
        'type',
        'rolling_percentile(): BinsPerWindow is a positive integer constant',
        call.args[4]!.span,
      );
    const dims = dimensions(call, 5, input, ctx);
    const i = { sql: scope.get(index.name)!.sql, type: index.type };
    const binned = arith(
      { i, size },
      (n, s) => callOf('bin', [n('i'), n('size')], s),
      ctx,
      call.span,
    );
    const d = dims.map((_, j) => `"d${j}"`);
    const rows = ctx.addCte(
      'rolling_rows',
      `SELECT ${[...dimensionItems(dims, scope), `${scope.get(value.name)!.sql} AS "v"`, `${binned.sql} AS "b"`].join(', ')} FROM ${input.cte} WHERE ${binned.sql} IS NOT NULL`,
    );
    const windows = ctx.addCte(
      'rolling_bins',
      `SELECT DISTINCT ${[...d, '"b"'].join(', ')} FROM ${rows}`,
    );
    const from = arith(
      {
        b: { sql: 'w."b"', type: binned.type },
        size,
        n: { sql: String(bins.literal), type: 'long' },
      },
      (n, s) => binary('-', n('b'), binary('*', n('n'), n('size'), s), s),
      ctx,
      call.span,
    );
    const name = `rolling_${bins.literal}_percentile_${value.name}_${percentile.literal}`;
    const columns: ColumnSchema[] = [index, ...dims, { name, type: value.type }];
    const out = sqlColumns(columns);
    const select = [
      'w."b"',
      ...d.map((x) => `w.${x}`),
      `quantile_disc(r."v", ${percentile.literal / 100})`,
    ];
    const cte = ctx.addCte(
      'rolling_percentile',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM ${windows} AS w JOIN ${rows} AS r ON ${['r."b" <= w."b"', `r."b" > ${from.sql}`, ...sameDimensions(dims, 'r', 'w')].join(' AND ')} GROUP BY ${['w."b"', ...d.map((x) => `w.${x}`)].join(', ')}`,
      call.span,
    );
    return { cte, columns };
  },
});
