/**
 * The Kusto conformance corpus (tests/conformance/cases.json) against the checked-in list
 * of known failures (tests/conformance/known-failures.json). A case off the list that does not pass
 * is a regression; a listed case that passes must leave the list, so that the list only shrinks.
 * Regenerate the list with `npm run --silent loupe -- conformance --update-known-failures`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCases, type ConformanceCase } from '../../../src/conformance/cases.ts';
import {
  diffKnownFailures,
  listedReason,
  parseKnownFailures,
  type KnownFailuresDiff,
} from '../../../src/conformance/known-failures.ts';
import { DEFAULT_CASES_PATH, KNOWN_FAILURES_PATH } from '../../../src/conformance/paths.ts';
import { countStatuses, type CorpusRun } from '../../../src/conformance/run-corpus.ts';
import { runCorpusInChild } from '../../../src/conformance/run-in-child.ts';

const UPDATE = 'npm run --silent loupe -- conformance --update-known-failures';

let cases: ConformanceCase[];
let run: CorpusRun;
let diff: KnownFailuresDiff;

beforeAll(async () => {
  if (!existsSync(DEFAULT_CASES_PATH))
    throw new Error(
      `the conformance corpus is missing: ${DEFAULT_CASES_PATH} (it is part of the repository)`,
    );
  cases = parseCases(readFileSync(DEFAULT_CASES_PATH, 'utf8'), DEFAULT_CASES_PATH);
  const known = parseKnownFailures(readFileSync(KNOWN_FAILURES_PATH, 'utf8'), KNOWN_FAILURES_PATH);
  // In a child process with a per-case timeout: a hanging case fails instead of stalling the suite.
  run = await runCorpusInChild({
    casesPath: DEFAULT_CASES_PATH,
    ids: cases.map((c) => c.id),
    now: new Date(),
    caseTimeoutMs: 30_000,
  });
  diff = diffKnownFailures(
    known,
    run.results,
    cases.map((c) => c.id),
  );
  const n = countStatuses(run.results);
  console.log(
    `conformance: ${n.pass}/${n.total} pass, ${n.fail} fail, ${n.unsupported} unsupported (${(run.durationMs / 1000).toFixed(1)} s)`,
  );
}, 600_000);

describe('Kusto conformance corpus', () => {
  it('has no failure off the known-failures list', () => {
    const lines = diff.unexpectedFailures.map((r) => `${r.id}: ${listedReason(r)}`);
    expect(
      lines,
      `cases that do not pass and are not in ${KNOWN_FAILURES_PATH} (fix them, or if expected: ${UPDATE})`,
    ).toEqual([]);
  });
  it('has no passing case left on the known-failures list', () => {
    expect(
      diff.nowPassing,
      `these cases pass now: remove them from ${KNOWN_FAILURES_PATH} (${UPDATE})`,
    ).toEqual([]);
  });
  it('lists only ids of the corpus', () => {
    expect(diff.unknownIds, `ids in ${KNOWN_FAILURES_PATH} that the corpus does not have`).toEqual(
      [],
    );
  });
  it('leaves no table or view behind', () => {
    expect(run.leaked).toEqual([]);
  });
});
