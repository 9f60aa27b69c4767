/**
 * Kusto's built-in catalog against Loupe's registry: the coverage page is generated from them and
 * must not drift, "implemented" means a passing documented reference example or Kusto-verified case, every refusal is
 * typed, documented and reachable, and the registry lists only what the translator translates.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKnownFailures } from '../../../src/conformance/known-failures.ts';
import {
  repositoryCoverage,
  repositoryCoverageInputs,
} from '../../../src/conformance/reference/coverage-inputs.ts';
import {
  HARVEST_SUMMARY_FILE,
  loadRunnableExamples,
  pageKinds,
  REFERENCE_DIR,
  REFERENCE_KNOWN_FAILURES_PATH,
} from '../../../src/conformance/reference/fixtures.ts';
import { entriesNamed, usesEntry } from '../../../src/conformance/reference/uses.ts';
import {
  DEFAULT_CASES_PATH,
  KNOWN_FAILURES_PATH,
  REPO_ROOT,
} from '../../../src/conformance/paths.ts';
import { parseCases } from '../../../src/conformance/cases.ts';
import { KUSTO_CATALOG } from '../../../src/kql/catalog/builtins.ts';
import { coverageMarkdown } from '../../../src/kql/catalog/coverage.ts';
import {
  implementedAggregates,
  implementedFunctions,
  implementedWindowFunctions,
} from '../../../src/kql/catalog/implemented.ts';
import { REFUSAL_REASON_NAMES, refusedEntries } from '../../../src/kql/catalog/refusals.ts';
import { KqlError, translate } from '../../../src/kql/index.ts';

const noTables = { resolveTable: () => undefined };
const rows = repositoryCoverage();

function thrown(kql: string): KqlError | undefined {
  try {
    translate(kql, noTables);
    return undefined;
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
}

describe("Kusto's built-in catalog", () => {
  it('is a fresh dump of the Kusto.Language package', () => {
    execFileSync('npx', ['tsx', 'scripts/dump-kusto-catalog.ts', '--check'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
  }, 120_000);

  it('has every kind, with signatures for everything callable', () => {
    const n = (kind: string) => KUSTO_CATALOG.entries.filter((e) => e.kind === kind).length;
    expect(
      [n('function'), n('aggregate'), n('window'), n('plugin'), n('operator')].every((x) => x > 0),
    ).toBe(true);
    expect(
      KUSTO_CATALOG.entries.filter((e) => e.kind !== 'operator' && !e.signatures?.length),
    ).toEqual([]);
    expect(KUSTO_CATALOG.entries.filter((e) => e.kind === 'operator' && !e.syntax)).toEqual([]);
  });
});

describe('docs/kql-coverage.md', () => {
  it('is generated from the registry and the catalog (npx tsx scripts/kql-coverage.ts)', () => {
    const committed = readFileSync(resolve(REPO_ROOT, 'docs', 'kql-coverage.md'), 'utf8');
    expect(committed, 'regenerate with npx tsx scripts/kql-coverage.ts').toBe(
      coverageMarkdown(rows, KUSTO_CATALOG.source),
    );
  });

  it('lists the whole catalog, each entry once', () => {
    expect(rows.length).toBe(KUSTO_CATALOG.entries.length);
    expect(new Set(rows.map((r) => `${r.entry.kind}:${r.entry.name}`)).size).toBe(rows.length);
  });

  it('marks implemented only what has a passing reference example with a documented result or Kusto-verified case', () => {
    // Recomputed here from the examples, the corpus and the known-failures lists, independently of coverage.ts.
    const known = parseKnownFailures(
      readFileSync(REFERENCE_KNOWN_FAILURES_PATH, 'utf8'),
      REFERENCE_KNOWN_FAILURES_PATH,
    );
    const corpusKnown = parseKnownFailures(
      readFileSync(KNOWN_FAILURES_PATH, 'utf8'),
      KNOWN_FAILURES_PATH,
    );
    const verified = parseCases(readFileSync(DEFAULT_CASES_PATH, 'utf8'), DEFAULT_CASES_PATH)
      .filter((c) => !Object.hasOwn(corpusKnown, c.id))
      .map((c) => ({ id: c.id, kql: c.kql, expected: c.expected, page: pageOf(c.source) }));
    // The page's own examples pass unless listed; the corpus cases (the same ids, Kusto's answers) unless listed in theirs.
    const examples = [
      ...loadRunnableExamples().filter((e) => !Object.hasOwn(known, e.id)),
      ...verified,
    ];
    const unproven = rows
      .filter((r) => r.status === 'implemented')
      .filter((r) => {
        const own = examples.filter((e) => e.expected && usesEntry(e.kql, r.entry));
        const onItsPage = own.filter((e) =>
          entriesNamed(loadCovers(e.page), pageKinds(e.page)).some(
            (x) => x.kind === r.entry.kind && x.name === r.entry.name,
          ),
        );
        return (r.reference?.elsewhere ? own : onItsPage).length === 0;
      })
      .map((r) => `${r.entry.kind}:${r.entry.name}`);
    expect(unproven).toEqual([]);
  });
});

/** A corpus case's documentation page: its source URL's file name (`…/query/cos-function.md`). */
function pageOf(source: string): string {
  return source.slice(source.lastIndexOf('/') + 1).replace(/\.md$/, '');
}

const pageCovers = new Map<string, readonly string[]>();
function loadCovers(page: string): readonly string[] {
  if (!pageCovers.size) {
    const summary = JSON.parse(
      readFileSync(resolve(REFERENCE_DIR, HARVEST_SUMMARY_FILE), 'utf8'),
    ) as { covers: Record<string, string[]> };
    for (const [stem, names] of Object.entries(summary.covers)) pageCovers.set(stem, names);
  }
  return pageCovers.get(page) ?? [];
}

describe('refused built-ins', () => {
  const inputs = repositoryCoverageInputs();

  it('are catalog entries that Loupe does not implement', () => {
    const catalog = new Set(KUSTO_CATALOG.entries.map((e) => `${e.kind}:${e.name}`));
    expect(refusedEntries().filter((r) => !catalog.has(`${r.kind}:${r.name}`))).toEqual([]);
    const implemented = rows.filter((r) => r.status === 'implemented' || r.status === 'unverified');
    expect(
      implemented
        .filter((r) => inputs.refusal(r.entry.kind, r.entry.name))
        .map((r) => r.entry.name),
    ).toEqual([]);
  });

  it('give reasons docs/kql.md explains', () => {
    const doc = readFileSync(resolve(REPO_ROOT, 'docs', 'kql.md'), 'utf8');
    expect(REFUSAL_REASON_NAMES.filter((r) => !doc.includes(`\`${r}\``))).toEqual([]);
  });

  it('refuse as undocumented only what no documentation page documents', () => {
    const documented = new Set<string>();
    for (const [stem, names] of Object.entries(
      (
        JSON.parse(readFileSync(resolve(REFERENCE_DIR, HARVEST_SUMMARY_FILE), 'utf8')) as {
          covers: Record<string, string[]>;
        }
      ).covers,
    )) {
      for (const e of entriesNamed(names, pageKinds(stem))) documented.add(`${e.kind}:${e.name}`);
    }
    expect(
      refusedEntries().filter(
        (r) => r.reason === 'undocumented' && documented.has(`${r.kind}:${r.name}`),
      ),
    ).toEqual([]);
  });

  it('fail a call with the typed refusal at its place', () => {
    const e = thrown('print x = 1\n| extend d = current_database()');
    expect(e?.code).toBe('unsupported');
    expect(e?.detail).toEqual({
      kind: 'builtin-refused',
      builtin: { kind: 'function', name: 'current_database' },
      reason: 'cluster-metadata',
    });
    expect(e?.position).toMatchObject({ line: 2, column: 14 });
    const agg = thrown('print x = 1 | summarize passthrough(x)');
    expect(agg?.detail).toEqual({
      kind: 'builtin-refused',
      builtin: { kind: 'aggregate', name: 'passthrough' },
      reason: 'undocumented',
    });
    expect(thrown('print h = hash_many("a", "b")')?.detail).toMatchObject({
      reason: 'undocumented-algorithm',
    });
  });
});

describe('the registry', () => {
  // A call with no arguments reaches the function: an arity or type error says it exists, an
  // unknown-function error that it does not.
  const knows = (kql: string) => {
    const e = thrown(kql);
    return !(
      e &&
      (e.code === 'unknown-function' ||
        e.detail?.kind === 'builtin-refused' ||
        /unknown (?:or unsupported )?(?:window )?function/.test(e.message))
    );
  };

  it('lists only functions the translator translates', () => {
    const special: Record<string, string> = {
      table: 'let T = datatable(x:long)[1]; table("T")',
      column_names_of: 'let T = datatable(x:long)[1]; print column_names_of(T)',
    };
    expect(
      implementedFunctions().filter((f) => !knows(special[f] ?? `print x = 1 | extend y = ${f}()`)),
    ).toEqual([]);
  });

  it('lists only aggregates and window functions the translator translates', () => {
    expect(
      implementedAggregates().filter((f) => !knows(`print x = 1 | summarize ${f}(x)`)),
    ).toEqual([]);
    expect(
      implementedWindowFunctions().filter(
        (f) => !knows(`print x = 1 | serialize | extend y = ${f}(x)`),
      ),
    ).toEqual([]);
  });
});
