/**
 * `distinct A, B` / `distinct *`: the distinct combinations of the named columns (all columns for
 * `*`), in that order. Dynamic values are canonical JSON text, so equal arrays/bags compare equal
 * whatever their original spelling; strings compare case-sensitively.
 */
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { defineOperator } from './spec.ts';
import { Scope } from '../scope.ts';
import { selectList } from './common.ts';

export const DISTINCT = defineOperator({
  kind: 'distinct',
  syntax: ['DistinctOperator'],
  lower(node: Kusto.Language.Syntax.DistinctOperator, l) {
    const items = elementsOf(node.Expressions);
    if (items.length === 1 && kindName(items[0]!) === 'StarExpression') return { kind: 'distinct', columns: 'all', span: l.span(node) };
    return { kind: 'distinct', columns: items.map((e) => l.columnName(e, 'a column name')), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const columns =
      op.columns === 'all'
        ? input.columns
        : op.columns.map((n) => {
            const c = input.columns.find((x) => x.name === n.text);
            if (!c) throw ctx.error('unknown-column', `distinct: no column "${n.text}"`, n.span);
            return c;
          });
    ctx.checkColumns(columns, op.span);
    const read = Scope.of(input);
    const cte = ctx.addCte('distinct', `SELECT DISTINCT ${selectList(columns.map((c) => ({ name: c.name, sql: read.get(c.name)!.sql })))} FROM ${input.cte}`, op.span);
    return { cte, columns };
  },
});
