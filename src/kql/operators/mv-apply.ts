/**
 * `mv-apply [Name =] Expr [to typeof(T)], … on ( Operators )`: expands each row's dynamic values
 * (as mv-expand does) and runs the operators on that row's expanded rows separately; the output
 * is, for each subquery row, the input row's columns followed by the columns the subquery added
 * (an input name the subquery produces takes the subquery's value). An input row whose subquery
 * gives no rows disappears.
 *
 * "Separately per input row" is implemented by numbering the input rows (`__loupe_row`, ordered
 * by all columns so that a re-evaluated CTE numbers identically: equal rows are interchangeable)
 * and carrying the number through the subquery: row-by-row operators keep it as a column,
 * `project` gets it appended, `summarize` groups by it too, `sort` sorts by it first, `take`/`top`
 * keep N rows per number. The input columns are joined back on the number at the end. Other
 * operators inside mv-apply are refused by name.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Assignment, Expr, Operator, Span } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN, type Relation } from '../types.ts';
import { expandRelation, mvExpandArgs } from './mv-expand.ts';
import { defineOperator } from './spec.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';

const ROW = '__loupe_row';
const ROW_BY_ROW = new Set([
  'where',
  'extend',
  'project-away',
  'project-keep',
  'project-rename',
  'project-reorder',
  // Row to rows: each row's expanded rows keep its columns, the row number included.
  'mv-expand',
  'parse',
  'parse-kv',
]);
const SUPPORTED = [...ROW_BY_ROW, 'project', 'summarize', 'sort', 'take', 'top'];

function rowRef(span: Span): Expr {
  return { kind: 'name', name: ROW, span };
}

/** `take N` within each input row's rows (in the relation's order when it has one). */
function takePerRow(rel: Relation, count: Expr, ctx: TranslateContext, span: Span): Relation {
  const n = ctx.expr(count, new Scope([]));
  if (n.type !== 'long' && n.type !== 'int')
    throw ctx.error('type', `take needs a long row count, this is a ${n.type}`, count.span);
  const order = rel.order ? ` ORDER BY ${rel.order.clause}` : '';
  const sql = `SELECT * FROM ${rel.cte} QUALIFY row_number() OVER (PARTITION BY ${quoteIdent(ROW)}${order}) <= ${n.sql}`;
  return { cte: ctx.addCte('mv_apply_take', sql, span), columns: rel.columns, order: rel.order };
}

function translateSub(op: Operator, rel: Relation, ctx: TranslateContext): Relation {
  switch (op.kind) {
    case 'project': {
      const keep: Assignment = { expr: rowRef(op.span), span: op.span };
      return ctx.translateOperator({ ...op, items: [...op.items, keep] }, rel);
    }
    case 'summarize': {
      const by: Assignment = { expr: rowRef(op.span), span: op.span };
      return ctx.translateOperator({ ...op, by: [by, ...op.by] }, rel);
    }
    case 'sort':
      return ctx.translateOperator(
        {
          ...op,
          keys: [
            { expr: rowRef(op.span), desc: false, nullsFirst: false, span: op.span },
            ...op.keys,
          ],
        },
        rel,
      );
    case 'take':
      return takePerRow(rel, op.count, ctx, op.span);
    case 'top': {
      const sorted = ctx.translateOperator(
        {
          kind: 'sort',
          keys: [{ expr: rowRef(op.span), desc: false, nullsFirst: false, span: op.span }, op.key],
          span: op.span,
        },
        rel,
      );
      return takePerRow(sorted, op.count, ctx, op.span);
    }
    default:
      if (!ROW_BY_ROW.has(op.kind))
        throw ctx.error(
          'unsupported',
          `"${op.kind}" inside mv-apply (supported: ${SUPPORTED.join(', ')})`,
          op.span,
        );
      return ctx.translateOperator(op, rel);
  }
}

export const MV_APPLY = defineOperator({
  kind: 'mv-apply',
  syntax: ['MvApplyOperator'],
  lower(node: Kusto.Language.Syntax.MvApplyOperator, l) {
    if (node.ContextIdClause) throw l.unsupported('mv-apply … id = …', node.ContextIdClause);
    const expand = mvExpandArgs(node, l);
    return {
      kind: 'mv-apply',
      expand,
      operators: l.operatorChain(node.Subquery?.Expression ?? null),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    if (input.columns.some((c) => c.name === ROW))
      throw ctx.error('unsupported', `nested mv-apply`, op.span);
    const cols = sqlColumns(input.columns);
    const carry = input.order ? `, ${quoteIdent(ORDER_COLUMN)}` : '';
    // Numbered by all columns: the same number for the same row wherever this CTE is evaluated.
    const numbered: Relation = {
      cte: ctx.addCte(
        'mv_apply_rows',
        `SELECT ${cols.join(', ')}${carry}, row_number() OVER (ORDER BY ${cols.join(', ') || '1'}) AS ${quoteIdent(ROW)} FROM ${input.cte}`,
      ),
      columns: [...input.columns, { name: ROW, type: 'long' }],
      order: input.order,
    };
    let rel: Relation = expandRelation(numbered, op.expand, ctx, op.span);
    for (const sub of op.operators) {
      rel = translateSub(sub, rel, ctx);
      ctx.checkColumns(rel.columns, sub.span);
      if (!rel.columns.some((c) => c.name === ROW))
        throw ctx.error(
          'unsupported',
          `"${sub.kind}" inside mv-apply drops the row number Loupe needs`,
          sub.span,
        );
    }
    const subNames = new Set(rel.columns.map((c) => c.name));
    const columns: ColumnSchema[] = [
      ...input.columns.map((c) => rel.columns.find((x) => x.name === c.name) ?? c),
      ...rel.columns.filter((c) => c.name !== ROW && !input.columns.some((x) => x.name === c.name)),
    ];
    const out = sqlColumns(columns);
    const select = columns.map(
      (c, i) =>
        `${subNames.has(c.name) ? `s.${sqlColumn(rel.columns, c.name)}` : `i.${sqlColumn(input.columns, c.name)}`} AS ${out[i]}`,
    );
    // The input's sort order, then the subquery's order within each row.
    const orderKeys = input.order
      ? [`i.${quoteIdent(ORDER_COLUMN)}`, ...(rel.order ? [`s.${quoteIdent(ORDER_COLUMN)}`] : [])]
      : [];
    if (orderKeys.length)
      select.push(
        `row_number() OVER (ORDER BY ${orderKeys.join(', ')}) AS ${quoteIdent(ORDER_COLUMN)}`,
      );
    const sql = `SELECT ${select.join(', ')} FROM ${rel.cte} AS s JOIN ${numbered.cte} AS i ON s.${quoteIdent(ROW)} = i.${quoteIdent(ROW)}`;
    const cte = ctx.addCte('mv_apply', sql, op.span);
    return { cte, columns, order: input.order ? { clause: quoteIdent(ORDER_COLUMN) } : undefined };
  },
});
