/**
 * `project-by-names Spec, …`: keeps the columns named by constant strings, dynamic arrays of
 * strings (`column_names_of(T)`, a `dynamic` parameter) or `*` wildcard patterns, in the order
 * they are specified or matched (Kusto docs, project-by-names operator). Names that match no
 * column are ignored; a column selected twice appears once, at its first place.
 */
import { constantDynamic } from '../predicates.ts';
import { Scope } from '../scope.ts';
import { elementsOf } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { isWildcard, matchColumns } from './column-patterns.ts';
import { orderCarry, selectList } from './common.ts';
import { defineOperator } from './spec.ts';

export const PROJECT_BY_NAMES = defineOperator({
  kind: 'project-by-names',
  syntax: ['ProjectByNamesOperator'],
  lower(node: Kusto.Language.Syntax.ProjectByNamesOperator, l) {
    return {
      kind: 'project-by-names',
      specifiers: elementsOf(node.Expressions).map((e) => lowerExpr(e, l)),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const names = input.columns.map((c) => c.name);
    const picked: string[] = [];
    for (const spec of op.specifiers) {
      const v = ctx.expr(spec, new Scope([]));
      const arr = constantDynamic(v);
      const texts =
        typeof v.literal === 'string' && v.type === 'string'
          ? [v.literal]
          : Array.isArray(arr) && arr.every((x) => typeof x === 'string')
            ? (arr as string[])
            : undefined;
      if (!texts)
        throw ctx.error(
          'type',
          'project-by-names takes constant column names: strings, wildcard patterns or a dynamic array of strings',
          spec.span,
        );
      for (const text of texts) {
        const matched = isWildcard(text)
          ? matchColumns({ text, span: spec.span }, names, ctx, 'project-by-names')
          : names.includes(text)
            ? [text]
            : [];
        for (const n of matched) if (!picked.includes(n)) picked.push(n);
      }
    }
    if (picked.length === 0)
      throw ctx.error('unsupported', 'project-by-names that keeps no column', op.span);
    const read = Scope.of(input);
    const columns = picked.map((n) => input.columns.find((c) => c.name === n)!);
    const items = [
      ...columns.map((c) => ({ name: c.name, sql: read.get(c.name)!.sql })),
      ...orderCarry(input),
    ];
    const cte = ctx.addCte(
      'project_by_names',
      `SELECT ${selectList(items)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
