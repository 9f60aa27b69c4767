/**
 * Which catalog entries a reference example exercises: an example counts for an entry its page
 * documents only when its KQL actually uses that entry (a function page's second example may only
 * set up data). Read from the text with strings and comments blanked out:
 * - a function, aggregate or window function: `name(`;
 * - a plugin: `evaluate [hints] name(`;
 * - an operator or statement: its keyword (or an alias) where an operator can start — after `|`,
 *   at the start of the query or a statement, after `(`, `;`, `=`, `,` or `{` — and, when a
 *   function of the same name exists (`range`, `count`), not followed by `(`.
 */
import { KUSTO_CATALOG, type BuiltinKind, type CatalogEntry } from '../../kql/catalog/builtins.ts';
import { maskLiterals } from '../query-shape.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

const CALLABLE_NAMES: ReadonlySet<string> = new Set(
  KUSTO_CATALOG.entries.filter((e) => e.kind !== 'operator').map((e) => e.name),
);

const patterns = new Map<string, RegExp>();

function patternOf(e: Pick<CatalogEntry, 'kind' | 'name' | 'aliases'>): RegExp {
  const key = `${e.kind}:${e.name}`;
  let re = patterns.get(key);
  if (re) return re;
  if (e.kind === 'plugin') {
    re = new RegExp(`\\bevaluate\\s+(?:hint\\.[\\w.]+\\s*=\\s*\\S+\\s+)*${escape(e.name)}\\s*\\(`);
  } else if (e.kind === 'operator') {
    const words = [e.name, ...(e.aliases ?? [])].map((n) =>
      n.split(/\s+/).map(escape).join('\\s+'),
    );
    const call =
      words.some((w) => CALLABLE_NAMES.has(w)) || CALLABLE_NAMES.has(e.name) ? '(?!\\s*\\()' : '';
    re = new RegExp(`(?:^|[|;(=,{])\\s*(?:${words.join('|')})(?![\\w-])${call}`, 'm');
  } else {
    re = new RegExp(`(?<![\\w.$-])${escape(e.name)}\\s*\\(`);
  }
  patterns.set(key, re);
  return re;
}

/** Whether `kql` uses the entry (see the file's comment for how that is told). */
export function usesEntry(
  kql: string,
  e: Pick<CatalogEntry, 'kind' | 'name' | 'aliases'>,
): boolean {
  return patternOf(e).test(maskLiterals(kql));
}

/**
 * The catalog entries a page's covers name: for each name, the entry of the first of the page's
 * kinds that has it (`range` on a function page is the function, not the operator).
 */
export function entriesNamed(
  names: readonly string[],
  kinds: readonly BuiltinKind[],
): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const name of new Set(names)) {
    for (const kind of kinds) {
      const e = KUSTO_CATALOG.entries.find((x) => x.kind === kind && x.name === name);
      if (e) {
        out.push(e);
        break;
      }
    }
  }
  return out;
}
