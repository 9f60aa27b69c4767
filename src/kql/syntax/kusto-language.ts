/// <reference types="@kusto/language-service-next" />
/**
 * Microsoft's Kusto.Language — the parser and semantic analyser that Azure Data Explorer and
 * Sentinel's own rule validation use — compiled to JavaScript by Bridge.NET
 * (`@kusto/language-service-next`, MIT). Loupe parses and binds every query with it, so the
 * grammar Loupe accepts is Kusto's by construction (docs/architecture.md, "The KQL front end").
 *
 * The package is two classic scripts that define the globals `Bridge`, `System` and `Kusto`: the
 * Bridge.NET runtime first, then Kusto.Language. In Node (CLI, tests) they load as CommonJS when
 * imported. The browser builds wrap each in a function that runs it against the worker's global
 * object when called (build/kusto-language.ts), so that the engine worker starts without the
 * 5 MB of script and loads it on first use, or when idle after start-up (`kustoLanguage()`).
 * Loading takes ~0.3–1 s and the first analysis ~0.8 s (JIT); later analyses milliseconds.
 */
import bridgeScript from '@kusto/language-service-next/bridge.min.js';
import kustoScript from '@kusto/language-service-next/Kusto.Language.Bridge.min.js';

/** What build/kusto-language.ts makes of each script: a function that runs it. */
type DeferredScript = (() => void) & { readonly loupeDeferredScript: true };

function isDeferred(x: unknown): x is DeferredScript {
  return typeof x === 'function' && 'loupeDeferredScript' in x;
}

let loaded: typeof Kusto.Language | undefined;

/** The `Kusto.Language` namespace, its scripts run on first use. */
export function kustoLanguage(): typeof Kusto.Language {
  if (!loaded) {
    for (const script of [bridgeScript, kustoScript]) if (isDeferred(script)) script();
    loaded = (globalThis as unknown as { Kusto: { Language: typeof Kusto.Language } }).Kusto
      .Language;
  }
  return loaded;
}

export type SyntaxNode = Kusto.Language.Syntax.SyntaxNode;
export type SyntaxElement = Kusto.Language.Syntax.SyntaxElement;
export type SyntaxToken = Kusto.Language.Syntax.SyntaxToken;
export type KustoExpression = Kusto.Language.Syntax.Expression;
export type KustoCode = Kusto.Language.KustoCode;
export type GlobalState = Kusto.Language.GlobalState;

let kindNames: Map<number, string> | undefined;

/** Kusto.Language's name of a node's kind (`FilterOperator`, `LongLiteralExpression`…). */
export function kindName(el: SyntaxElement): string {
  kindNames ??= new Map(
    Object.entries(kustoLanguage().Syntax.SyntaxKind as unknown as Record<string, unknown>)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([k, v]) => [v, k]),
  );
  return kindNames.get(el.Kind as unknown as number) ?? String(el.Kind);
}

/** A .NET list as Bridge.NET gives it: a count and an indexer (`getItem`). */
type BridgeList<T> =
  Kusto.Language.Syntax.SyntaxList$1<T> | System.Collections.Generic.IReadOnlyList$1<T>;

/** A .NET list (SyntaxList, IReadOnlyList…) as a JavaScript array. */
export function listOf<T>(list: BridgeList<T> | null | undefined): T[] {
  if (!list) return [];
  // Bridge.NET names the typed indexer of a generic list `getItem$1`; the untyped `getItem`
  // returns the same objects.
  const l = list as unknown as { readonly Count: number; getItem(i: number): T };
  const out: T[] = [];
  for (let i = 0; i < l.Count; i++) out.push(l.getItem(i));
  return out;
}

/** The elements of a separated list (`a, b, c`), without the separators. */
export function elementsOf<T>(
  list:
    | Kusto.Language.Syntax.SyntaxList$1<Kusto.Language.Syntax.SeparatedElement$1<T>>
    | null
    | undefined,
): T[] {
  return listOf(list).map((s) => (s as unknown as { Element: T }).Element);
}
