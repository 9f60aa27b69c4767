/**
 * `as [hint.materialized=true] Name`: names the rows so far; the rows pass on unchanged, and later
 * parts of the query (a union or join leg, a `withsource=` value) can refer to `Name`. The CTE is
 * read wherever the name is used, so both uses see the same rows (DuckDB may evaluate it twice,
 * which only matters for random functions).
 */
import { defineOperator } from './spec.ts';

/** The `as` name of relations produced by `as`, for `union withsource=` (keyed by relation object). */
export const AS_NAMES = new WeakMap<object, string>();

export const AS = defineOperator({
  kind: 'as',
  syntax: ['AsOperator'],
  lower(node: Kusto.Language.Syntax.AsOperator, l) {
    // `hint.materialized=true` only changes how Kusto caches the rows, not which rows they are.
    return { kind: 'as', name: l.declaredName(node.Name!), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const cte = ctx.addCte('as', `SELECT * FROM ${input.cte}`, op.span);
    const rel = { cte, columns: input.columns, order: input.order };
    ctx.bindRelation(op.name.text, rel, op.name.span);
    AS_NAMES.set(rel, op.name.text);
    return rel;
  },
});
