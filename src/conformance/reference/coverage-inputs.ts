/**
 * The coverage table's inputs as they stand in the repository (src/kql/catalog/coverage.ts):
 * Loupe's registries, the refusals, and per catalog entry the reference examples of its pages —
 * passing unless tests/conformance/reference-known-failures.json lists them (the reference test
 * fails whenever that list is not exact, so reading it is as good as running the examples).
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
import { parseKnownFailures } from '../known-failures.ts';
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

export function repositoryCoverageInputs(): CoverageInputs {
  return { implemented: implementedByKind(), refusal: refusalOf, reference: referenceCounts() };
}

export function repositoryCoverage(): CoverageRow[] {
  return coverageRows(repositoryCoverageInputs());
}
