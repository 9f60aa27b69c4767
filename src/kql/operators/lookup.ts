/**
 * `lookup [kind=leftouter|inner] (Right) on Key, $left.A == $right.B`: a join that extends each
 * left row with the matching right row's columns. Differences from `join` (Kusto docs): default
 * kind `leftouter`; the right side's key columns are not repeated in the output; only leftouter
 * and inner exist. Other right names already taken are renamed `Name1`… as in join.
 */
import { spanFrom } from './common.ts';
import { isHint, joinRelations, skipHints } from './join.ts';
import { defineOperator } from './registry.ts';

export const LOOKUP = defineOperator({
  kind: 'lookup',
  names: ['lookup'],
  parse(p, kw) {
    let lookupKind: 'leftouter' | 'inner' = 'leftouter';
    let kindSpan;
    for (;;) {
      const t = p.peek();
      if (p.isWord('kind') && p.isPunct('=', 1)) {
        p.next();
        p.next();
        const k = p.expectIdent('a lookup kind');
        if (k.value !== 'leftouter' && k.value !== 'inner') throw p.error('syntax', `unknown lookup kind "${k.value}" (expected leftouter or inner)`, k);
        lookupKind = k.value;
        kindSpan = { start: t.start, end: k.end };
      } else if (isHint(p)) skipHints(p);
      else break;
    }
    const right = p.parsePipelineValue();
    p.expectWord('on');
    const on = p.parseJoinConditions();
    return { kind: 'lookup', lookupKind, kindSpan, right, on, span: spanFrom(p, kw) };
  },
  translate(op, left, ctx) {
    const right = ctx.translatePipeline(op.right);
    return joinRelations(left, right, op.lookupKind === 'inner' ? 'inner' : 'leftouter', op.on, ctx, op.span, true);
  },
});
