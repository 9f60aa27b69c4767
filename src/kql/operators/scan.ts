/**
 * `scan [with_match_id = Id] [declare (v: type [= d], …)] with (step s1: Cond [=> v = e, …]; …)`:
 * a state machine run over the rows in order (Kusto docs, scan operator, "Scan logic").
 *
 * State: one entry per step s_k, holding (when active) the values of s_1…s_k of the rows that
 * matched them; `s_j.X` reads them (the declared default, or null, when the entry is empty).
 * Each row is checked against the steps from last to first:
 * - check 1 (k > 1): if s_k-1 is active and the row meets s_k's condition (read with s_k-1's
 *   state), s_k-1's state moves to s_k, extended with the row; s_k-1 becomes empty;
 * - otherwise check 2: if s_k is active (or is the first step) and the row meets the condition
 *   (read with s_k's state), the row replaces s_k's own values; on the first step with no active
 *   sequence this starts a new sequence, whose match id is the next number from 0;
 * - a match outputs the row extended with the step's assignments (unassigned declared columns
 *   take their default), unless the step is `output=none`; then the next step down is checked.
 *
 * SQL has no loop over rows, so the state is carried by a recursive CTE, one recursion per row
 * (in the input's order): its columns are the state (per step: active flag, match id, and only
 * the `s_j.X` values some condition or assignment reads), the next match id, and the row's
 * outputs per step. Each recursion checks the steps last to first as nested SELECTs, each seeing
 * the state the one before left. The outputs are then unfolded, in row order and, within a row,
 * last step first. Each recursion joins the next row by its number, so the cost grows with the
 * square of the row count: fine for the thousands of rows of a rule window, slow for millions.
 * `output=last` is refused.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, sqlStorageType, type KqlType } from '../../schema/kql-types.ts';
import type { Expr, Operator, ScanDeclaration, ScanStep } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { elementsOf, listOf } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { rewriteExpr } from '../rewrite.ts';
import { quoteIdent } from '../sql.ts';
import { isNumeric, isStringy, ORDER_COLUMN, type Relation, type Typed } from '../types.ts';
import { defineOperator } from './spec.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';

/** Internal column names (never KQL names: KQL identifiers cannot start with this prefix in Loupe's output). */
const c = (name: string): string => quoteIdent(`__loupe_scan_${name}`);

function typedNull(t: KqlType): string {
  return t === 'string' || t === 'guid' ? `''` : `CAST(NULL AS ${sqlStorageType(t)})`;
}

/** A value converted to a declared column's type (numbers widen or narrow; other types must match). */
function toDeclared(v: Typed, t: KqlType, span: Expr['span'], ctx: TranslateContext): string {
  if (v.type === 'null') return typedNull(t);
  if (isStringy(t) && isStringy(v.type)) return `coalesce(${v.sql}, '')`;
  if (v.type === t || (isNumeric(t) && isNumeric(v.type)))
    return `CAST(${v.sql} AS ${sqlStorageType(t)})`;
  throw ctx.error('type', `a ${v.type} value for a ${t} column`, span);
}

/** A `s_j.X` value some condition or assignment reads. */
interface StateRef {
  readonly id: number;
  readonly step: number;
  readonly name: string;
  readonly type: KqlType;
  /** What the reference gives when s_j's entry is empty. */
  readonly empty: string;
}

function step(node: Kusto.Language.Syntax.ScanStep, l: Lowerer): ScanStep {
  if (node.OptionalKeyword) throw l.unsupported('optional scan steps', node.OptionalKeyword);
  let output: ScanStep['output'] = 'all';
  let outputSpan;
  const o = node.ScanStepOutput;
  if (o) {
    const v = o.OutputKind!.Text!;
    if (v !== 'all' && v !== 'last' && v !== 'none')
      throw l.error('syntax', `output must be all, last or none, not "${v}"`, o.OutputKind!);
    output = v;
    outputSpan = l.span(o);
  }
  const assignments = elementsOf(node.ComputationClause?.Assignments).map((a) => ({
    name: { text: l.nameOf(a.Name!), span: l.span(a.Name!) },
    expr: lowerExpr(a.Expression, l),
    span: l.span(a),
  }));
  return {
    name: l.declaredName(node.Name!),
    output,
    ...(outputSpan && { outputSpan }),
    condition: lowerExpr(node.Condition, l),
    assignments,
    span: l.span(node),
  };
}

export const SCAN = defineOperator({
  kind: 'scan',
  syntax: ['ScanOperator'],
  lower(node: Kusto.Language.Syntax.ScanOperator, l) {
    const params = l.parameters(node.Parameters);
    l.rejectOtherParameters(params, ['with_match_id'], 'scan');
    if (node.OrderByClause) throw l.unsupported('scan order by', node.OrderByClause);
    if (node.PartitionByClause) throw l.unsupported('scan partition by', node.PartitionByClause);
    const id = params.get('with_match_id');
    const declare: ScanDeclaration[] = elementsOf(node.DeclareClause?.Declarations).map((p) => {
      const def = p.DefaultValue?.Value;
      return {
        name: l.nameOf(p.NameAndType!.Name!),
        type: l.typeText(p.NameAndType!.Type!),
        ...(def && { default: lowerExpr(def, l) }),
        span: l.span(p),
      };
    });
    const steps = listOf(node.Steps).map((s) => step(s, l));
    return {
      kind: 'scan',
      ...(id && { matchId: { text: l.parameterText(id.value), span: l.span(id.value) } }),
      declare,
      steps,
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    return scanRelation(op, input, ctx);
  },
});

/**
 * The scan of `input`; with `partition` (a column of the input: `partition by K (… | scan …)`),
 * one independent scan per value of that column (rows numbered and state kept per value).
 */
export function scanRelation(
  op: Extract<Operator, { kind: 'scan' }>,
  input: Relation,
  ctx: TranslateContext,
  partition?: string,
): Relation {
  const steps = op.steps;
  const last = steps.find((s) => s.output === 'last');
  if (last)
    throw ctx.error('unsupported', 'scan steps with output=last', last.outputSpan ?? last.span);
  const stepIndex = new Map<string, number>();
  steps.forEach((s, k) => {
    if (stepIndex.has(s.name.text))
      throw ctx.error('syntax', `the step name "${s.name.text}" is used twice`, s.name.span);
    stepIndex.set(s.name.text, k);
  });

  // Declared columns: their types and defaults (constants).
  const inputTypes = new Map(input.columns.map((col) => [col.name, col.type]));
  const declared = op.declare.map((d) => {
    const type = parseKqlType(d.type);
    if (!type) throw ctx.error('syntax', `unknown column type "${d.type}"`, d.span);
    if (inputTypes.has(d.name))
      throw ctx.error(
        'unsupported',
        `scan declaring "${d.name}", a column its input already has`,
        d.span,
      );
    const def = d.default
      ? toDeclared(ctx.expr(d.default, new Scope([])), type, d.default.span, ctx)
      : typedNull(type);
    return { name: d.name, type, default: def };
  });
  const declaredByName = new Map(declared.map((d, i) => [d.name, { ...d, index: i }]));

  // `s_j.X` references → hidden names read from one step's state.
  const refs: StateRef[] = [];
  const refKey = new Map<string, StateRef>();
  const hole = (r: StateRef) => `__loupe_scan_ref_${r.id}`;
  const rewrite = (e: Expr): Expr =>
    rewriteExpr(e, (n) => {
      if (
        n.kind !== 'member' ||
        n.target.kind !== 'name' ||
        !stepIndex.has(n.target.name) ||
        inputTypes.has(n.target.name)
      )
        return undefined;
      const step = stepIndex.get(n.target.name)!;
      const key = `${step}\u0000${n.name}`;
      let r = refKey.get(key);
      if (!r) {
        const d = declaredByName.get(n.name);
        const type = d?.type ?? inputTypes.get(n.name);
        if (!type)
          throw ctx.error(
            'unknown-column',
            `step "${n.target.name}" has no column "${n.name}"`,
            n.span,
          );
        r = { id: refs.length, step, name: n.name, type, empty: d ? d.default : typedNull(type) };
        refs.push(r);
        refKey.set(key, r);
      }
      return { kind: 'name', name: hole(r), span: n.span };
    });
  const conditions = steps.map((s) => rewrite(s.condition));
  const assignments = steps.map((s) =>
    s.assignments.map((a) => {
      if (!a.name)
        throw ctx.error('syntax', 'a scan assignment needs a declared column name (v = …)', a.span);
      const d = declaredByName.get(a.name.text);
      if (!d)
        throw ctx.error(
          'unknown-column',
          `"${a.name.text}" is not a column declared by scan`,
          a.name.span,
        );
      return { d, expr: rewrite(a.expr) };
    }),
  );

  const cols = input.columns;
  // The input's SQL names (sql-names.ts); the output, which starts with the same columns, keeps them.
  const colSql = sqlColumns(cols);
  const v = (k: number, r: StateRef) => c(`v${k}_${r.id}`);
  const active = (k: number) => c(`a${k}`);
  const match = (k: number) => c(`m${k}`);
  const refsOf = (k: number) => refs.filter((r) => r.step <= k);
  /** The expression scope of a check reading step k's state (k = -1: no state, every reference empty). */
  const scopeFor = (k: number) =>
    new Scope([
      ...cols.map((col, i) => ({ name: col.name, type: col.type, sql: colSql[i]! })),
      ...refs.map((r) => ({
        name: hole(r),
        type: r.type,
        sql:
          k >= 0 && r.step <= k
            ? `(CASE WHEN ${active(k)} THEN ${v(k, r)} ELSE ${r.empty} END)`
            : r.empty,
      })),
    ]);
  const condition = (k: number, stateOf: number): string => {
    const t = ctx.expr(conditions[k]!, scopeFor(stateOf));
    if (t.type !== 'bool' && t.type !== 'null')
      throw ctx.error(
        'type',
        `a scan step condition must be a bool, this is a ${t.type}`,
        steps[k]!.condition.span,
      );
    return `coalesce(${t.sql}, false)`;
  };

  // The recursion's columns, in order, with their anchor values and types.
  const layout: { name: string; type: string; init: string; output?: true }[] = [
    { name: c('rn'), type: 'BIGINT', init: '0' },
    ...cols.map((col, i) => ({ name: colSql[i]!, type: sqlStorageType(col.type), init: 'NULL' })),
    ...steps.flatMap((_, k) => [
      { name: active(k), type: 'BOOLEAN', init: 'false' },
      { name: match(k), type: 'BIGINT', init: '0' },
      ...refsOf(k).map((r) => ({ name: v(k, r), type: sqlStorageType(r.type), init: 'NULL' })),
    ]),
    { name: c('next'), type: 'BIGINT', init: '0' },
    ...steps.flatMap((_, k) => [
      { name: c(`o${k}`), type: 'BOOLEAN', init: 'false', output: true as const },
      { name: c(`om${k}`), type: 'BIGINT', init: 'NULL', output: true as const },
      ...declared.map((d, i) => ({
        name: c(`o${k}_${i}`),
        type: sqlStorageType(d.type),
        init: 'NULL',
        output: true as const,
      })),
    ]),
  ];

  // One recursion: the next row joined to the state, then the steps last to first.
  // Kusto scans the rows in their serialized order; rows without a defined order are taken as they come.
  const part = partition === undefined ? undefined : sqlColumn(cols, partition);
  const over = `${part ? `PARTITION BY ${part} ` : ''}${input.order ? `ORDER BY ${input.order.clause}` : ''}`;
  const numbered = `SELECT ${colSql.join(', ')}${cols.length ? ', ' : ''}row_number() OVER (${over}) AS ${c('rn')} FROM ${input.cte}`;
  const carried = layout.filter((l) => !l.output);
  const samePartition = part ? ` AND n.${part} IS NOT DISTINCT FROM s.${part}` : '';
  let level = `SELECT ${carried.map((l) => (l.name === c('rn') || colSql.includes(l.name) ? `n.${l.name}` : `s.${l.name}`)).join(', ')} FROM ${c('state')} AS s JOIN ${c('rows')} AS n ON n.${c('rn')} = s.${c('rn')} + 1${samePartition}`;
  for (let k = steps.length - 1; k >= 0; k--) {
    const check1 = k > 0 ? `(${active(k - 1)} AND ${condition(k, k - 1)})` : 'false';
    const check2 = `(NOT ${c('c1')} AND ${k === 0 ? 'true' : active(k)} AND ${condition(k, k)})`;
    level = `SELECT *, ${check2} AS ${c('c2')} FROM (SELECT *, ${check1} AS ${c('c1')} FROM (${level}))`;
    // The extended row's declared columns: assigned (read with the state the check used) or default.
    const extended = declared.map((d, i) => {
      const a = assignments[k]!.find((x) => x.d.index === i);
      if (!a) return `${d.default} AS ${c(`x${i}`)}`;
      const under = (stateOf: number) =>
        toDeclared(ctx.expr(a.expr, scopeFor(stateOf)), d.type, a.expr.span, ctx);
      return `CASE WHEN ${c('c1')} THEN ${k > 0 ? under(k - 1) : 'NULL'} WHEN ${c('c2')} THEN ${under(k)} END AS ${c(`x${i}`)}`;
    });
    if (extended.length) level = `SELECT *, ${extended.join(', ')} FROM (${level})`;
    const matched = `(${c('c1')} OR ${c('c2')})`;
    const startsSequence = k === 0 ? `(${c('c2')} AND NOT ${active(0)})` : 'false';
    const newMatch = `CASE WHEN ${c('c1')} THEN ${k > 0 ? match(k - 1) : 'NULL'} WHEN ${startsSequence} THEN ${c('next')} ELSE ${match(k)} END`;
    const ownValue = (r: StateRef) =>
      declaredByName.has(r.name)
        ? c(`x${declaredByName.get(r.name)!.index}`)
        : sqlColumn(cols, r.name);
    const replace = [
      `(${active(k)} OR ${matched}) AS ${active(k)}`,
      `${newMatch} AS ${match(k)}`,
      ...refsOf(k).map((r) =>
        r.step < k
          ? `CASE WHEN ${c('c1')} THEN ${v(k - 1, r)} ELSE ${v(k, r)} END AS ${v(k, r)}`
          : `CASE WHEN ${matched} THEN ${ownValue(r)} ELSE ${v(k, r)} END AS ${v(k, r)}`,
      ),
      ...(k > 0 ? [`(${active(k - 1)} AND NOT ${c('c1')}) AS ${active(k - 1)}`] : []),
      `CASE WHEN ${startsSequence} THEN ${c('next')} + 1 ELSE ${c('next')} END AS ${c('next')}`,
    ];
    const outputs = [
      `(${matched} AND ${steps[k]!.output === 'all'}) AS ${c(`o${k}`)}`,
      `${newMatch} AS ${c(`om${k}`)}`,
      ...declared.map((_, i) => `${c(`x${i}`)} AS ${c(`o${k}_${i}`)}`),
    ];
    const helpers = [c('c1'), c('c2'), ...declared.map((_, i) => c(`x${i}`))];
    level = `SELECT * EXCLUDE (${helpers.join(', ')}) FROM (SELECT * REPLACE (${replace.join(', ')}), ${outputs.join(', ')} FROM (${level}))`;
  }
  // One starting state per partition value (the value kept in its column), or one in all.
  const anchorItems = layout
    .map((l) => `CAST(${l.name === part ? part : l.init} AS ${l.type}) AS ${l.name}`)
    .join(', ');
  const anchor = part ? `DISTINCT ${anchorItems} FROM ${c('rows')}` : anchorItems;
  const recursive = `SELECT ${layout.map((l) => `CAST(${l.name} AS ${l.type}) AS ${l.name}`).join(', ')} FROM (${level})`;

  // Unfold each row's outputs: row order, then the last step first (the order they were checked).
  const outColumns: ColumnSchema[] = [
    ...cols,
    ...declared.map((d) => ({ name: d.name, type: d.type })),
  ];
  if (op.matchId) outColumns.push({ name: op.matchId.text, type: 'long' });
  ctx.checkColumns(outColumns, op.span);
  const out = sqlColumns(outColumns);
  const unfold = steps.map((_, k) => {
    const items = [
      ...colSql,
      ...declared.map(
        (d, i) =>
          `${d.type === 'string' || d.type === 'guid' ? `coalesce(${c(`o${k}_${i}`)}, '')` : c(`o${k}_${i}`)} AS ${out[cols.length + i]}`,
      ),
      ...(op.matchId ? [`${c(`om${k}`)} AS ${out[out.length - 1]}`] : []),
      c('rn'),
      `${steps.length - 1 - k} AS ${c('sub')}`,
    ];
    return `SELECT ${items.join(', ')} FROM ${c('state')} WHERE ${c(`o${k}`)}`;
  });
  const names = out.join(', ');
  const sql =
    `WITH RECURSIVE ${c('rows')} AS (${numbered}), ${c('state')} AS (SELECT ${anchor} UNION ALL ${recursive}) ` +
    `SELECT ${names}, row_number() OVER (ORDER BY ${part ? `${part}, ` : ''}${c('rn')}, ${c('sub')}) AS ${quoteIdent(ORDER_COLUMN)} FROM (${unfold.join(' UNION ALL ')})`;
  const cte = ctx.addCte('scan', sql, op.span);
  return { cte, columns: outColumns, order: { clause: quoteIdent(ORDER_COLUMN) } };
}
