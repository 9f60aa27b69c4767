/**
 * What the comparison needs to know about a case's query, read from the corpus tags and the KQL
 * text: whether Kusto's row order is defined, which result columns hold arrays without a defined
 * order, and the query without its `render` (charts are not compared; the table before them is).
 */
import type { ConformanceCase } from './cases.ts';
import { enumNames, kustoLanguage, listOf } from './kusto-language.ts';

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
  if (c.operators.some((o) => SORTING_OPERATORS.includes(o.toLowerCase())))
    return !orderLostAtEnd(c.kql);
  return querySorts(c.kql);
}

/** Whether the query text sorts (an operator after a `|` outside strings and comments). */
export function querySorts(kql: string): boolean {
  return (
    /\|\s*(?:sort|order|top|top-nested|serialize)\b/i.test(maskLiterals(kql)) &&
    !orderLostAtEnd(kql)
  );
}

/** Operators whose output order Kusto leaves undefined whatever the order of their input. */
const ORDER_BREAKING = new Set([
  'PartitionOperator',
  'SummarizeOperator',
  'JoinOperator',
  'UnionOperator',
  'DistinctOperator',
]);
const ORDER_SETTING = new Set([
  'SortOperator',
  'TopOperator',
  'TopNestedOperator',
  'SerializeOperator',
]);

/**
 * Whether the query's last pipeline, read from its end, reaches an operator that leaves the order
 * undefined (partition, summarize, join, union, distinct) before one that sets it: `T | sort by x
 * | partition by k (…) | project …` sorts, but Kusto's rows come in no defined order.
 */
let kindNames: Map<number, string> | undefined;
const syntaxKindNames = () => (kindNames ??= enumNames(kustoLanguage().Syntax.SyntaxKind));

function orderLostAtEnd(kql: string): boolean {
  const K = kustoLanguage();
  const code = K.KustoCode.Parse(kql, K.GlobalState.Default);
  const statements = listOf<Kusto.Language.Syntax.SyntaxNode>(
    (code?.Syntax as unknown as { Statements?: unknown } | null)?.Statements,
  );
  const last = statements
    .map((s) => (s as unknown as { Element?: Kusto.Language.Syntax.SyntaxNode }).Element ?? s)
    .filter((s) => s.Kind === K.Syntax.SyntaxKind.ExpressionStatement)
    .pop() as Kusto.Language.Syntax.ExpressionStatement | undefined;
  let e: Kusto.Language.Syntax.Expression | null | undefined = last?.Expression;
  while (e) {
    if (e.Kind === K.Syntax.SyntaxKind.ParenthesizedExpression) {
      e = (e as Kusto.Language.Syntax.ParenthesizedExpression).Expression;
      continue;
    }
    if (e.Kind !== K.Syntax.SyntaxKind.PipeExpression) return false;
    const pipe = e as Kusto.Language.Syntax.PipeExpression;
    const kind = syntaxKindNames().get(pipe.Operator?.Kind ?? -1) ?? '';
    if (ORDER_SETTING.has(kind)) return false;
    if (ORDER_BREAKING.has(kind)) return true;
    e = pipe.Expression;
  }
  return false;
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
