/**
 * What the comparison needs to know about a case's query, read from the corpus tags and the KQL
 * text: whether Kusto's row order is defined, which result columns hold arrays without a defined
 * order, and the query without its `render` (charts are not compared; the table before them is).
 */
import type { ConformanceCase } from './cases.ts';
import { kustoLanguage, listOf } from './kusto-language.ts';

/** Blanks string literals and comments so that keywords inside them are not mistaken for operators. */
export function maskLiterals(kql: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return kql.replace(
    /\/\/[^\n]*|@?'(?:[^'\\\n]|\\.)*'|@?"(?:[^"\\\n]|\\.)*"|```[\s\S]*?```/g,
    blank,
  );
}

/** Operators after which Kusto's output order is defined (top-nested sorts too). */
const SORTING_OPERATORS = ['sort', 'order', 'top', 'top-nested', 'serialize'];

export function sortsRows(c: ConformanceCase): boolean {
  if (c.operators.some((o) => SORTING_OPERATORS.includes(o.toLowerCase()))) return true;
  return querySorts(c.kql);
}

/** Whether the query text sorts (an operator after a `|` outside strings and comments). */
export function querySorts(kql: string): boolean {
  return /\|\s*(?:sort|order|top|top-nested|serialize)\b/i.test(maskLiterals(kql));
}

/** The query without a trailing `| render …` (which may span lines with its `with (…)` options). */
export function stripRender(kql: string): string {
  const masked = maskLiterals(kql);
  let cut = -1;
  for (const m of masked.matchAll(/\|\s*render\b/gi)) cut = m.index;
  return cut < 0 ? kql : kql.slice(0, cut).trimEnd();
}

/** Functions whose array result has no defined element order in Kusto (sets). */
const SET_FUNCTIONS: ReadonlySet<string> = new Set([
  'make_set',
  'make_set_if',
  'make_set_with_nulls',
  'makeset',
  'set_union',
  'set_intersect',
  'set_difference',
]);

/**
 * The result columns whose value is the array of a set function (make_set, set_union…): only
 * these may be compared as multisets, and only at their outer level (the elements keep their own
 * order). Kusto.Language binds the query and says where each result column comes from: a column
 * is from a set function when its source expression is a call of one, or a plain rename or copy
 * (`t = s`, `project-rename`, a join's `s1`) of such a column. Anything built around the call
 * (`array_sort_asc(s)`, `tostring(make_set(x))`, `bag_pack("k", make_set(x))`) has a defined order.
 */
export function unorderedColumns(kql: string): ReadonlySet<string> {
  const K = kustoLanguage();
  const code = K.KustoCode.ParseAndAnalyze(kql, K.GlobalState.Default)!;
  const result = code.ResultType as Kusto.Language.Symbols.TableSymbol | null;
  const out = new Set<string>();
  const columns = listOf<Kusto.Language.Symbols.ColumnSymbol>(
    (result as { Columns?: unknown } | null)?.Columns,
  );
  for (const c of columns) if (fromSetFunction(c, 0)) out.add(c.Name ?? '');
  return out;
}

function fromSetFunction(col: Kusto.Language.Symbols.ColumnSymbol, depth: number): boolean {
  if (depth > 64) return false;
  const K = kustoLanguage();
  const src = col.Source;
  if (!src) {
    const originals = listOf<Kusto.Language.Symbols.ColumnSymbol>(col.OriginalColumns);
    return originals.length > 0 && originals.every((o) => fromSetFunction(o, depth + 1));
  }
  if (src.Kind === K.Syntax.SyntaxKind.FunctionCallExpression) {
    const call = src as Kusto.Language.Syntax.FunctionCallExpression;
    return SET_FUNCTIONS.has(call.ReferencedSymbol?.Name ?? call.Name?.SimpleName ?? '');
  }
  if (
    src.Kind === K.Syntax.SyntaxKind.NameReference &&
    src.Parent?.Kind === K.Syntax.SyntaxKind.SimpleNamedExpression
  ) {
    const ref = (src as Kusto.Language.Syntax.NameReference).ReferencedSymbol;
    if (ref && ref.Kind === K.Symbols.SymbolKind.Column)
      return fromSetFunction(ref as Kusto.Language.Symbols.ColumnSymbol, depth + 1);
  }
  return false;
}
