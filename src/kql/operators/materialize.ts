/**
 * `materialize(T | …)`: Kusto caches the result for the rest of the query. Loupe's CTEs are
 * already computed from the same SQL wherever the let is used, so the result is the same; the
 * only divergence is for non-deterministic operators (`take` without sort), which Kusto would
 * evaluate once.
 */
import { defineSource } from './spec.ts';

export const MATERIALIZE = defineSource({
  kind: 'materialize',
  syntax: ['MaterializeExpression'],
  lower(node: Kusto.Language.Syntax.MaterializeExpression, l) {
    return { kind: 'materialize', pipeline: l.pipeline(node.Expression), span: l.span(node) };
  },
  translate(src, ctx) {
    return ctx.translatePipeline(src.pipeline);
  },
});
