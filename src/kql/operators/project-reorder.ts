/**
 * `project-reorder A, B* asc, C`: the listed columns first, in list order (a wildcard's matches in
 * input order, or by name with asc/desc), then every other column in input order. Nothing is removed.
 * A wildcard does not take the columns the list names explicitly.
 */
import { orderCarry, selectList } from './common.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { columnPattern } from '../syntax/lower-clauses.ts';
import { isWildcard, matchColumns } from './column-patterns.ts';
import { defineOperator } from './spec.ts';
import { Scope } from '../scope.ts';

export const PROJECT_REORDER = defineOperator({
  kind: 'project-reorder',
  syntax: ['ProjectReorderOperator'],
  lower(node: Kusto.Language.Syntax.ProjectReorderOperator, l) {
    const patterns = elementsOf(node.Expressions).map((e) => {
      const pat = columnPattern(e, l);
      if (kindName(e) !== 'OrderedExpression') return pat;
      const dir = (e as Kusto.Language.Syntax.OrderedExpression).Ordering?.AscOrDescKeyword?.Text;
      if (dir === 'granny-asc' || dir === 'granny-desc')
        throw l.unsupported('project-reorder granny-asc/granny-desc', e);
      return dir === 'asc' || dir === 'desc' ? { ...pat, dir: dir as 'asc' | 'desc' } : pat;
    });
    return { kind: 'project-reorder', patterns, span: l.span(node) };
  },
  translate(op, input, ctx) {
    const names = input.columns.map((c) => c.name);
    // A column named explicitly keeps its own place even when an earlier wildcard matches it:
    // `project-reorder *, Tags` moves Tags to the end.
    const explicit = new Set(
      op.patterns.filter((pat) => !isWildcard(pat.text)).map((pat) => pat.text),
    );
    const first: string[] = [];
    for (const pat of op.patterns) {
      const matched = matchColumns(pat, names, ctx, 'project-reorder').filter(
        (n) => !first.includes(n) && (!isWildcard(pat.text) || !explicit.has(n)),
      );
      // Ordinal comparison of names, as Kusto sorts them.
      if (pat.dir)
        matched.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0) * (pat.dir === 'desc' ? -1 : 1));
      first.push(...matched);
    }
    const order = [...first, ...names.filter((n) => !first.includes(n))];
    const columns = order.map((n) => input.columns.find((c) => c.name === n)!);
    const read = Scope.of(input);
    const items = [
      ...columns.map((c) => ({ name: c.name, sql: read.get(c.name)!.sql })),
      ...orderCarry(input),
    ];
    const cte = ctx.addCte(
      'project_reorder',
      `SELECT ${selectList(items)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
