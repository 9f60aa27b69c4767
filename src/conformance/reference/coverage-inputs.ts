/**
 * The coverage table's inputs as they stand in the repository (src/kql/catalog/coverage.ts):
 * Loupe's registries, the refusals, and per catalog entry the reference examples of its pages —
 * passing unless tests/conformance/reference-known-failures.json lists them (the reference test
 * fails whenever that list is not exact, so reading it is as good as running the examples) — and
 * the Kusto-verified corpus cases from the same pages (tests/conformance/cases.json: the answers
 * the Kusto engine itself returned), passing unless tests/conformance/known-failures.json lists
 * them (kept exact the same way by the corpus test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltinKind } from '../../kql/catalog/builtins.ts';
import {
  coverageRows,
  type CoverageInputs,
  type CoverageRow,
  type ReferenceCount,
} from '../../kql/catalog/coverage.ts';
import {
  implementedAggregates,
  implementedFunctions,
  implementedOperators,
  implementedPlugins,
  implementedWindowFunctions,
} from '../../kql/catalog/implemented.ts';
import { refusalOf } from '../../kql/catalog/refusals.ts';
import { parseCases } from '../cases.ts';
import { parseKnownFailures } from '../known-failures.ts';
import { DEFAULT_CASES_PATH, KNOWN_FAILURES_PATH } from '../paths.ts';
import {
  HARVEST_SUMMARY_FILE,
  loadReferencePages,
  loadRunnableExamples,
  REFERENCE_DIR,
  REFERENCE_KNOWN_FAILURES_PATH,
} from './fixtures.ts';
import { tallyEntries } from './report.ts';

export function implementedByKind(): Record<BuiltinKind, ReadonlySet<string>> {
  return {
    function: new Set(implementedFunctions()),
    aggregate: new Set(implementedAggregates()),
    window: new Set(implementedWindowFunctions()),
    plugin: new Set(implementedPlugins()),
    operator: new Set(implementedOperators()),
  };
}

/** Per entry (`kind:name`) a page documents: its reference examples and how many pass. */
export function referenceCounts(): Map<string, ReferenceCount> {
  const known = parseKnownFailures(
    readFileSync(REFERENCE_KNOWN_FAILURES_PATH, 'utf8'),
    REFERENCE_KNOWN_FAILURES_PATH,
  );
  const summary = JSON.parse(readFileSync(join(REFERENCE_DIR, HARVEST_SUMMARY_FILE), 'utf8')) as {
    covers: Record<string, string[]>;
  };
  const tallies = tallyEntries(
    loadReferencePages(),
    loadRunnableExamples(),
    (id) => !Object.hasOwn(known, id),
    summary.covers,
  );
  return new Map(
    tallies.map((t) => [
      `${t.kind}:${t.name}`,
      {
        examples: t.total,
        passing: t.pass,
        withResult: t.withResult,
        passingWithResult: t.passWithResult,
        ...(t.elsewhere && { elsewhere: true }),
      },
    ]),
  );
}

/**
 * Per entry (`kind:name`) a page documents: the Kusto-verified corpus cases of its pages that use
 * it, and how many pass. A case's page is its source URL's file name (`…/query/cos-function.md`).
 */
export function verifiedCounts(): Map<
  string,
  { readonly cases: number; readonly passing: number }
> {
  const known = parseKnownFailures(readFileSync(KNOWN_FAILURES_PATH, 'utf8'), KNOWN_FAILURES_PATH);
  const cases = parseCases(readFileSync(DEFAULT_CASES_PATH, 'utf8'), DEFAULT_CASES_PATH);
  const summary = JSON.parse(readFileSync(join(REFERENCE_DIR, HARVEST_SUMMARY_FILE), 'utf8')) as {
    covers: Record<string, string[]>;
  };
  const asExamples = cases.map((c) => ({
    id: c.id,
    page: /([^/]+)\.md$/.exec(c.source)?.[1] ?? '',
    kql: c.kql,
    expected: { columns: [...c.expected.columns], rows: [] },
  }));
  const tallies = tallyEntries(
    loadReferencePages(),
    asExamples,
    (id) => !Object.hasOwn(known, id),
    summary.covers,
  );
  return new Map(
    tallies
      .filter((t) => t.total > 0 && !t.elsewhere)
      .map((t) => [`${t.kind}:${t.name}`, { cases: t.total, passing: t.pass }]),
  );
}

export function repositoryCoverageInputs(): CoverageInputs {
  return {
    implemented: implementedByKind(),
    refusal: refusalOf,
    reference: referenceCounts(),
    verified: verifiedCounts(),
  };
}

export function repositoryCoverage(): CoverageRow[] {
  return coverageRows(repositoryCoverageInputs());
}
