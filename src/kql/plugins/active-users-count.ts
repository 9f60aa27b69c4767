/**
 * `T | evaluate active_users_count(IdColumn, TimelineColumn, Start, End, LookbackWindow, Period, ActivePeriodsCount, Bin [, Dim…])`
 * (Kusto docs, active-users-count-plugin.md): per bin from Start through End, the distinct ids with
 * an *active* appearance in it — an appearance whose lookback window (after its time minus
 * LookbackWindow, through its time; rows before Start count) holds appearances in at least
 * ActivePeriodsCount distinct Periods. The reference example's result (one active user in the
 * weeks of 07-01 and 07-15, none in the week of 07-08) needs the window's start excluded.
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
  constantArgument,
  dimensionItems,
  dimensions,
  sameDimensions,
} from './activity.ts';
import { definePlugin } from './spec.ts';

export const ACTIVE_USERS_COUNT = definePlugin({
  name: 'active_users_count',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    const start = constantArgument(call, 2, 'Start', ctx);
    const end = constantArgument(call, 3, 'End', ctx);
    const lookback = constantArgument(call, 4, 'LookbackWindow', ctx);
    const period = constantArgument(call, 5, 'Period', ctx);
    const active = constantArgument(call, 6, 'ActivePeriodsCount', ctx);
    const bin = constantArgument(call, 7, 'Bin', ctx);
    const dims = dimensions(call, 8, input, ctx);
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    const origin: Typed =
      timeline.type === 'datetime'
        ? { sql: `TIMESTAMP '1970-01-01'`, type: 'datetime' }
        : { sql: '0', type: 'long' };
    const d = dims.map((_, j) => `"d${j}"`);
    const apps = ctx.addCte(
      'active_users_rows',
      `SELECT DISTINCT ${[...dimensionItems(dims, scope), `${scope.get(id.name)!.sql} AS "id"`, `${t.sql} AS "t"`, `${binIndex(t, origin, period, ctx, call.span).sql} AS "p"`].join(', ')} FROM ${input.cte} WHERE ${t.sql} IS NOT NULL`,
    );
    const at = (alias: string): Typed => ({ sql: `${alias}."t"`, type: timeline.type });
    const within = arith(
      { a: at('a'), b: at('b'), w: lookback },
      (n, s) =>
        binary(
          'and',
          binary('<=', n('b'), n('a'), s),
          binary('>', n('b'), binary('-', n('a'), n('w'), s), s),
          s,
        ),
      ctx,
      call.span,
    );
    const inRange = `a."t" >= ${start.sql} AND a."t" <= ${end.sql}`;
    const activeApps = ctx.addCte(
      'active_users_active',
      `SELECT ${[...d.map((x) => `a.${x}`), 'a."id"', 'a."t"'].join(', ')} FROM ${apps} AS a JOIN ${apps} AS b ON ${['b."id" = a."id"', ...sameDimensions(dims, 'b', 'a'), within.sql].join(' AND ')} ` +
        `WHERE ${inRange} GROUP BY ${[...d.map((x) => `a.${x}`), 'a."id"', 'a."t"'].join(', ')} HAVING count(DISTINCT b."p") >= ${active.sql}`,
    );
    const columns: ColumnSchema[] = [timeline, ...dims, { name: 'dcount', type: 'long' }];
    const out = sqlColumns(columns);
    const k = binIndex({ sql: '"t"', type: timeline.type }, start, bin, ctx, call.span);
    const when = binStart({ sql: '"k"', type: 'long' }, start, bin, ctx, call.span);
    const select = [when.sql, ...d, 'CAST(count(DISTINCT "id") AS BIGINT)'];
    const cte = ctx.addCte(
      'active_users_count',
      `SELECT ${select.map((s, j) => `${s} AS ${out[j]}`).join(', ')} FROM (SELECT *, ${k.sql} AS "k" FROM ${activeApps}) GROUP BY ${['"k"', ...d].join(', ')}`,
      call.span,
    );
    return { cte, columns };
  },
});
