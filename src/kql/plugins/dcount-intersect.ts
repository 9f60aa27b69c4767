/**
 * `T | evaluate dcount_intersect(hll_1, hll_2 [, hll_3, …])` (Kusto docs, dcount-intersect-plugin.md):
 * T's columns, then `s0` … `s(n-1)`: the distinct counts of S1, S1 ∩ S2, S1 ∩ S2 ∩ S3, … of the
 * sets the hll() values describe (2 to 16 of them). Loupe's hll is the exact set of values
 * (functions/aggregates.ts), so the counts are exact where Kusto estimates.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { orderCarry, selectList } from '../operators/common.ts';
import { Scope } from '../scope.ts';
import { definePlugin } from './spec.ts';

export const DCOUNT_INTERSECT = definePlugin({
  name: 'dcount_intersect',
  translate(call, input, ctx) {
    if (call.args.length < 2 || call.args.length > 16)
      throw ctx.error('type', 'dcount_intersect() takes 2 to 16 hll() values', call.span);
    const scope = Scope.of(input);
    const sets = call.args.map((a) => {
      if (a.kind !== 'scalar')
        throw ctx.error('type', 'dcount_intersect() takes hll() values', a.span);
      const v = ctx.expr(a.expr, scope);
      if (v.type !== 'dynamic')
        throw ctx.error(
          'type',
          `dcount_intersect() takes hll() values (dynamic), not ${v.type}`,
          a.span,
        );
      return v.sql;
    });
    const counts = sets.map((_, i) => ({
      name: `s${i}`,
      sql: `CAST(kql_dyn_array_length(${i === 0 ? sets[0] : `kql_set_intersect(${sets.slice(0, i + 1).join(', ')})`}) AS BIGINT)`,
    }));
    const columns: ColumnSchema[] = [
      ...input.columns,
      ...counts.map((c) => ({ name: c.name, type: 'long' as const })),
    ];
    const cte = ctx.addCte(
      'dcount_intersect',
      `SELECT ${selectList([...scope.columns.map((c) => ({ name: c.name, sql: c.sql })), ...counts, ...orderCarry(input)])} FROM ${input.cte}`,
      call.span,
    );
    return { cte, columns, ...(input.order && { order: input.order }) };
  },
});
