/**
 * `as [hint.materialized=true] Name`: names the rows so far; the rows pass on unchanged, and later
 * parts of the query (a union or join leg, a `withsource=` value) can refer to `Name`. The CTE is
 * read wherever the name is used, so both uses see the same rows (DuckDB may evaluate it twice,
 * which only matters for random functions).
 */
import { spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';

/** The `as` name of relations produced by `as`, for `union withsource=` (keyed by relation object). */
export const AS_NAMES = new WeakMap<object, string>();

export const AS = defineOperator({
  kind: 'as',
  names: ['as'],
  parse(p, kw) {
    // `hint.materialized=true` (lexed as hint . materialized = true) only changes how Kusto
    // caches the rows, not which rows they are.
    while (p.isWord('hint') && p.isPunct('.', 1) && p.isPunct('=', 3)) for (let i = 0; i < 5; i++) p.next();
    const name = p.parseName('a name after as');
    return { kind: 'as', name, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const cte = ctx.addCte('as', `SELECT * FROM ${input.cte}`, op.span);
    const rel = { cte, columns: input.columns, order: input.order };
    ctx.bindRelation(op.name.text, rel, op.name.span);
    AS_NAMES.set(rel, op.name.text);
    return rel;
  },
});
