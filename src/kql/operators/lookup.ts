/**
 * `lookup [kind=leftouter|inner] (Right) on Key, $left.A == $right.B`: a join that extends each
 * left row with the matching right row's columns. Differences from `join` (Kusto docs): default
 * kind `leftouter`; the right side's key columns are not repeated in the output; only leftouter
 * and inner exist. Other right names already taken are renamed `Name1`… as in join.
 */
import { spanFrom } from './common.ts';
import { joinRelations, parseJoinClause } from './equi-join.ts';
import { defineOperator } from './registry.ts';

const KINDS = ['leftouter', 'inner'] as const;

export const LOOKUP = defineOperator({
  kind: 'lookup',
  names: ['lookup'],
  parse(p, kw) {
    const { kind: lookupKind, kindSpan, right, on } = parseJoinClause(p, 'lookup', KINDS, 'leftouter');
    return { kind: 'lookup', lookupKind, kindSpan, right, on, span: spanFrom(p, kw) };
  },
  translate(op, left, ctx) {
    const right = ctx.translatePipeline(op.right);
    return joinRelations(left, right, op.lookupKind, op.on, ctx, op.span, true);
  },
});
