/**
 * `distinct A, B` / `distinct *`: the distinct combinations of the named columns (all columns for
 * `*`), in that order. Kusto also takes expressions (`distinct AppClientId, tostring(Urls)`,
 * `distinct U = tolower(U)`, as published Sentinel rules write), named as extend names them.
 * Dynamic values are canonical JSON text, so equal arrays/bags compare equal whatever their
 * original spelling; strings compare case-sensitively.
 */
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { defineOperator } from './spec.ts';
import { Scope } from '../scope.ts';
import { selectList } from './common.ts';
import { assignmentName, columnType } from './extend.ts';
import { assignment } from '../syntax/lower-expr.ts';
import type { ColumnSchema } from '../../schema/catalog.ts';

export const DISTINCT = defineOperator({
  kind: 'distinct',
  syntax: ['DistinctOperator'],
  lower(node: Kusto.Language.Syntax.DistinctOperator, l) {
    const items = elementsOf(node.Expressions);
    if (items.length === 1 && kindName(items[0]!) === 'StarExpression')
      return { kind: 'distinct', columns: 'all', span: l.span(node) };
    return { kind: 'distinct', columns: items.map((e) => assignment(e, l)), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const read = Scope.of(input);
    const items =
      op.columns === 'all'
        ? input.columns.map((c) => ({ name: c.name, type: c.type, sql: read.get(c.name)!.sql }))
        : op.columns.map((item) => {
            const v = ctx.expr(item.expr, read);
            return { name: assignmentName(item, ctx, 'distinct'), type: columnType(v), sql: v.sql };
          });
    const columns: ColumnSchema[] = items.map((c) => ({ name: c.name, type: c.type }));
    ctx.checkColumns(columns, op.span);
    const cte = ctx.addCte(
      'distinct',
      `SELECT DISTINCT ${selectList(items)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns };
  },
});
