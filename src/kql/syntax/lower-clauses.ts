/**
 * Clauses several operators share, lowered from Kusto.Language's nodes: sort keys (sort, top,
 * top-nested, partition), join clauses (join, lookup), column-name patterns (project-away,
 * project-keep, project-reorder, distinct), typed column lists (datatable, externaldata, parse-kv).
 */
import type { DatatableColumn, Expr, JoinCondition, SortKey, Span, Tabular } from '../ast.ts';
import { elementsOf, kindName, type KustoExpression } from './kusto-language.ts';
import { lowerExpr } from './lower-expr.ts';
import type { Lowerer } from './lowerer.ts';

/**
 * One `expr [asc|desc] [nulls first|last]` of sort/order/top. KQL sorts descending by default,
 * with nulls last when descending and first when ascending.
 */
export function sortKey(node: KustoExpression | null, l: Lowerer): SortKey {
  if (!node) throw l.syntaxGap();
  if (kindName(node) !== 'OrderedExpression')
    return { expr: lowerExpr(node, l), desc: true, nullsFirst: false, span: l.span(node) };
  const o = node as Kusto.Language.Syntax.OrderedExpression;
  const dir = o.Ordering?.AscOrDescKeyword?.Text;
  const desc = dir !== 'asc';
  const nulls = o.Ordering?.NullsClause?.FirstOrLastKeyword?.Text;
  const nullsFirst = nulls === undefined ? !desc : nulls === 'first';
  return { expr: lowerExpr(o.Expression, l), desc, nullsFirst, span: l.span(node) };
}

/** The parsed clause after `join`/`lookup`. */
export interface JoinClause<K extends string> {
  readonly kind: K;
  /** Where `kind=…` was written, when it was. */
  readonly kindSpan?: Span;
  readonly right: Tabular;
  readonly on: JoinCondition[];
}

/**
 * `[kind=K] [hint.*=…] (Right) on Key, $left.A == $right.B and …`. `what` names the operator in
 * errors; `kinds` are the kinds it has, `defaultKind` the one without `kind=`.
 */
export function joinClause<K extends string>(
  node: Kusto.Language.Syntax.JoinOperator | Kusto.Language.Syntax.LookupOperator,
  condition: Kusto.Language.Syntax.JoinConditionClause | null,
  what: 'join' | 'lookup',
  kinds: readonly K[],
  defaultKind: K,
  l: Lowerer,
): JoinClause<K> {
  const params = l.parameters(node.Parameters);
  let kind = defaultKind;
  let kindSpan: Span | undefined;
  const k = params.get('kind');
  if (k) {
    const text = l.parameterText(k.value);
    if (!(kinds as readonly string[]).includes(text))
      throw l.error(
        'syntax',
        `unknown ${what} kind "${text}" (expected one of ${kinds.join(', ')})`,
        k.value,
      );
    kind = text as K;
    kindSpan = l.span(k.node);
  }
  l.rejectOtherParameters(params, ['kind'], what);
  const right = l.pipeline(node.Expression);
  if (!condition) throw l.syntaxGap();
  if (kindName(condition) !== 'JoinOnClause')
    throw l.unsupported(`${what} … where (a condition other than equality)`, condition);
  const on: JoinCondition[] = [];
  for (const e of elementsOf((condition as Kusto.Language.Syntax.JoinOnClause).Expressions))
    on.push(...joinConditions(lowerExpr(e, l), l));
  return { kind, ...(kindSpan && { kindSpan }), right, on };
}

/** `on A, $left.B == $right.C and $left.D == $right.E`: `and` separates conditions like ",". */
function joinConditions(e: Expr, l: Lowerer): JoinCondition[] {
  if (e.kind === 'binary' && e.op === 'and')
    return [...joinConditions(e.left, l), ...joinConditions(e.right, l)];
  if (e.kind === 'name') return [{ left: e.name, right: e.name, span: e.span }];
  if (
    e.kind === 'binary' &&
    e.op === '==' &&
    e.left.kind === 'side' &&
    e.right.kind === 'side' &&
    e.left.side !== e.right.side
  ) {
    const left = e.left.side === 'left' ? e.left : e.right;
    const right = e.left.side === 'left' ? e.right : e.left;
    return [{ left: left.name, right: right.name, span: e.span }];
  }
  throw l.error(
    'unsupported',
    'join condition other than "Column" or "$left.A == $right.B"',
    e.span,
  );
}

export interface ColumnPattern {
  readonly text: string;
  readonly span: Span;
}

/** A column name or wildcard pattern (`*1`, `Prefix*`, `['a b']`) of project-away/-keep/-reorder. */
export function columnPattern(node: KustoExpression | null, l: Lowerer): ColumnPattern {
  if (!node) throw l.syntaxGap();
  const inner =
    kindName(node) === 'OrderedExpression'
      ? (node as Kusto.Language.Syntax.OrderedExpression).Expression!
      : node;
  if (kindName(inner) !== 'NameReference')
    throw l.error('syntax', 'expected a column name or wildcard pattern', node);
  const ref = inner as Kusto.Language.Syntax.NameReference;
  // WildcardedName keeps its pattern text (`Prefix*`); other names their simple name.
  const name = ref.Name!;
  const text =
    kindName(name) === 'WildcardedName' || kindName(name) === 'BracketedWildcardedName'
      ? (name as Kusto.Language.Syntax.WildcardedName).Pattern!.Text!
      : l.nameOf(ref);
  return { text, span: l.span(inner) };
}

/** `(Name:type, …)` of a source that declares its schema (datatable, externaldata) or parse-kv's keys. */
export function rowSchema(
  node: Kusto.Language.Syntax.RowSchema | null,
  l: Lowerer,
): DatatableColumn[] {
  if (!node) throw l.syntaxGap();
  return elementsOf(node.Columns).map((c) => ({
    name: l.nameOf(c.Name!),
    type: l.typeText(c.Type!),
    span: l.span(c),
  }));
}
