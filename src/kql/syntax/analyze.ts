/**
 * Parsing and binding a query with Kusto.Language, in the environment Loupe gives it: the tables
 * the query names (their schemas from `TranslateOptions.resolveTable`) and the tables loaded (for
 * `union Sign*`). Kusto's syntax errors end the translation here, with Kusto's own message and
 * position; its semantic analysis is what gives unnamed columns their names and every expression
 * its type.
 */
import type { TableSchema } from '../../schema/catalog.ts';
import type { KqlType } from '../../schema/kql-types.ts';
import type { TranslateOptions } from '../api.ts';
import { KUSTO_CATALOG } from '../catalog/builtins.ts';
import { refusal } from '../catalog/refuse.ts';
import { kqlError } from '../errors.ts';
import type { ErrorDetail } from '../../errors.ts';
import {
  kindName,
  kustoLanguage,
  listOf,
  type KustoCode,
  type SyntaxNode,
} from './kusto-language.ts';

/**
 * The longest query Loupe translates: 256 KiB of text. Sentinel accepts rule queries of 10,000
 * characters; this leaves room for long hunting queries while a megabyte of KQL, which can make
 * DuckDB plan for minutes and gigabytes, ends in an error that names the limit.
 */
export const MAX_QUERY_LENGTH = 256 * 1024;

/**
 * Kusto.Language's "Query syntax depth exceeds maximum safe limit" (KS245): it parses any depth
 * (its parser is stack-safe) but stops analysing past a tree depth of 500; Loupe, whose lowering
 * and translation recurse over the tree, stops there too.
 */
const DEPTH_DIAGNOSTIC = 'KS245';

/**
 * The deepest bracket nesting Loupe hands to Kusto.Language. Each level is at least one level of
 * the syntax tree, so past 500 the analysis would stop anyway (KS245); refusing first keeps the
 * time bounded: the stack-safe parser takes about half a millisecond a level (8,000 nested
 * parentheses: 4.5 s on the build machine).
 */
export const MAX_NESTING = 500;

/**
 * The deepest nesting of (), [] and {} outside strings and comments, and where the nesting first
 * went past MAX_NESTING (the place to point at). One linear pass; string forms as Kusto lexes them: '…' and "…" with backslash escapes,
 * @'…'/@"…" with doubled quotes, ```…```, and // comments.
 */
function deepestNesting(text: string): { depth: number; at: number } {
  let depth = 0;
  let deepest = { depth: 0, at: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '`' && text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      const verbatim = text[i - 1] === '@';
      for (i++; i < text.length && text[i] !== c; i++) if (!verbatim && text[i] === '\\') i++;
      if (verbatim && text[i + 1] === c) i++; // a doubled quote inside a verbatim string
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > deepest.depth)
        deepest = { depth, at: depth === MAX_NESTING + 1 ? i : deepest.at };
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

const SCALAR: Record<KqlType, () => Kusto.Language.Symbols.ScalarSymbol | null> = {
  string: () => kustoLanguage().Symbols.ScalarTypes.String,
  long: () => kustoLanguage().Symbols.ScalarTypes.Long,
  int: () => kustoLanguage().Symbols.ScalarTypes.Int,
  real: () => kustoLanguage().Symbols.ScalarTypes.Real,
  decimal: () => kustoLanguage().Symbols.ScalarTypes.Decimal,
  bool: () => kustoLanguage().Symbols.ScalarTypes.Bool,
  datetime: () => kustoLanguage().Symbols.ScalarTypes.DateTime,
  timespan: () => kustoLanguage().Symbols.ScalarTypes.TimeSpan,
  dynamic: () => kustoLanguage().Symbols.ScalarTypes.Dynamic,
  guid: () => kustoLanguage().Symbols.ScalarTypes.Guid,
};

/** A table's symbol for Kusto's binder, made once per schema object. */
const tableSymbols = new WeakMap<TableSchema, Kusto.Language.Symbols.TableSymbol>();

function tableSymbol(schema: TableSchema): Kusto.Language.Symbols.TableSymbol {
  let t = tableSymbols.get(schema);
  if (!t) {
    const K = kustoLanguage();
    const columns = schema.columns.map(
      (c) => new K.Symbols.ColumnSymbol(c.name, SCALAR[c.type](), null, null, null, null),
    );
    t = new K.Symbols.TableSymbol.$ctor4(schema.name, columns);
    tableSymbols.set(schema, t);
  }
  return t;
}

/** The names the query refers to (tables, lets, functions and columns alike): cheap to over-collect. */
function referencedNames(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (kindName(n) === 'NameReference')
      names.add((n as Kusto.Language.Syntax.NameReference).SimpleName ?? '');
    for (let i = 0; i < n.ChildCount; i++) {
      const c = n.GetChild(i);
      if (c && !c.IsToken) stack.push(c as SyntaxNode);
    }
  }
  return names;
}

/**
 * Parses and binds `text`, throwing a `syntax` KqlError at Kusto's first syntax diagnostic (or a
 * `limit` error past the size and depth limits).
 */
export function analyzeQuery(
  text: string,
  options: Pick<TranslateOptions, 'resolveTable' | 'tableNames'>,
): KustoCode {
  if (text.length > MAX_QUERY_LENGTH) {
    throw kqlError(
      text,
      'limit',
      `the query is ${text.length.toLocaleString('en-US')} characters long; Loupe translates queries of up to ${MAX_QUERY_LENGTH.toLocaleString('en-US')} (Sentinel rules: 10,000)`,
      { start: 0, end: 1 },
    );
  }
  const nesting = deepestNesting(text);
  if (nesting.depth > MAX_NESTING) {
    throw kqlError(
      text,
      'limit',
      `brackets nest ${nesting.depth} deep here; Loupe reads queries nested up to ${MAX_NESTING} deep (Kusto.Language analyses a syntax tree up to 500 deep)`,
      { start: nesting.at, end: nesting.at + 1 },
    );
  }
  const K = kustoLanguage();
  const parsed = K.KustoCode.Parse(text, K.GlobalState.Default)!;
  const syntaxErrors = listOf(parsed.GetDiagnostics()).filter((d) => d.Severity === 'Error');
  const first = syntaxErrors[0];
  if (first)
    throw kqlError(
      text,
      'syntax',
      syntaxMessage(first.Message ?? 'syntax error', text, first.Start, first.Length),
      { start: first.Start, end: first.Start + Math.max(1, first.Length) },
    );

  const names = referencedNames(parsed.Syntax as SyntaxNode);
  for (const t of options.tableNames?.() ?? []) names.add(t);
  const tables: Kusto.Language.Symbols.Symbol[] = [];
  for (const name of names) {
    const schema = name ? options.resolveTable(name) : undefined;
    if (schema) tables.push(tableSymbol(schema));
  }
  const globals = K.GlobalState.Default!.WithDatabase(
    new K.Symbols.DatabaseSymbol.ctor('loupe', tables),
  );
  // The syntax tree is kept: only the binding needs the tables.
  let code: KustoCode;
  try {
    code = parsed.Analyze(globals)!;
  } catch (e) {
    throw analysisFailure(text, parsed.Syntax as SyntaxNode, e);
  }
  const tooDeep = listOf(code.GetDiagnostics()).find((d) => d.Code === DEPTH_DIAGNOSTIC);
  if (tooDeep)
    throw kqlError(
      text,
      'limit',
      `the query nests deeper than Kusto analyses (a syntax tree depth of 500): ${tooDeep.Message}`,
      { start: 0, end: 1 },
    );
  return code;
}

/**
 * Kusto.Language's binder failed (it throws on some constructs it parses, e.g. `graph_time_travel(…)
 * | graph-match …`): a typed error, never a crash. When the query holds an operator Loupe refuses by
 * design (graph operators…), that refusal is the answer, at the operator; else the failure itself.
 */
function analysisFailure(text: string, root: SyntaxNode, e: unknown): Error {
  const K = kustoLanguage();
  let refused: { node: SyntaxNode; message: string; detail: ErrorDetail } | undefined;
  root.WalkElements((el) => {
    if (refused || !(el instanceof K.Syntax.QueryOperator)) return;
    const entry = KUSTO_CATALOG.entries.find(
      (x) => x.kind === 'operator' && x.syntax === kindName(el),
    );
    const r = entry && refusal('operator', entry.name);
    if (r) refused = { node: el as SyntaxNode, ...r };
  });
  if (refused)
    return kqlError(
      text,
      'unsupported',
      refused.message,
      { start: refused.node.TextStart, end: refused.node.TextStart + 1 },
      refused.detail,
    );
  return kqlError(
    text,
    'unsupported',
    `Kusto.Language could not analyse this query (${e instanceof Error ? e.message : String(e)}), so Loupe cannot translate it`,
    { start: 0, end: 1 },
  );
}

/**
 * Kusto's message, with the text it is about when that text has any: Kusto.Language says
 * "Query operator expected." at `frobnicate`; the analyst sees which word it means.
 */
function syntaxMessage(message: string, text: string, start: number, length: number): string {
  const found = text
    .slice(start, start + length)
    .split(/\r?\n/)[0]!
    .trim();
  if (!found) return message.replace(/\.$/, '');
  const shown = found.length > 40 ? `${found.slice(0, 40)}…` : found;
  return `${message.replace(/\.$/, '')}, found "${shown}"`;
}

/** Kusto's semantic errors (unknown names, wrong argument types…), for diagnostics beside Loupe's own. */
export function semanticErrors(
  code: KustoCode,
): { message: string; start: number; length: number }[] {
  return listOf(code.GetDiagnostics())
    .filter((d) => d.Severity === 'Error')
    .map((d) => ({ message: d.Message ?? '', start: d.Start, length: d.Length }));
}
