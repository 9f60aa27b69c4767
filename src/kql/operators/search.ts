/**
 * `search` (Kusto docs, search operator): `[T |] search [kind=case_sensitive] [in (T1, T2)] Predicate`.
 *
 * The predicate is a boolean expression in which, where a condition stands (operands of
 * `and`/`or`/`not`, or the whole predicate):
 * - a bare string is a term search over every column: `"err"` → `has`, `"err*"` → `hasprefix`,
 *   `"*err"` → `hassuffix`, `"*err*"` → `contains`, `"a*b"` → `matches regex` `\ba.*b\b`;
 * - `Col:"err"` is the same search in one column;
 * - `*` keeps every row;
 * - anything else (`Col == "err"`, `x > 5`) is an ordinary condition.
 * Term searches are case-insensitive unless `kind=case_sensitive` (which, in Loupe, applies to
 * the term searches only). "Every column" is, in Loupe, every string, guid and dynamic column
 * (dynamic ones through their JSON text); numbers and datetimes are not searched as text.
 *
 * As a source, the output is a `$table` column naming each row's table, then the outer union of
 * the tables' columns (as `union` lays them out). Without `in (…)` Kusto searches every table and
 * view of the database; Loupe searches the `let … = view () { … }` names declared before it and
 * refuses when there are none (name the tables with `in (…)`). After a pipe (`T | search …`) the
 * rows of T are filtered without a `$table` column (Kusto adds one holding a generated name).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Expr, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { KqlError } from '../errors.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { columnPattern } from '../syntax/lower-clauses.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { escapeRegex } from '../sql.ts';
import type { Relation } from '../types.ts';
import { searchedTables } from './searched-tables.ts';
import { defineOperator, defineSource } from './spec.ts';
import { unionWithSource } from './union.ts';

/** `kind=case_sensitive|case_insensitive|default`, if present. */
function caseSensitivity(node: Kusto.Language.Syntax.SearchOperator, l: Lowerer): boolean {
  const params = l.parameters(node.Parameters);
  l.rejectOtherParameters(params, ['kind'], 'search');
  const k = params.get('kind');
  if (!k) return false;
  const v = l.parameterText(k.value);
  if (v === 'case_sensitive') return true;
  if (v === 'case_insensitive' || v === 'default') return false;
  throw l.error(
    'syntax',
    `search kind must be case_sensitive, case_insensitive or default, not "${v}"`,
    k.value,
  );
}

/** The term-search operator and operand for a search string (wildcards as in the module comment). */
function termOperator(term: string, caseSensitive: boolean): { op: string; value: string } {
  const cs = caseSensitive ? '_cs' : '';
  const lead = term.startsWith('*');
  const trail = term.length > 1 && term.endsWith('*');
  const core = term.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (core.includes('*')) {
    const pattern = core.split('*').map(escapeRegex).join('.*');
    return {
      op: 'matches',
      value: `${caseSensitive ? '' : '(?i)'}${lead ? '' : '\\b'}${pattern}${trail ? '' : '\\b'}`,
    };
  }
  if (lead && trail) return { op: `contains${cs}`, value: core };
  if (trail) return { op: `hasprefix${cs}`, value: core };
  if (lead) return { op: `hassuffix${cs}`, value: core };
  return { op: `has${cs}`, value: core };
}

function termOn(column: Expr, term: string, caseSensitive: boolean, span: Span): Expr {
  const { op, value } = termOperator(term, caseSensitive);
  return {
    kind: 'binary',
    op,
    opSpan: span,
    left: column,
    right: { kind: 'literal', type: 'string', value, span },
    span,
  };
}

/**
 * The predicate as Kusto.Language parsed it, with its search forms made ordinary conditions:
 * `Col:"x"` (a SearchExpression) becomes a term search on that column, and a lone `*` keeps every
 * row. Bare strings stay strings: they are expanded over the columns at translation (expandTerms).
 */
export function searchPredicate(
  node: Kusto.Language.Syntax.Expression | null,
  cs: boolean,
  l: Lowerer,
): Expr {
  if (node && kindName(node) === 'StarExpression')
    return { kind: 'literal', type: 'bool', value: true, span: l.span(node) };
  const walk = (e: Expr): Expr => {
    if (e.kind === 'binary' && e.op === ':') {
      if (e.right.kind !== 'literal' || e.right.type !== 'string')
        throw l.error('syntax', 'expected a string after "Column:" in search', e.right.span);
      return termOn(e.left, String(e.right.value), cs, e.span);
    }
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or'))
      return { ...e, left: walk(e.left), right: walk(e.right) };
    if (e.kind === 'call' && e.name === 'not' && e.args.length === 1)
      return { ...e, args: [walk(e.args[0]!)] };
    return e;
  };
  return walk(lowerExpr(node, l));
}

/** The columns a bare term is searched in (see the module comment). */
function searchable(columns: readonly ColumnSchema[], span: Span): Expr[] {
  return columns
    .filter((c) => c.type === 'string' || c.type === 'guid' || c.type === 'dynamic')
    .map((c): Expr => {
      const name: Expr = { kind: 'name', name: c.name, span };
      return c.type === 'string'
        ? name
        : { kind: 'call', name: 'tostring', nameSpan: span, args: [name], span };
    });
}

/** The predicate with its bare strings, where conditions stand, expanded into term searches over `columns`. */
export function expandTerms(e: Expr, columns: readonly ColumnSchema[], cs: boolean): Expr {
  if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or'))
    return {
      ...e,
      left: expandTerms(e.left, columns, cs),
      right: expandTerms(e.right, columns, cs),
    };
  if (e.kind === 'call' && e.name === 'not' && e.args.length === 1)
    return { ...e, args: [expandTerms(e.args[0]!, columns, cs)] };
  if (e.kind === 'literal' && e.type === 'string') {
    const terms = searchable(columns, e.span).map((c) => termOn(c, String(e.value), cs, e.span));
    if (terms.length === 0) return { kind: 'literal', type: 'bool', value: false, span: e.span };
    return terms.reduce((a, b) => ({
      kind: 'binary',
      op: 'or',
      opSpan: e.span,
      left: a,
      right: b,
      span: e.span,
    }));
  }
  return e;
}

/** The string operators whose left operand may be `*` in a where predicate (`where * has "cow"`). */
const STAR_OPERATORS = new Set(
  ['has', 'hasprefix', 'hassuffix', 'contains', 'startswith', 'endswith'].flatMap((o) => [
    o,
    `${o}_cs`,
  ]),
);

/**
 * `* has "cow"` in a where predicate (where-operator.md, "Check if column contains string"): true
 * when the word is in any column, as a term search is (same columns as `search`). The form stands
 * where a condition stands (operands of and/or/not, or the whole predicate), with the has and
 * contains families of string operators.
 */
export function expandStarOperands(e: Expr, columns: readonly ColumnSchema[]): Expr {
  if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or'))
    return {
      ...e,
      left: expandStarOperands(e.left, columns),
      right: expandStarOperands(e.right, columns),
    };
  if (e.kind === 'call' && e.name === 'not' && e.args.length === 1)
    return { ...e, args: [expandStarOperands(e.args[0]!, columns)] };
  if (e.kind === 'binary' && e.left.kind === 'star' && STAR_OPERATORS.has(e.op)) {
    const terms = searchable(columns, e.left.span).map((c): Expr => ({ ...e, left: c }));
    if (terms.length === 0) return { kind: 'literal', type: 'bool', value: false, span: e.span };
    return terms.reduce((a, b) => ({
      kind: 'binary',
      op: 'or',
      opSpan: e.opSpan,
      left: a,
      right: b,
      span: e.span,
    }));
  }
  return e;
}

function filter(
  rel: Relation,
  predicate: Expr,
  cs: boolean,
  ctx: TranslateContext,
  span: Span,
): Relation {
  return ctx.translateOperator(
    { kind: 'where', predicate: expandTerms(predicate, rel.columns, cs), span },
    rel,
  );
}

export const SEARCH = defineOperator({
  kind: 'search',
  syntax: ['SearchOperator'],
  lower(node: Kusto.Language.Syntax.SearchOperator, l) {
    const caseSensitive = caseSensitivity(node, l);
    if (node.InClause)
      throw l.error('syntax', 'search after a pipe cannot name tables with in (…)', node.InClause);
    if (node.DataScope) throw l.unsupported('search datascope=…', node.DataScope);
    return {
      kind: 'search',
      caseSensitive,
      predicate: searchPredicate(node.Condition, caseSensitive, l),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    return filter(input, op.predicate, op.caseSensitive, ctx, op.span);
  },
});

export const SEARCH_SOURCE = defineSource({
  kind: 'search',
  syntax: ['SearchOperator'],
  lower(node: Kusto.Language.Syntax.SearchOperator, l) {
    const caseSensitive = caseSensitivity(node, l);
    if (node.DataScope) throw l.unsupported('search datascope=…', node.DataScope);
    const tables = node.InClause
      ? elementsOf(node.InClause.Expressions).map((e) => columnPattern(e, l))
      : undefined;
    return {
      kind: 'search',
      caseSensitive,
      ...(tables && { tables }),
      views: [...l.views],
      predicate: searchPredicate(node.Condition, caseSensitive, l),
      span: l.span(node),
    };
  },
  translate(src, ctx) {
    // Without in (…): every table loaded and every view of the query, as Kusto searches the database.
    const names = searchedTables(src.tables, src.views, ctx, src.span);
    if (names.length === 0) {
      throw ctx.error(
        'unknown-table',
        src.tables
          ? 'search in (…): no loaded table matches'
          : 'search without in (…) searches every table loaded, and none is',
        src.span,
      );
    }
    const legs: { rel: Relation; name: string }[] = [];
    let missing: KqlError | undefined;
    for (const n of names) {
      const table = ctx.tabularByName(n.text, n.span);
      try {
        legs.push({
          rel: filter(table, src.predicate, src.caseSensitive, ctx, src.span),
          name: n.text,
        });
      } catch (e) {
        // Searching the whole workspace, a table without a column the predicate names has no
        // match (as find skips it); a table named in in (…) must have it.
        if (src.tables || !(e instanceof KqlError) || e.code !== 'unknown-column') throw e;
        missing ??= e;
      }
    }
    if (legs.length === 0) throw missing!;
    return unionWithSource(legs, '$table', ctx, src.span);
  },
});
