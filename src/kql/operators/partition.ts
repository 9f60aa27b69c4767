/**
 * `partition [hint.…] by Column ( Operators )` (Kusto docs, partition operator): the operators run
 * on the rows of each value of Column separately, and the results are put together (in no
 * defined order). `{ … }` may enclose the operators instead of parentheses.
 *
 * "Separately per value" is implemented as mv-apply does it per row: the value is copied into a
 * hidden column (`__loupe_partition`) carried through the operators — row-by-row operators keep it
 * as a column, `project` gets it appended, `summarize` and `count` group by it too (without `by`,
 * every partition gives its row, defaults included, even when its rows were filtered out), `sort` sorts
 * by it first, `distinct` tells rows apart by it too, `take`/`top` keep N rows per value, `scan`
 * keeps one state per value; mv-expand and parse keep it as any column. Other
 * operators inside partition are refused by name. The hidden column is dropped at the end.
 */
import type { Assignment, Expr, Operator, Span } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { kindName } from '../syntax/kusto-language.ts';
import { quoteIdent } from '../sql.ts';
import type { Relation } from '../types.ts';
import { defineOperator } from './spec.ts';
import { scanRelation } from './scan.ts';
import { sqlColumn } from '../sql-names.ts';
import { selectList } from './common.ts';

const PART = '__loupe_partition';
/** Operators that keep every input column (so the hidden value travels with each row). */
const ROW_BY_ROW = new Set([
  'where',
  'extend',
  'project-away',
  'project-keep',
  'project-rename',
  'project-reorder',
  'serialize',
  'mv-expand',
  'parse',
  'parse-kv',
]);
const SUPPORTED = [
  ...ROW_BY_ROW,
  'project',
  'summarize',
  'count',
  'distinct',
  'sort',
  'take',
  'top',
  'scan',
];

const partRef = (span: Span): Expr => ({ kind: 'name', name: PART, span });

/** `take N` within each partition (in the relation's order when it has one). */
function takePerPartition(rel: Relation, count: Expr, ctx: TranslateContext, span: Span): Relation {
  const n = ctx.expr(count, new Scope([]));
  if (n.type !== 'long' && n.type !== 'int')
    throw ctx.error('type', `take needs a long row count, this is a ${n.type}`, count.span);
  const order = rel.order ? ` ORDER BY ${rel.order.clause}` : '';
  const sql = `SELECT * FROM ${rel.cte} QUALIFY row_number() OVER (PARTITION BY ${quoteIdent(PART)}${order}) <= ${n.sql}`;
  return { cte: ctx.addCte('partition_take', sql, span), columns: rel.columns, order: rel.order };
}

/**
 * A summarize without `by` inside partition: one row per partition value of the partition's
 * input, also for a value whose rows the operators before it removed — that row holds the
 * aggregates' defaults over no rows (count 0, make_set [], max null…), as Kusto runs the
 * subquery on every partition. Grouping by the value alone would drop those partitions.
 */
function summarizeEveryPartition(
  op: Extract<Operator, { kind: 'summarize' }>,
  rel: Relation,
  partitions: Relation,
  ctx: TranslateContext,
): Relation {
  const grouped = ctx.translateOperator(
    { ...op, by: [{ expr: partRef(op.span), span: op.span }] },
    rel,
  );
  const none: Relation = {
    cte: ctx.addCte('partition_no_rows', `SELECT * FROM ${rel.cte} WHERE false`),
    columns: rel.columns,
  };
  const defaults = ctx.translateOperator(op, none);
  const p = quoteIdent(PART);
  const matched = quoteIdent('__loupe_matched');
  const values = defaults.columns.map(
    (c) =>
      `CASE WHEN g.${matched} IS NULL THEN d.${sqlColumn(defaults.columns, c.name)} ELSE g.${sqlColumn(grouped.columns, c.name)} END AS ${sqlColumn(grouped.columns, c.name)}`,
  );
  // A null partition value is a partition too, hence IS NOT DISTINCT FROM.
  const sql =
    `SELECT k.${p} AS ${p}, ${values.join(', ')} FROM (SELECT DISTINCT ${p} FROM ${partitions.cte}) AS k ` +
    `LEFT JOIN (SELECT *, true AS ${matched} FROM ${grouped.cte}) AS g ON g.${p} IS NOT DISTINCT FROM k.${p} CROSS JOIN ${defaults.cte} AS d`;
  return { cte: ctx.addCte('partition_summarize', sql, op.span), columns: grouped.columns };
}

function translateSub(
  op: Operator,
  rel: Relation,
  partitions: Relation,
  ctx: TranslateContext,
): Relation {
  const first = (span: Span) => ({ expr: partRef(span), desc: false, nullsFirst: false, span });
  switch (op.kind) {
    case 'project': {
      const keep: Assignment = { expr: partRef(op.span), span: op.span };
      return ctx.translateOperator({ ...op, items: [...op.items, keep] }, rel);
    }
    case 'summarize': {
      if (op.by.length === 0) return summarizeEveryPartition(op, rel, partitions, ctx);
      const by: Assignment = { expr: partRef(op.span), span: op.span };
      return ctx.translateOperator({ ...op, by: [by, ...op.by] }, rel);
    }
    case 'count': {
      const count: Assignment = {
        name: { text: 'Count', span: op.span },
        expr: { kind: 'call', name: 'count', nameSpan: op.span, args: [], span: op.span },
        span: op.span,
      };
      return summarizeEveryPartition(
        { kind: 'summarize', aggregates: [count], by: [], span: op.span },
        rel,
        partitions,
        ctx,
      );
    }
    case 'sort':
      return ctx.translateOperator({ ...op, keys: [first(op.span), ...op.keys] }, rel);
    case 'distinct': {
      // Distinct within each partition: the value is one more column to tell rows apart.
      const column = (name: string): Assignment => ({
        name: { text: name, span: op.span },
        expr: { kind: 'name', name, span: op.span },
        span: op.span,
      });
      const columns =
        op.columns === 'all'
          ? rel.columns.map((c) => column(c.name))
          : [...op.columns, column(PART)];
      return ctx.translateOperator({ ...op, columns }, rel);
    }
    case 'take':
      return takePerPartition(rel, op.count, ctx, op.span);
    case 'top': {
      const sorted = ctx.translateOperator(
        { kind: 'sort', keys: [first(op.span), op.key], span: op.span },
        rel,
      );
      return takePerPartition(sorted, op.count, ctx, op.span);
    }
    case 'scan':
      return scanRelation(op, rel, ctx, PART);
    default:
      if (!ROW_BY_ROW.has(op.kind))
        throw ctx.error(
          'unsupported',
          `"${op.kind}" inside partition (supported: ${SUPPORTED.join(', ')})`,
          op.span,
        );
      return ctx.translateOperator(op, rel);
  }
}

export const PARTITION = defineOperator({
  kind: 'partition',
  syntax: ['PartitionOperator'],
  lower(node: Kusto.Language.Syntax.PartitionOperator, l) {
    l.rejectOtherParameters(l.parameters(node.Parameters), [], 'partition');
    if (node.Scope) throw l.unsupported('partition … in (…)', node.Scope);
    const operand = node.Operand!;
    const body =
      kindName(operand) === 'PartitionSubquery'
        ? (operand as Kusto.Language.Syntax.PartitionSubquery).Subquery
        : (operand as Kusto.Language.Syntax.PartitionQuery).Query;
    return {
      kind: 'partition',
      column: l.columnName(node.ByExpression, 'the column to partition by'),
      operators: l.operatorChain(body),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    if (input.columns.some((c) => c.name === PART))
      throw ctx.error('unsupported', 'nested partition', op.span);
    const key = input.columns.find((c) => c.name === op.column.text);
    if (!key)
      throw ctx.error('unknown-column', `partition: no column "${op.column.text}"`, op.column.span);
    if (key.type === 'dynamic')
      throw ctx.error('unsupported', 'partition by a dynamic column', op.column.span);
    const extend: Extract<Operator, { kind: 'extend' }> = {
      kind: 'extend',
      items: [
        {
          name: { text: PART, span: op.column.span },
          expr: { kind: 'name', name: key.name, span: op.column.span },
          span: op.column.span,
        },
      ],
      span: op.span,
    };
    const partitions = ctx.translateOperator(extend, input);
    let rel = partitions;
    for (const sub of op.operators) {
      rel = translateSub(sub, rel, partitions, ctx);
      ctx.checkColumns(rel.columns, sub.span);
      if (!rel.columns.some((c) => c.name === PART))
        throw ctx.error(
          'unsupported',
          `"${sub.kind}" inside partition drops the partition value Loupe needs`,
          sub.span,
        );
    }
    const columns = rel.columns.filter((c) => c.name !== PART);
    const cte = ctx.addCte(
      'partition',
      `SELECT ${selectList(columns.map((c) => ({ name: c.name, sql: sqlColumn(rel.columns, c.name) })))} FROM ${rel.cte}`,
      op.span,
    );
    // The partitions' results come in no defined order (Kusto runs them in parallel).
    return { cte, columns };
  },
});
