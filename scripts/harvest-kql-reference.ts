/**
 * Harvests the KQL examples of the Kusto documentation (MicrosoftDocs/dataexplorer-docs, pages
 * data-explorer/kusto/query/*.md at a fixed commit; code samples MIT) with the result table each
 * page shows after them, into tests/fixtures/kql-reference/<page-stem>.json, and a summary of what
 * was left out and why into tests/fixtures/kql-reference/_harvest.json.
 *
 *   npx tsx scripts/harvest-kql-reference.ts [--repo PATH] [--check]
 *
 * PATH is a clone (bare is fine) of MicrosoftDocs/dataexplorer-docs holding the commit below;
 * default /work/.mirror/MicrosoftDocs+dataexplorer-docs/repo. It is read with `git`, never
 * checked out. `--check` compares with the committed files instead of writing them.
 *
 * Deterministic: the same commit gives the same files. The files are never edited by hand;
 * corrections go to tests/conformance/reference-overrides.json with a reason each.
 *
 * Each ```` ```kusto ```` block is parsed and bound by Kusto.Language against the built-in
 * catalog alone, which tells what it needs:
 * - runnable: self-contained (`datatable`, `print`, `range`, `let`…): harvested;
 * - needs-cluster: it names tables, functions, clusters or databases that are not declared in the
 *   query, i.e. the documentation's sample clusters ("help": StormEvents…): left out, counted per
 *   name and per cluster/database of its "Run the query" link;
 *   Calls such as `table('StormEvents')` count too: Kusto.Language binds them without a diagnostic;
 * - management-command (`.show …`), no-query (only `let` statements), scalar-expression (an
 *   expression shown alone, `tolong("123") == 123`, not a query), kusto-error (Kusto.Language
 *   rejects it: a syntax template with placeholders, or a fragment): left out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, enumNames, kustoLanguage, listOf } from '../src/conformance/kusto-language.ts';
import {
  HARVEST_SUMMARY_FILE,
  pageKinds,
  REFERENCE_DIR,
  type ReferenceExample,
  type ReferencePage,
} from '../src/conformance/reference/fixtures.ts';
import {
  codeBlocks,
  pageHeading,
  resultTable,
  runLinkBefore,
  syntaxSection,
} from '../src/conformance/reference/markdown.ts';
import { KUSTO_CATALOG } from '../src/kql/catalog/builtins.ts';

const DOCS_REPO = 'MicrosoftDocs/dataexplorer-docs';
const COMMIT = '1bbb122cebcea58faa906a914030367551762a8c';
const QUERY_DIR = 'data-explorer/kusto/query/';
const LICENCE = 'MIT (code samples)';

type SkipReason =
  | 'needs-cluster'
  | 'management-command'
  | 'no-query'
  | 'scalar-expression'
  | 'kusto-error'
  | 'empty';

interface Skipped {
  readonly id: string;
  readonly reason: SkipReason;
  /** needs-cluster: the undeclared names; kusto-error: Kusto.Language's first error. */
  readonly detail: string;
  /** The cluster/database its "Run the query" link points at, if any. */
  readonly runsOn?: string;
}

function args(): { repo: string; check: boolean } {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--repo');
  return {
    repo: i >= 0 ? argv[i + 1]! : '/work/.mirror/MicrosoftDocs+dataexplorer-docs/repo',
    check: argv.includes('--check'),
  };
}

function git(repo: string, gitArgs: string[], input?: string): Buffer {
  return execFileSync('git', ['-C', repo, ...gitArgs], { input, maxBuffer: 512 * 1024 * 1024 });
}

/** Every page's text, by file name, read in one `git cat-file --batch`. */
function readPages(repo: string): Map<string, string> {
  const names = git(repo, ['ls-tree', '--name-only', COMMIT, QUERY_DIR])
    .toString('utf8')
    .split('\n')
    .filter((p) => p.endsWith('.md'))
    .sort();
  const batch = git(
    repo,
    ['cat-file', '--batch'],
    names.map((p) => `${COMMIT}:${p}`).join('\n') + '\n',
  );
  const pages = new Map<string, string>();
  let at = 0;
  for (const path of names) {
    const nl = batch.indexOf(0x0a, at);
    const header = batch.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]{40} blob (\d+)$/.exec(header);
    if (!m) throw new Error(`git cat-file: unexpected "${header}" for ${path}`);
    const size = Number(m[1]);
    pages.set(path, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return pages;
}

// ---- what an example needs -------------------------------------------------------------------

const K = kustoLanguage();
const syntaxKinds = enumNames(K.Syntax.SyntaxKind);
/** Kusto.Language's diagnostics for a name that is not declared: table, function, column; cluster or database out of reach. */
const UNKNOWN_TABLE_OR_FUNCTION = new Set(['KS204', 'KS211']);
const UNREACHABLE = new Set(['KS207', 'KS208']);

function classify(kql: string): { reason: SkipReason; detail: string } | undefined {
  const text = kql.replace(/^\s*(\/\/[^\n]*\n\s*)*/, '');
  if (!text.trim()) return { reason: 'empty', detail: '' };
  if (text.startsWith('.')) return { reason: 'management-command', detail: text.split(/\s/)[0]! };
  let analysed: ReturnType<typeof analyze>;
  try {
    analysed = analyze(kql);
  } catch (e) {
    // Kusto.Language's binder fails on a few documented queries (its bug, not the page's):
    // what Loupe makes of them is still worth knowing, so they are harvested when they parse.
    const parsed = listOf<Kusto.Language.Diagnostic>(K.KustoCode.Parse(kql)!.GetDiagnostics()).find(
      (d) => d.Severity === 'Error',
    );
    process.stderr.write(
      `harvest: Kusto.Language's binder failed on ${JSON.stringify(kql.slice(0, 60))}: ${(e as { message?: string }).message ?? e}\n`,
    );
    if (parsed) return { reason: 'kusto-error', detail: `${parsed.Code} ${parsed.Message}` };
    return undefined;
  }
  const { code, diagnostics } = analysed;
  const at = (d: { start: number; length: number }) => kql.slice(d.start, d.start + d.length);
  const unknown = diagnostics
    .filter(
      (d) =>
        (d.severity === 'Error' && UNKNOWN_TABLE_OR_FUNCTION.has(d.code)) ||
        UNREACHABLE.has(d.code),
    )
    .map(at);
  unknown.push(...entityCalls(code.Syntax!));
  if (unknown.length) return { reason: 'needs-cluster', detail: [...new Set(unknown)].join(', ') };
  const error = diagnostics.find((d) => d.severity === 'Error');
  if (error)
    return { reason: 'kusto-error', detail: `${error.code} ${error.message} ("${at(error)}")` };
  const statements = listOf<{ Element: Kusto.Language.Syntax.SyntaxNode }>(
    (code.Syntax as Kusto.Language.Syntax.QueryBlock).Statements,
  );
  const last = statements[statements.length - 1]?.Element;
  if (!last || syntaxKinds.get(last.Kind as unknown as number) !== 'ExpressionStatement')
    return { reason: 'no-query', detail: '' };
  if (!(code.ResultType as { IsTabular?: boolean } | null)?.IsTabular)
    return { reason: 'scalar-expression', detail: '' };
  return undefined;
}

/** Functions that name a cluster's entities by a string (`table('StormEvents')`): Kusto.Language binds them without knowing the entity. */
const ENTITY_FUNCTIONS: ReadonlySet<string> = new Set([
  'cluster',
  'database',
  'table',
  'external_table',
  'materialized_view',
  'stored_query_result',
  'entity_group',
]);

function entityCalls(root: Kusto.Language.Syntax.SyntaxNode): string[] {
  const out: string[] = [];
  const walk = (node: Kusto.Language.Syntax.SyntaxNode) => {
    if (syntaxKinds.get(node.Kind as unknown as number) === 'FunctionCallExpression') {
      const call = node as Kusto.Language.Syntax.FunctionCallExpression;
      if (ENTITY_FUNCTIONS.has(call.Name?.SimpleName ?? '')) out.push(call.ToString(0) ?? '');
    }
    for (let i = 0; i < node.ChildCount; i++) {
      const child = node.GetChild(i) as Kusto.Language.Syntax.SyntaxNode | null;
      if (child && child.ChildCount !== undefined && !(child as { IsToken?: boolean }).IsToken)
        walk(child);
    }
  };
  walk(root);
  return out.map((s) => s.trim());
}

// ---- what a page documents -------------------------------------------------------------------

/** Catalog names by kind, operators also under their aliases. */
const CATALOG_NAMES = new Map<string, Map<string, string>>();
for (const e of KUSTO_CATALOG.entries) {
  const names = CATALOG_NAMES.get(e.kind) ?? new Map<string, string>();
  for (const n of [e.name, ...(e.aliases ?? [])]) names.set(n, e.name);
  CATALOG_NAMES.set(e.kind, names);
}

/**
 * The catalog entries a page documents: the names its heading gives (`# strcmp()`, `# percentile(),
 * percentiles()`, `# where operator`, `# bag_unpack plugin`, `# inner join`) and the calls or
 * operators its Syntax section spells (`` `todouble(` ``, `` `| sort by` ``), kept when the catalog
 * has them among the kinds the page's file name allows.
 */
/** Statements whose catalog name is two words, on pages whose heading names them by one (`# Alias statement`). */
const STATEMENT_PAGES: Readonly<Record<string, string>> = {
  'alias-statement': 'alias database',
  'pattern-statement': 'declare pattern',
  'restrict-statement': 'restrict access',
  'query-parameters-statement': 'declare query_parameters',
};

function covers(stem: string, md: string): string[] {
  const kinds = pageKinds(stem);
  const heading = pageHeading(md);
  const candidates: string[] = Object.hasOwn(STATEMENT_PAGES, stem) ? [STATEMENT_PAGES[stem]!] : [];
  for (const m of heading.matchAll(/([A-Za-z_][\w-]*)\s*\(\)/g)) candidates.push(m[1]!);
  // Headings capitalise the keyword of a sentence-like title (`# Let statement`, `# Python plugin`).
  for (const m of heading.matchAll(/([A-Za-z_][\w-]*)\s+(?:operator|statement|plugin)\b/gi))
    candidates.push(m[1]!, m[1]!.toLowerCase());
  if (/\bjoin$/i.test(heading) || /^join-/.test(stem)) candidates.push('join');
  const syntax = syntaxSection(md);
  for (const m of syntax.matchAll(/`\s*([A-Za-z_][\w]*)\(/g)) candidates.push(m[1]!);
  if (kinds.length === 1 && kinds[0] === 'operator')
    for (const m of syntax.matchAll(/\|\s*([a-z][\w-]*)/g)) candidates.push(m[1]!);
  const out = new Set<string>();
  for (const c of candidates) {
    for (const k of kinds) {
      const name = CATALOG_NAMES.get(k)?.get(c);
      if (name) out.add(name);
    }
  }
  return [...out].sort();
}

// ---- the harvest -----------------------------------------------------------------------------

interface Harvest {
  readonly pages: Map<string, ReferencePage>;
  readonly summary: unknown;
}

function harvest(repo: string): Harvest {
  const texts = readPages(repo);
  const pages = new Map<string, ReferencePage>();
  const skipped: Skipped[] = [];
  const coversByPage: Record<string, string[]> = {};
  let blocksTotal = 0;
  for (const [path, md] of texts) {
    const stem = path.slice(QUERY_DIR.length, -'.md'.length);
    const blocks = codeBlocks(md);
    const kusto = blocks.filter((b) => b.lang === 'kusto');
    const pageCovers = covers(stem, md);
    if (pageCovers.length) coversByPage[stem] = pageCovers;
    const examples: ReferenceExample[] = [];
    kusto.forEach((b, n) => {
      blocksTotal++;
      const id = `${stem}-${String(n).padStart(2, '0')}`;
      const kql = b.code.replace(/\s+$/, '');
      const why = classify(kql);
      if (why) {
        const prev = blocks[blocks.indexOf(b) - 1];
        const link = runLinkBefore(md, prev ? prev.endLine : 0, b.startLine);
        skipped.push({
          id,
          reason: why.reason,
          detail: why.detail,
          ...(link && { runsOn: `${link.cluster}/${link.database}` }),
        });
        return;
      }
      const next = blocks[blocks.indexOf(b) + 1];
      const table = resultTable(md, b.endLine, next ? next.startLine : Number.MAX_SAFE_INTEGER);
      examples.push({
        id,
        kql,
        expected: table && { columns: [...table.columns], rows: table.rows.map((r) => [...r]) },
      });
    });
    if (examples.length)
      pages.set(stem, {
        source: { repo: DOCS_REPO, commit: COMMIT, path, licence: LICENCE },
        covers: pageCovers,
        examples,
      });
  }

  const runnable = [...pages.values()].flatMap((p) => p.examples);
  const count = (r: SkipReason) => skipped.filter((s) => s.reason === r).length;
  const needs = skipped.filter((s) => s.reason === 'needs-cluster');
  const tally = (keys: string[]) =>
    Object.fromEntries(
      [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
      ),
    );
  const summary = {
    source: { repo: DOCS_REPO, commit: COMMIT, pages: `${QUERY_DIR}*.md`, licence: LICENCE },
    pages: texts.size,
    pagesWithExamples: pages.size,
    kustoBlocks: blocksTotal,
    harvested: {
      examples: runnable.length,
      withResult: runnable.filter((e) => e.expected).length,
      withoutResult: runnable.filter((e) => !e.expected).length,
    },
    leftOut: {
      'needs-cluster': count('needs-cluster'),
      'management-command': count('management-command'),
      'no-query': count('no-query'),
      'scalar-expression': count('scalar-expression'),
      'kusto-error': count('kusto-error'),
      empty: count('empty'),
    },
    needsClusterByRunLink: tally(needs.map((s) => s.runsOn ?? '(no link)')),
    needsClusterByName: tally(needs.flatMap((s) => s.detail.split(', '))),
    covers: coversByPage,
    skipped,
  };
  return { pages, summary };
}

/** Pretty JSON with each list of texts (a table's columns, a row) on one line, so a table reads as one. */
function pageText(p: ReferencePage): string {
  const text = JSON.stringify(p, null, 2).replace(
    /\[\n\s*("(?:[^"\\]|\\.)*"(?:,\n\s*"(?:[^"\\]|\\.)*")*)\n\s*\]/g,
    (_m, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`,
  );
  return `${text}\n`;
}

const { repo, check } = args();
if (!existsSync(repo)) {
  process.stderr.write(`no clone of ${DOCS_REPO} at ${repo} (give --repo PATH)\n`);
  process.exit(2);
}
const { pages, summary } = harvest(repo);
const files = new Map<string, string>([...pages].map(([stem, p]) => [`${stem}.json`, pageText(p)]));
files.set(HARVEST_SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
const present = existsSync(REFERENCE_DIR)
  ? readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.json'))
  : [];
if (check) {
  const differ = [...files]
    .filter(
      ([f, text]) =>
        !existsSync(join(REFERENCE_DIR, f)) ||
        readFileSync(join(REFERENCE_DIR, f), 'utf8') !== text,
    )
    .map(([f]) => f);
  const stale = present.filter((f) => !files.has(f));
  if (differ.length || stale.length) {
    process.stderr.write(
      `the harvest differs from ${REFERENCE_DIR}: ${[...differ, ...stale].join(', ')}\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`${REFERENCE_DIR} is up to date\n`);
} else {
  mkdirSync(REFERENCE_DIR, { recursive: true });
  for (const f of present) if (!files.has(f)) rmSync(join(REFERENCE_DIR, f));
  for (const [f, text] of files) writeFileSync(join(REFERENCE_DIR, f), text);
  const s = summary as {
    pages: number;
    pagesWithExamples: number;
    kustoBlocks: number;
    harvested: unknown;
    leftOut: unknown;
  };
  process.stderr.write(
    `${s.pages} pages, ${s.kustoBlocks} kusto blocks; harvested ${JSON.stringify(s.harvested)} from ${s.pagesWithExamples} pages; left out ${JSON.stringify(s.leftOut)}\n`,
  );
}
