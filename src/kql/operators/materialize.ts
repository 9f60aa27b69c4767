/**
 * `materialize(T | …)`: Kusto caches the result for the rest of the query. Loupe's CTEs are
 * already computed from the same SQL wherever the let is used, so the result is the same; the
 * only divergence is for non-deterministic operators (`take` without sort), which Kusto would
 * evaluate once.
 */
import { spanFrom } from './common.ts';
import { defineSource } from './registry.ts';

export const MATERIALIZE = defineSource({
  kind: 'materialize',
  starts: (p) => p.isWord('materialize') && p.isPunct('(', 1),
  parse(p) {
    const kw = p.next();
    p.expectPunct('(');
    const pipeline = p.parsePipelineValue();
    p.expectPunct(')', 'to close materialize(');
    return { kind: 'materialize', pipeline, span: spanFrom(p, kw) };
  },
  translate(src, ctx) {
    return ctx.translatePipeline(src.pipeline);
  },
});
