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
import type { Token } from '../lexer.ts';
import type { Parser } from '../parser.ts';
import { escapeRegex } from '../sql.ts';
import type { Relation } from '../types.ts';
import { spanFrom } from './common.ts';
import { defineOperator, defineSource, operatorFor } from './registry.ts';
import { unionWithSource } from './union.ts';

/** `kind=case_sensitive|case_insensitive|default`, if present. */
function parseKind(p: Parser): boolean {
  if (!(p.isWord('kind') && p.isPunct('=', 1))) return false;
  p.next();
  p.next();
  const k = p.expectIdent('case_sensitive, case_insensitive or default');
  if (k.value === 'case_sensitive') return true;
  if (k.value === 'case_insensitive' || k.value === 'default') return false;
  throw p.error('syntax', `search kind must be case_sensitive, case_insensitive or default, not "${k.value}"`, k);
}

/** The term-search operator and operand for a search string (wildcards as in the module comment). */
function termOperator(term: string, caseSensitive: boolean): { op: string; value: string } {
  const cs = caseSensitive ? '_cs' : '';
  const lead = term.startsWith('*');
  const trail = term.length > 1 && term.endsWith('*');
  const core = term.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (core.includes('*')) {
    const pattern = core.split('*').map(escapeRegex).join('.*');
    return { op: 'matches', value: `${caseSensitive ? '' : '(?i)'}${lead ? '' : '\\b'}${pattern}${trail ? '' : '\\b'}` };
  }
  if (lead && trail) return { op: `contains${cs}`, value: core };
  if (trail) return { op: `hasprefix${cs}`, value: core };
  if (lead) return { op: `hassuffix${cs}`, value: core };
  return { op: `has${cs}`, value: core };
}

function termOn(column: Expr, term: string, caseSensitive: boolean, span: Span): Expr {
  const { op, value } = termOperator(term, caseSensitive);
  return { kind: 'binary', op, opSpan: span, left: column, right: { kind: 'literal', type: 'string', value, span }, span };
}

/** Whether the parenthesis at the parser's position encloses a `Col:"x"` term (then it is parsed as a search predicate). */
function parenHasColumnTerm(p: Parser): boolean {
  let depth = 0;
  for (let i = 0; ; i++) {
    const t = p.peek(i);
    if (t.kind === 'eof') return false;
    if (t.kind === 'punct' && t.value === '(') depth++;
    if (t.kind === 'punct' && t.value === ')' && --depth === 0) return false;
    if (depth === 1 && t.kind === 'punct' && t.value === ':') return true;
  }
}

function parsePredicate(p: Parser, cs: boolean): Expr {
  const level = (next: () => Expr, word: 'and' | 'or') => {
    let left = next();
    for (let t = p.acceptWord(word); t; t = p.acceptWord(word)) {
      const right = next();
      left = { kind: 'binary', op: word, opSpan: { start: t.start, end: t.end }, left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  };
  const unit = (): Expr => {
    const t = p.peek();
    if (p.isPunct('*')) {
      p.next();
      return { kind: 'literal', type: 'bool', value: true, span: { start: t.start, end: t.end } };
    }
    if (t.kind === 'ident' && p.isPunct(':', 1) && p.peek(2).kind === 'string') {
      p.next();
      p.next();
      const s = p.next();
      const span = { start: t.start, end: s.end };
      return termOn({ kind: 'name', name: t.value, span: { start: t.start, end: t.end } }, s.value, cs, span);
    }
    if (p.isPunct('(') && parenHasColumnTerm(p)) {
      p.next();
      const e = parsePredicate(p, cs);
      p.expectPunct(')', 'to close the parenthesis');
      return e;
    }
    return p.parseComparison();
  };
  return level(() => level(unit, 'and'), 'or');
}

/** The columns a bare term is searched in (see the module comment). */
function searchable(columns: readonly ColumnSchema[], span: Span): Expr[] {
  return columns
    .filter((c) => c.type === 'string' || c.type === 'guid' || c.type === 'dynamic')
    .map((c): Expr => {
      const name: Expr = { kind: 'name', name: c.name, span };
      return c.type === 'string' ? name : { kind: 'call', name: 'tostring', nameSpan: span, args: [name], span };
    });
}

/** The predicate with its bare strings, where conditions stand, expanded into term searches over `columns`. */
function expandTerms(e: Expr, columns: readonly ColumnSchema[], cs: boolean): Expr {
  if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) return { ...e, left: expandTerms(e.left, columns, cs), right: expandTerms(e.right, columns, cs) };
  if (e.kind === 'call' && e.name === 'not' && e.args.length === 1) return { ...e, args: [expandTerms(e.args[0]!, columns, cs)] };
  if (e.kind === 'literal' && e.type === 'string') {
    const terms = searchable(columns, e.span).map((c) => termOn(c, String(e.value), cs, e.span));
    if (terms.length === 0) return { kind: 'literal', type: 'bool', value: false, span: e.span };
    return terms.reduce((a, b) => ({ kind: 'binary', op: 'or', opSpan: e.span, left: a, right: b, span: e.span }));
  }
  return e;
}

function filter(rel: Relation, predicate: Expr, cs: boolean, ctx: TranslateContext, span: Span): Relation {
  return operatorFor('where')!.translate({ kind: 'where', predicate: expandTerms(predicate, rel.columns, cs), span } as never, rel, ctx);
}

export const SEARCH = defineOperator({
  kind: 'search',
  names: ['search'],
  parse(p, kw) {
    const caseSensitive = parseKind(p);
    if (p.isWord('in') && p.isPunct('(', 1)) throw p.error('syntax', 'search after a pipe cannot name tables with in (…)', p.peek());
    return { kind: 'search', caseSensitive, predicate: parsePredicate(p, caseSensitive), span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    return filter(input, op.predicate, op.caseSensitive, ctx, op.span);
  },
});

export const SEARCH_SOURCE = defineSource({
  kind: 'search',
  starts: (p) => p.isWord('search'),
  parse(p) {
    const kw: Token = p.next();
    const caseSensitive = parseKind(p);
    let tables: { text: string; span: Span }[] | undefined;
    if (p.isWord('in') && p.isPunct('(', 1)) {
      p.next();
      p.next();
      tables = [];
      do tables.push(p.parseName('a table name'));
      while (p.acceptPunct(','));
      p.expectPunct(')', 'to close the search tables');
    }
    const predicate = parsePredicate(p, caseSensitive);
    return { kind: 'search', caseSensitive, tables, views: [...p.views], predicate, span: spanFrom(p, kw) };
  },
  translate(src, ctx) {
    const names = src.tables ?? src.views.map((v) => ({ text: v, span: src.span }));
    if (names.length === 0) {
      throw ctx.error('unsupported', 'search without in (…) searches every table of the workspace: name the tables, e.g. search in (SigninLogs) "term"', src.span);
    }
    const legs = names.map((n) => {
      if (n.text.includes('*')) throw ctx.error('unsupported', 'search in (…) with a wildcard table name', n.span);
      return { rel: filter(ctx.tabularByName(n.text, n.span), src.predicate, src.caseSensitive, ctx, src.span), name: n.text };
    });
    return unionWithSource(legs, '$table', ctx, src.span);
  },
});
