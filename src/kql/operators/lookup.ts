/**
 * `lookup [kind=leftouter|inner] (Right) on Key, $left.A == $right.B`: a join that extends each
 * left row with the matching right row's columns. Differences from `join` (Kusto docs): default
 * kind `leftouter`; the right side's key columns are not repeated in the output; only leftouter
 * and inner exist. Other right names already taken are renamed `Name1`… as in join.
 */
import { joinRelations } from './equi-join.ts';
import { joinClause } from '../syntax/lower-clauses.ts';
import { defineOperator } from './spec.ts';

const KINDS = ['leftouter', 'inner'] as const;

export const LOOKUP = defineOperator({
  kind: 'lookup',
  syntax: ['LookupOperator'],
  lower(node: Kusto.Language.Syntax.LookupOperator, l) {
    const {
      kind: lookupKind,
      kindSpan,
      right,
      on,
    } = joinClause(node, node.LookupClause, 'lookup', KINDS, 'leftouter', l);
    return {
      kind: 'lookup',
      lookupKind,
      ...(kindSpan && { kindSpan }),
      right,
      on,
      span: l.span(node),
    };
  },
  translate(op, left, ctx) {
    const right = ctx.translatePipeline(op.right);
    return joinRelations(left, right, op.lookupKind, op.on, ctx, op.span, true);
  },
});
