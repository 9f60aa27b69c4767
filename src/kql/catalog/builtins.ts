/**
 * Kusto's built-in catalog as Microsoft's Kusto.Language defines it: every scalar function,
 * aggregate, window function, `evaluate` plugin and tabular operator/statement. The data is
 * dumped from the `@kusto/language-service-next` package by scripts/dump-kusto-catalog.ts into
 * ./kusto-builtins.json (committed: the coverage table and its test read it without loading the
 * 5 MB package). Each entry is, in Loupe, implemented or refused with a typed reason
 * (./refusals.ts); docs/kql-coverage.md shows which (./coverage.ts).
 */
import catalogJson from './kusto-builtins.json' with { type: 'json' };

/** What kind of built-in an entry is. Names are unique within a kind (`count` is an aggregate and an operator). */
export type BuiltinKind = 'function' | 'aggregate' | 'window' | 'plugin' | 'operator';

export const BUILTIN_KINDS: readonly BuiltinKind[] = [
  'function',
  'aggregate',
  'window',
  'plugin',
  'operator',
];

/** One signature as Kusto.Language declares it: `(string1: string, string2: string)` → `int`. */
export interface Signature {
  /** Parameters with their types; `[…]` optional, `, ...` repeatable. Types are Kusto's names, or a kind (`Number`, `StringOrDynamic`). */
  readonly params: string;
  /** The result type, or how it is computed (`Parameter0`: the first argument's type; `Custom`…). */
  readonly returns: string;
  readonly hidden?: boolean;
}

export interface CatalogEntry {
  readonly kind: BuiltinKind;
  readonly name: string;
  /** Functions, aggregates, window functions and plugins. */
  readonly signatures?: readonly Signature[];
  /** A function whose result is a table (`table()`, `cluster()`…). */
  readonly tabular?: boolean;
  /** Operators: the Kusto.Language syntax node kind the operator parses to (`FilterOperator`). */
  readonly syntax?: string;
  /** Operators: other keywords for the same node kind (`filter` for `where`). */
  readonly aliases?: readonly string[];
  /** Not offered by Kusto's completion: internal, or kept for old queries. */
  readonly hidden?: boolean;
  readonly obsolete?: boolean;
  /** The name Kusto suggests instead of an obsolete one. */
  readonly alternative?: string;
}

export interface KustoCatalog {
  readonly source: {
    readonly package: string;
    readonly version: string;
    readonly licence: string;
    readonly repository: string;
  };
  readonly entries: readonly CatalogEntry[];
}

export const KUSTO_CATALOG: KustoCatalog = catalogJson as KustoCatalog;

/** `function:strcmp`: an entry's identity. */
export function entryKey(e: { readonly kind: BuiltinKind; readonly name: string }): string {
  return `${e.kind}:${e.name}`;
}

/** The catalog file's text: one entry per line, so that a new Kusto.Language version gives a readable diff. */
export function formatCatalog(c: KustoCatalog): string {
  const lines = c.entries.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "source": ${JSON.stringify(c.source)},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
