/**
 * The Kusto documentation's own examples (tests/fixtures/kql-reference/, harvested from each
 * page with the result table it shows) against the checked-in list of known failures
 * (tests/conformance/reference-known-failures.json, one entry per failing example: its category
 * and reason). An example off the list that does not pass is a regression; a listed example that
 * passes must leave the list, so that the list only shrinks.
 * See the pass rates with `npm run --silent loupe -- reference --by-page` (or `--by-entry`);
 * regenerate the list with `npm run --silent loupe -- reference --update-known-failures`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  diffKnownFailures,
  parseKnownFailures,
  type KnownFailures,
  type KnownFailuresDiff,
} from '../../../src/conformance/known-failures.ts';
import {
  loadRunnableExamples,
  REFERENCE_KNOWN_FAILURES_PATH,
  type RunnableExample,
} from '../../../src/conformance/reference/fixtures.ts';
import {
  categoryOf,
  REFERENCE_TIMEOUT_S,
  withCategory,
} from '../../../src/conformance/reference/run-example.ts';
import type { CaseResult } from '../../../src/conformance/run-case.ts';
import { runCorpusInChild } from '../../../src/conformance/run-in-child.ts';

const UPDATE = 'npm run --silent loupe -- reference --update-known-failures';
const reasonOf = (r: CaseResult) => r.reason;

let examples: RunnableExample[];
let known: KnownFailures;
let results: CaseResult[];
let leaked: readonly string[];
let diff: KnownFailuresDiff;

beforeAll(async () => {
  examples = loadRunnableExamples();
  known = parseKnownFailures(
    readFileSync(REFERENCE_KNOWN_FAILURES_PATH, 'utf8'),
    REFERENCE_KNOWN_FAILURES_PATH,
  );
  // In a child process with a per-example timeout: a hanging example fails instead of stalling the suite.
  const run = await runCorpusInChild({
    suite: 'reference',
    casesPath: '',
    ids: examples.map((e) => e.id),
    now: new Date(),
    caseTimeoutMs: REFERENCE_TIMEOUT_S * 1000,
  });
  results = run.results.map(withCategory);
  leaked = run.leaked;
  diff = diffKnownFailures(
    known,
    results,
    examples.map((e) => e.id),
    reasonOf,
  );
  const pass = results.filter((r) => r.status === 'pass').length;
  console.log(
    `reference examples: ${pass}/${results.length} pass (${(run.durationMs / 1000).toFixed(1)} s)`,
  );
}, 900_000);

describe('Kusto documentation reference examples', () => {
  it('ran every example', () => {
    expect(results.map((r) => r.id).sort()).toEqual(examples.map((e) => e.id).sort());
  });
  it('has no failure off the known-failures list', () => {
    const lines = diff.unexpectedFailures.map((r) => `${r.id}: ${r.reason}`);
    expect(
      lines,
      `examples that do not pass and are not in ${REFERENCE_KNOWN_FAILURES_PATH} (fix them, or if expected: ${UPDATE})`,
    ).toEqual([]);
  });
  it('has no passing example left on the known-failures list', () => {
    expect(
      diff.nowPassing,
      `these examples pass now: remove them from ${REFERENCE_KNOWN_FAILURES_PATH} (${UPDATE})`,
    ).toEqual([]);
  });
  it('lists only harvested examples, each with a failure category', () => {
    expect(
      diff.unknownIds,
      `ids in ${REFERENCE_KNOWN_FAILURES_PATH} that are no harvested example`,
    ).toEqual([]);
    expect(Object.entries(known).filter(([, reason]) => categoryOf(reason) === undefined)).toEqual(
      [],
    );
  });
  it('leaves no table or view behind', () => {
    expect(leaked).toEqual([]);
  });
});
