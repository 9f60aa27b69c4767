/**
 * The checked-in list of corpus cases that do not pass yet (tests/conformance/known-failures.json):
 * `{ "<case id>": "<reason>" }`. The test suite fails when a case off the list fails, and when a
 * listed case passes, so the list can only shrink as the translator improves.
 */
import type { CaseResult } from './run-case.ts';

export type KnownFailures = Readonly<Record<string, string>>;

export function parseKnownFailures(text: string, file: string): KnownFailures {
  const doc: unknown = JSON.parse(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`${file}: expected an object { "case id": "reason" }`);
  for (const [id, reason] of Object.entries(doc)) {
    if (typeof reason !== 'string')
      throw new Error(`${file}: the reason for ${id} is not a string`);
  }
  return doc as KnownFailures;
}

/** Stable text (ids sorted) so that regenerating the list gives small diffs. */
export function formatKnownFailures(list: KnownFailures): string {
  const sorted = Object.fromEntries(
    Object.keys(list)
      .sort()
      .map((id) => [id, list[id]!]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** A result's entry in the list: its status and reason ("unsupported: …" is not said twice). */
export function listedReason(r: CaseResult): string {
  return r.reason.startsWith(`${r.status}:`) ? r.reason : `${r.status}: ${r.reason}`;
}

/** How a result is written in a list: the corpus lists status and reason, the reference examples their category and reason. */
export type ReasonOf = (r: CaseResult) => string;

/** The list for these results: every case that does not pass, with its status and reason. */
export function knownFailuresOf(
  results: readonly CaseResult[],
  reasonOf: ReasonOf = listedReason,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of results) if (r.status !== 'pass') out[r.id] = reasonOf(r);
  return out;
}

/**
 * The list updated with the results of the cases that ran; entries of cases that did not run
 * (a `--filter`ed run) stay as they were.
 */
export function updateKnownFailures(
  list: KnownFailures,
  results: readonly CaseResult[],
  reasonOf: ReasonOf = listedReason,
): Record<string, string> {
  const out: Record<string, string> = { ...list };
  for (const r of results) {
    if (r.status === 'pass') delete out[r.id];
    else out[r.id] = reasonOf(r);
  }
  return out;
}

export interface KnownFailuresDiff {
  /** Cases that do not pass and are not on the list: regressions (or new cases). */
  readonly unexpectedFailures: readonly CaseResult[];
  /** Listed cases that pass now: remove them from the list. */
  readonly nowPassing: readonly string[];
  /** Listed ids that are not in the corpus at all. */
  readonly unknownIds: readonly string[];
  /** Listed cases that still fail, but for another reason than the list says. */
  readonly reasonChanged: readonly {
    readonly id: string;
    readonly before: string;
    readonly after: string;
  }[];
}

export function diffKnownFailures(
  list: KnownFailures,
  results: readonly CaseResult[],
  corpusIds: readonly string[],
  reasonOf: ReasonOf = listedReason,
): KnownFailuresDiff {
  const ids = new Set(corpusIds);
  const unexpectedFailures: CaseResult[] = [];
  const nowPassing: string[] = [];
  const reasonChanged: { id: string; before: string; after: string }[] = [];
  for (const r of results) {
    const listed = Object.hasOwn(list, r.id) ? list[r.id] : undefined;
    if (r.status === 'pass') {
      if (listed !== undefined) nowPassing.push(r.id);
    } else if (listed === undefined) {
      unexpectedFailures.push(r);
    } else if (listed !== reasonOf(r)) {
      reasonChanged.push({ id: r.id, before: listed, after: reasonOf(r) });
    }
  }
  const unknownIds = Object.keys(list).filter((id) => !ids.has(id));
  return { unexpectedFailures, nowPassing, unknownIds, reasonChanged };
}
