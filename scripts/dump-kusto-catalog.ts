/**
 * Dumps Kusto's built-in catalog, as Microsoft's Kusto.Language (`@kusto/language-service-next`)
 * defines it, into src/kql/catalog/kusto-builtins.json: every scalar function, aggregate, window
 * function, `evaluate` plugin, tabular operator, statement and tabular expression, with
 * signatures, result types and the hidden/obsolete flags. docs/kql-coverage.md is generated
 * against it (scripts/kql-coverage.ts).
 *
 *   npx tsx scripts/dump-kusto-catalog.ts [--check]
 *
 * `--check` compares with the committed file instead of writing it (exit 1 when they differ).
 *
 * Where the package has no list, the dump derives one from the parser itself, so that nothing is
 * typed in by hand: the operators are every keyword that, written after `print x=1 | ` (or at the
 * start of a query), makes Kusto.Language's parser build a query-operator node (or a statement /
 * tabular expression node); aliases are the keywords that build the same node kind (`filter` and
 * `where` build a FilterOperator). Window functions are the one hand-made list: Kusto.Language
 * does not mark them, the documentation's "Window functions" section does (below).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  enumNames,
  kustoLanguage,
  kustoLanguageVersion,
  listOf,
} from '../src/conformance/kusto-language.ts';
import {
  formatCatalog,
  type CatalogEntry,
  type KustoCatalog,
  type Signature,
} from '../src/kql/catalog/builtins.ts';

const OUT = resolve(import.meta.dirname, '..', 'src', 'kql', 'catalog', 'kusto-builtins.json');

/**
 * The documentation's table of contents, section "Window functions"
 * (MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/toc.yml at 1bbb122c), plus the
 * obsolete `row_rank` that Kusto.Language keeps for `row_rank_dense`.
 */
const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set([
  'next',
  'prev',
  'row_cumsum',
  'row_number',
  'row_rank_dense',
  'row_rank_min',
  'row_window_session',
  'row_rank',
]);

const K = kustoLanguage();
const S = K.Symbols;
const returnKinds = enumNames(S.ReturnTypeKind);
const typeKinds = enumNames(S.ParameterTypeKind);
const syntaxKinds = enumNames(K.Syntax.SyntaxKind);

type Sym = Kusto.Language.Symbols.FunctionSymbol;

function typeName(t: Kusto.Language.Symbols.TypeSymbol | null | undefined): string {
  return t?.Name ?? '?';
}

function parameterType(p: Kusto.Language.Symbols.Parameter): string {
  const declared = listOf<Kusto.Language.Symbols.TypeSymbol>(p.DeclaredTypes);
  if (declared.length) return declared.map(typeName).join(' | ');
  return typeKinds.get(p.TypeKind as unknown as number) ?? String(p.TypeKind);
}

function signatureOf(sig: Kusto.Language.Symbols.Signature): Signature {
  const params = listOf<Kusto.Language.Symbols.Parameter>(sig.Parameters).map((p) => {
    const text = `${p.Name}: ${parameterType(p)}`;
    const repeated = p.MaxOccurring > 1 ? `${text}, ...` : text;
    return p.MinOccurring === 0 ? `[${repeated}]` : repeated;
  });
  const kind = returnKinds.get(sig.ReturnKind as unknown as number) ?? String(sig.ReturnKind);
  const returns = kind === 'Declared' ? typeName(sig.DeclaredReturnType) : kind;
  return { params: `(${params.join(', ')})`, returns, ...(sig.IsHidden && { hidden: true }) };
}

function symbolEntry(kind: CatalogEntry['kind'], f: Sym): CatalogEntry {
  const signatures = listOf<Kusto.Language.Symbols.Signature>(f.Signatures);
  const tabular = signatures.some((s) => s.IsTabular);
  return {
    kind,
    name: f.Name ?? '',
    signatures: signatures.map(signatureOf),
    ...(tabular && { tabular: true }),
    ...(f.IsHidden && { hidden: true }),
    ...(f.IsObsolete && { obsolete: true }),
    ...(f.Alternative && { alternative: f.Alternative }),
  };
}

/** Every keyword token's text (`where`, `project-away`, `__partitionby`…), from the parser's own facts. */
function keywords(): string[] {
  const out: string[] = [];
  for (const [value, name] of syntaxKinds) {
    if (!name.endsWith('Keyword')) continue;
    const text = K.Syntax.SyntaxFacts.GetText(value as unknown as Kusto.Language.Syntax.SyntaxKind);
    if (text) out.push(text);
  }
  return out.sort();
}

/** The kinds of the syntax nodes a parse of `text` builds, in document order, each with where it starts. */
function nodeKinds(text: string): { kind: string; start: number }[] {
  const out: { kind: string; start: number }[] = [];
  const walk = (node: Kusto.Language.Syntax.SyntaxNode) => {
    out.push({
      kind: syntaxKinds.get(node.Kind as unknown as number) ?? '',
      start: node.TextStart,
    });
    for (let i = 0; i < node.ChildCount; i++) {
      const child = node.GetChild(i);
      if (
        child &&
        (child as { ChildCount?: number }).ChildCount !== undefined &&
        !(child as { IsToken?: boolean }).IsToken
      )
        walk(child as Kusto.Language.Syntax.SyntaxNode);
    }
  };
  walk(K.KustoCode.Parse(text)!.Syntax!);
  return out;
}

/** Statements and tabular expressions that start a query, by their node kinds. */
const QUERY_START_KINDS: ReadonlySet<string> = new Set([
  'LetStatement',
  'SetOptionStatement',
  'AliasStatement',
  'RestrictStatement',
  'PatternStatement',
  'QueryParametersStatement',
  'DataTableExpression',
  'ContextualDataTableExpression',
  'ExternalDataExpression',
  'MaterializedViewCombineExpression',
  'InlineExternalTableExpression',
  'ToScalarExpression',
  'ToTableExpression',
  'MaterializeExpression',
]);

/**
 * Statements whose keyword is two words, which the keyword probe cannot find alone: each with a
 * minimal text; the node kind still comes from the parser.
 */
const TWO_WORD_PROBES: readonly { name: string; text: string }[] = [
  { name: 'declare pattern', text: 'declare pattern p;' },
  { name: 'declare query_parameters', text: 'declare query_parameters(x:long);' },
  { name: 'restrict access', text: 'restrict access to (T);' },
  { name: 'alias database', text: 'alias database d = cluster("c").database("d");' },
  { name: 'materialize', text: 'let m = materialize(print 1); m' },
];

function operatorEntries(): CatalogEntry[] {
  const bySyntax = new Map<string, string[]>();
  const add = (syntax: string, name: string) => {
    const names = bySyntax.get(syntax) ?? [];
    if (!names.includes(name)) names.push(name);
    bySyntax.set(syntax, names);
  };
  const prefix = 'print x=1 | ';
  for (const kw of keywords()) {
    const op = nodeKinds(`${prefix}${kw} `).find(
      (n) =>
        n.start >= prefix.length && n.kind.endsWith('Operator') && n.kind !== 'BadQueryOperator',
    );
    if (op) add(op.kind, kw);
  }
  for (const kw of keywords()) {
    for (const text of [`${kw} `, `${kw} x `, `${kw}(`]) {
      const node = nodeKinds(text).find((n) => QUERY_START_KINDS.has(n.kind));
      if (node) {
        add(node.kind, kw);
        break;
      }
    }
  }
  for (const probe of TWO_WORD_PROBES) {
    const node = nodeKinds(probe.text).find(
      (n) => QUERY_START_KINDS.has(n.kind) && n.kind !== 'LetStatement',
    );
    if (!node) throw new Error(`Kusto.Language did not parse "${probe.text}" as a statement`);
    add(node.kind, probe.name);
  }
  // The name shown is the spelling the documentation titles its page with where there are
  // several (`where`, not `filter`; `sort`, not `order`): the first in this order of preference,
  // else the alphabetical first.
  const preferred = ['where', 'sort', 'take', 'mv-apply', 'mv-expand', 'externaldata'];
  return [...bySyntax.entries()].map(([syntax, names]): CatalogEntry => {
    const sorted = [...names].sort();
    const name = sorted.find((n) => preferred.includes(n)) ?? sorted[0]!;
    const aliases = sorted.filter((n) => n !== name);
    return {
      kind: 'operator',
      name,
      syntax,
      ...(aliases.length && { aliases }),
      // Kusto.Language spells its internal operators with two underscores (`__executeAndCache`).
      ...(name.startsWith('__') && { hidden: true }),
    };
  });
}

function dump(): KustoCatalog {
  const functions = listOf<Sym>(K.Functions.All).map((f) =>
    symbolEntry(WINDOW_FUNCTIONS.has(f.Name ?? '') ? 'window' : 'function', f),
  );
  const missingWindow = [...WINDOW_FUNCTIONS].filter((n) => !functions.some((f) => f.name === n));
  if (missingWindow.length)
    throw new Error(
      `window functions not in Kusto.Language's catalog: ${missingWindow.join(', ')}`,
    );
  const aggregates = listOf<Sym>(K.Aggregates.All).map((f) => symbolEntry('aggregate', f));
  const plugins = listOf<Sym>(K.PlugIns.All).map((f) => symbolEntry('plugin', f));
  const entries = [...functions, ...aggregates, ...plugins, ...operatorEntries()];
  const kindOrder: CatalogEntry['kind'][] = [
    'function',
    'aggregate',
    'window',
    'plugin',
    'operator',
  ];
  entries.sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.kind}:${e.name}`;
    if (seen.has(key)) throw new Error(`the catalog has ${key} twice`);
    seen.add(key);
  }
  return {
    source: {
      package: '@kusto/language-service-next',
      version: kustoLanguageVersion(),
      licence: 'MIT',
      repository: 'microsoft/Kusto-Query-Language',
    },
    entries,
  };
}

const text = formatCatalog(dump());
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    process.stderr.write(
      `${OUT} differs from a fresh dump: run npx tsx scripts/dump-kusto-catalog.ts\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`${OUT} is up to date\n`);
} else {
  writeFileSync(OUT, text);
  process.stderr.write(`wrote ${OUT}\n`);
}
