/// <reference types="@kusto/language-service-next" />
/**
 * Microsoft's Kusto.Language (`@kusto/language-service-next`, MIT) for Node tooling: the two
 * classic scripts of the package define the globals `Bridge`, `System` and `Kusto` when required.
 * The catalog dump and the documentation harvest (scripts/) and the comparison of results
 * (which result columns come from make_set…, query-shape.ts) read it here; the translator loads it
 * its own way, for the browser builds too.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let loaded: typeof Kusto.Language | undefined;

/** The `Kusto.Language` namespace, loaded on first use. */
export function kustoLanguage(): typeof Kusto.Language {
  if (!loaded) {
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    loaded = (globalThis as unknown as { Kusto: { Language: typeof Kusto.Language } }).Kusto
      .Language;
  }
  return loaded;
}

/** The package's version, as its package.json says. */
export function kustoLanguageVersion(): string {
  return (require('@kusto/language-service-next/package.json') as { version: string }).version;
}

/** A .NET list as Bridge.NET gives it (a count and an indexer), or a plain array, as an array. */
export function listOf<T>(list: unknown): T[] {
  if (!list) return [];
  if (Array.isArray(list)) return list as T[];
  const l = list as { readonly Count: number; getItem(i: number): T };
  const out: T[] = [];
  for (let i = 0; i < l.Count; i++) out.push(l.getItem(i));
  return out;
}

/** The member names of a Bridge.NET enum, by value (`SyntaxKind`, `ParameterTypeKind`…). */
export function enumNames(e: unknown): Map<number, string> {
  return new Map(
    Object.entries(e as Record<string, unknown>)
      .filter((x): x is [string, number] => typeof x[1] === 'number')
      .map(([k, v]) => [v, k]),
  );
}

export interface KustoDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly start: number;
  readonly length: number;
}

/** Parses and binds `text` against Kusto's built-in symbols (no database): its diagnostics. */
export function analyze(text: string): {
  code: Kusto.Language.KustoCode;
  diagnostics: KustoDiagnostic[];
} {
  const K = kustoLanguage();
  const code = K.KustoCode.ParseAndAnalyze(text, K.GlobalState.Default)!;
  const diagnostics = listOf<Kusto.Language.Diagnostic>(code.GetDiagnostics()).map((d) => ({
    code: d.Code ?? '',
    severity: d.Severity ?? '',
    message: d.Message ?? '',
    start: d.Start,
    length: d.Length,
  }));
  return { code, diagnostics };
}
