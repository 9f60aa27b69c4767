/**
 * Column-name patterns of project-away, project-keep and project-reorder: a name, `['name']`, or a
 * wildcard pattern where `*` matches any run of characters (`*1`, `Prefix*`, `A*B`). Names are
 * case-sensitive, as KQL column names are. A plain name must exist; a wildcard may match nothing.
 */
import type { TranslateContext } from '../context.ts';
import type { ColumnPattern } from '../syntax/lower-clauses.ts';

export const isWildcard = (pattern: string): boolean => pattern.includes('*');

/** The input's column names the pattern selects, in input order; a missing plain name is an error. */
export function matchColumns(
  pattern: ColumnPattern,
  names: readonly string[],
  ctx: TranslateContext,
  what: string,
): string[] {
  if (!isWildcard(pattern.text)) {
    if (!names.includes(pattern.text))
      throw ctx.error('unknown-column', `${what}: no column "${pattern.text}"`, pattern.span);
    return [pattern.text];
  }
  const re = new RegExp(
    `^${pattern.text
      .split('*')
      .map((s) => s.replace(/[\\^$.+?()[\]{}|]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return names.filter((n) => re.test(n));
}
