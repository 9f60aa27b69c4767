/**
 * `T | evaluate funnel_sequence_completion(IdColumn, TimelineColumn, Start, End, BinSize, StateColumn, Sequence, MaxSequenceStepPeriods)`
 * (Kusto docs, funnel-sequence-completion-plugin.md): per window of BinSize from Start holding
 * first-step rows, per period of MaxSequenceStepPeriods and per step of Sequence, `dcount` the
 * distinct ids that reached that step: a first-step row in the window, then each later step at or
 * after the one before, the step reached at most the period after the first. Each id's earliest
 * possible continuation is taken, which reaches every step as early as any chain can.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { toJsonSql } from '../convert.ts';
import { Scope } from '../scope.ts';
import { sqlString } from '../sql.ts';
import { sqlColumns } from '../sql-names.ts';
import type { Typed } from '../types.ts';
import { constantValue, convertTo, inputColumn } from './arguments.ts';
import { arith, binary, binIndex, binStart, constantArgument } from './activity.ts';
import { definePlugin } from './spec.ts';

export const FUNNEL_SEQUENCE_COMPLETION = definePlugin({
  name: 'funnel_sequence_completion',
  translate(call, input, ctx) {
    const scope = Scope.of(input);
    const id = inputColumn(call, 0, input, ctx);
    const timeline = inputColumn(call, 1, input, ctx);
    const start = constantArgument(call, 2, 'Start', ctx);
    const end = constantArgument(call, 3, 'End', ctx);
    const size = constantArgument(call, 4, 'BinSize', ctx);
    const state = inputColumn(call, 5, input, ctx);
    const seqArg = call.args[6];
    const periodsArg = call.args[7];
    if (seqArg?.kind !== 'scalar' || periodsArg?.kind !== 'scalar' || call.args.length !== 8)
      throw ctx.error(
        'type',
        'funnel_sequence_completion() takes 8 arguments, the last two dynamic arrays',
        call.span,
      );
    const sequence = constantValue(seqArg, ctx);
    if (!Array.isArray(sequence) || sequence.length < 1)
      throw ctx.error(
        'type',
        'funnel_sequence_completion(): Sequence is a constant dynamic array of states',
        seqArg.span,
      );
    const periods = ctx.expr(periodsArg.expr, new Scope([]));
    if (periods.type !== 'dynamic')
      throw ctx.error(
        'type',
        'funnel_sequence_completion(): MaxSequenceStepPeriods is a dynamic array of timespans',
        periodsArg.span,
      );
    const t = { sql: scope.get(timeline.name)!.sql, type: timeline.type };
    const stateJson = toJsonSql({ sql: scope.get(state.name)!.sql, type: state.type });
    const rows = ctx.addCte(
      'funnel_rows',
      `SELECT ${scope.get(id.name)!.sql} AS "id", ${t.sql} AS "t", ${stateJson} AS "s" FROM ${input.cte} WHERE ${t.sql} >= ${start.sql} AND ${t.sql} <= ${end.sql}`,
    );
    // Step 1 rows, then each step's earliest row at or after the step before, for the same id.
    const stepJson = (v: unknown) => sqlString(JSON.stringify(v));
    let chain = ctx.addCte(
      'funnel_step1',
      `SELECT "id", "t" AS "t1", "t" AS "t_1", ${binIndex({ sql: '"t"', type: timeline.type }, start, size, ctx, call.span).sql} AS "k" FROM ${rows} WHERE "s" = ${stepJson(sequence[0])}`,
    );
    for (let j = 2; j <= sequence.length; j++) {
      const cols = [
        'c."id"',
        'c."t1"',
        'c."k"',
        ...Array.from({ length: j - 1 }, (_, m) => `c."t_${m + 1}"`),
      ];
      chain = ctx.addCte(
        `funnel_step${j}`,
        `SELECT ${cols.join(', ')}, min(r."t") AS "t_${j}" FROM ${chain} AS c LEFT JOIN ${rows} AS r ON r."id" = c."id" AND r."s" = ${stepJson(sequence[j - 1])} AND r."t" >= c."t_${j - 1}" GROUP BY ${cols.join(', ')}`,
      );
    }
    const periodList = ctx.addCte(
      'funnel_periods',
      `SELECT ${convertTo({ sql: 'kql_mv_item(p, CAST(i AS DOUBLE), 0)', type: 'dynamic' }, timeline.type === 'datetime' ? 'timespan' : timeline.type, ctx, call.span).sql} AS "period", i FROM (SELECT ${periods.sql} AS p, unnest(range(CAST(kql_mv_count(${periods.sql}) AS BIGINT))) AS i)`,
    );
    const columns: ColumnSchema[] = [
      timeline,
      { name: state.name, type: 'string' },
      { name: 'Period', type: timeline.type === 'datetime' ? 'timespan' : timeline.type },
      { name: 'dcount', type: 'long' },
    ];
    const out = sqlColumns(columns);
    const when = binStart({ sql: 'c."k"', type: 'long' }, start, size, ctx, call.span);
    const parts = sequence.map((st, j) => {
      const reached = arith(
        {
          a: { sql: 'c."t1"', type: timeline.type },
          b: { sql: `c."t_${j + 1}"`, type: timeline.type },
          p: { sql: 'p."period"', type: columns[2]!.type },
        },
        (n, s) => binary('<=', binary('-', n('b'), n('a'), s), n('p'), s),
        ctx,
        call.span,
      );
      const label = typeof st === 'string' ? st : JSON.stringify(st);
      return `SELECT ${when.sql} AS ${out[0]}, ${sqlString(label)} AS ${out[1]}, p."period" AS ${out[2]}, CAST(count(DISTINCT CASE WHEN ${reached.sql} THEN c."id" END) AS BIGINT) AS ${out[3]}, p.i AS "pi", ${j} AS "step", c."k" AS "k" FROM ${chain} AS c, ${periodList} AS p GROUP BY c."k", p."period", p.i`;
    });
    const cte = ctx.addCte(
      'funnel_sequence_completion',
      `SELECT ${out.join(', ')}, row_number() OVER (ORDER BY "k", "pi", "step") AS "__loupe_order" FROM (${parts.join(' UNION ALL ')})`,
      call.span,
    );
    return { cte, columns, order: { clause: '"__loupe_order"' } };
  },
});
