/**
 * Column-name patterns of project-away, project-keep and project-reorder: a name, `['name']`, or a
 * wildcard pattern where `*` matches any run of characters (`*1`, `Prefix*`, `A*B`). Names are
 * case-sensitive, as KQL column names are. A plain name must exist; a wildcard may match nothing.
 */
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Parser } from '../parser.ts';

export interface ColumnPattern {
  readonly text: string;
  readonly span: Span;
}

/** One pattern: the adjacent (unspaced) words, numbers and `*` that spell it, or `['name']`. */
export function parseColumnPattern(p: Parser): ColumnPattern {
  const bracket = p.bracketName();
  if (bracket) return bracket;
  const first = p.peek();
  const part = () => {
    const t = p.peek();
    return t.kind === 'ident' || t.kind === 'long' || (t.kind === 'punct' && t.value === '*');
  };
  if (!part()) throw p.unexpected('a column name or wildcard pattern');
  let end = p.next().end;
  // `*1` lexes as "*" then 1; `Name*` as Name then "*": glue tokens with no space between them.
  while (part() && p.peek().start === end) end = p.next().end;
  return { text: p.text.slice(first.start, end), span: { start: first.start, end } };
}

export function parseColumnPatterns(p: Parser): ColumnPattern[] {
  const out: ColumnPattern[] = [];
  do out.push(parseColumnPattern(p));
  while (p.acceptPunct(','));
  return out;
}

export const isWildcard = (pattern: string): boolean => pattern.includes('*');

/** The input's column names the pattern selects, in input order; a missing plain name is an error. */
export function matchColumns(pattern: ColumnPattern, names: readonly string[], ctx: TranslateContext, what: string): string[] {
  if (!isWildcard(pattern.text)) {
    if (!names.includes(pattern.text)) throw ctx.error('unknown-column', `${what}: no column "${pattern.text}"`, pattern.span);
    return [pattern.text];
  }
  const re = new RegExp(`^${pattern.text.split('*').map((s) => s.replace(/[\\^$.+?()[\]{}|]/g, '\\$&')).join('.*')}$`, 's');
  return names.filter((n) => re.test(n));
}
