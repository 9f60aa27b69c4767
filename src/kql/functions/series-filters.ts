/**
 * Series filters (runtime/series-filters.ts): series_iir, series_fir, series_seasonal (its
 * default period -1 detects the period with series_periods_detect, as the page says).
 */
import { expectType, type ScalarFunction } from './registry.ts';
import { SERIES_FIR, SERIES_IIR, SERIES_SEASONAL } from '../runtime/series-filters.ts';

const double = (sql: string) => `CAST(${sql} AS DOUBLE)`;

export const SERIES_FILTER_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'series_iir',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: SERIES_IIR.call(
        expectType(a, 0, s, 'dynamic').sql,
        expectType(a, 1, s, 'dynamic').sql,
        expectType(a, 2, s, 'dynamic').sql,
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'series_fir',
    minArgs: 2,
    maxArgs: 4,
    translate: (a, s) => {
      const flag = (i: number, dflt: boolean) =>
        a[i]
          ? `CAST(${expectType(a, i, s, 'bool').sql} AS INTEGER)`
          : `CAST(${dflt ? 1 : 0} AS INTEGER)`;
      return {
        sql: SERIES_FIR.call(
          expectType(a, 0, s, 'dynamic').sql,
          expectType(a, 1, s, 'dynamic').sql,
          flag(2, true),
          flag(3, false),
        ),
        type: 'dynamic',
      };
    },
  },
  {
    name: 'series_seasonal',
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => ({
      // Without a period (or with -1) the runtime detects it (runtime/series-filters.ts).
      sql: SERIES_SEASONAL.call(
        expectType(a, 0, s, 'dynamic').sql,
        a[1] ? double(expectType(a, 1, s, 'long', 'int', 'real').sql) : 'CAST(-1 AS DOUBLE)',
      ),
      type: 'dynamic',
    }),
  },
];
