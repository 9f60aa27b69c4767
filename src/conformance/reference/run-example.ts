/**
 * Runs one reference example: KQL → translator → DuckDB-WASM → comparison with the table its
 * documentation page shows (compare-doc.ts). An example whose page shows no table passes when it
 * translates and runs.
 *
 * Each result that does not pass says why in one category, the first word of its reason:
 * - `unsupported`: the translator does not translate it yet (unknown function, operator…);
 * - `refused`: a built-in Loupe refuses by design, with a typed reason (src/kql/catalog/refusals.ts);
 * - `syntax`: the translator could not read valid KQL (the page's query runs on Kusto);
 * - `translator-error`: another translator error (a type or column error on a valid query);
 * - `crash`: the translator threw something else than a KqlError;
 * - `sql-error`: the SQL failed at run time;
 * - `wrong-result`: it ran and the result differs from the page's;
 * - `timeout`, `engine-died`: the child process running the examples stopped on it (run-in-child.ts).
 */
import type { ResultTable, SqlEngine } from '../../db/engine.ts';
import { KqlError, type Translation } from '../../kql/index.ts';
import { describeMismatch, mismatchGroup } from '../compare.ts';
import { querySorts, stripRender, unorderedColumns } from '../query-shape.ts';
import {
  firstLine,
  loupeTranslate,
  runIsolated,
  safeDecode,
  sqlErrorGroup,
  translatorGroup,
  type CaseDetail,
  type CaseResult,
  type CaseStatus,
  type Translate,
} from '../run-case.ts';
import { compareWithDocTable } from './compare-doc.ts';
import type { RunnableExample } from './fixtures.ts';

/**
 * Seconds an example may run before the child process running them is stopped: every example but
 * one runs in under a second; that one (join-time-window-02, a 5-million-row join) needs ~33 s on
 * a 2-core machine and is a known timeout, so a shorter limit wastes less of every run.
 */
export const REFERENCE_TIMEOUT_S = 10;

export const REFERENCE_CATEGORIES = [
  'unsupported',
  'refused',
  'syntax',
  'translator-error',
  'crash',
  'sql-error',
  'wrong-result',
  'timeout',
  'engine-died',
] as const;
export type ReferenceCategory = (typeof REFERENCE_CATEGORIES)[number];

/** The category a result's reason starts with (`wrong-result: …`). */
export function categoryOf(reason: string): ReferenceCategory | undefined {
  const word = /^([a-z-]+):/.exec(reason)?.[1];
  return (REFERENCE_CATEGORIES as readonly string[]).includes(word ?? '')
    ? (word as ReferenceCategory)
    : undefined;
}

/**
 * A result with its category named: results from the child process runner for an example it had
 * to stop (`timed out after 30 s`, `the engine process died…`) get `timeout`/`engine-died`.
 */
export function withCategory(r: CaseResult): CaseResult {
  if (r.status === 'pass' || categoryOf(r.reason)) return r;
  const category: ReferenceCategory = r.group === 'timed out' ? 'timeout' : 'engine-died';
  return { ...r, reason: `${category}: ${r.reason}`, group: `${category}: ${r.group}` };
}

export function runExample(
  engine: SqlEngine,
  e: RunnableExample,
  translateKql: Translate = loupeTranslate(engine),
): CaseResult {
  const started = performance.now();
  const done = (
    status: CaseStatus,
    category: ReferenceCategory | undefined,
    reason: string,
    group: string,
    detail?: CaseDetail,
  ): CaseResult => ({
    id: e.id,
    status,
    reason: category ? `${category}: ${reason}` : reason,
    group: category ? `${category}: ${group}` : group,
    durationMs: performance.now() - started,
    ...(detail && { detail }),
  });

  const kql = stripRender(e.kql);
  let translation: Translation;
  try {
    translation = translateKql(kql);
  } catch (err) {
    if (err instanceof KqlError) {
      const message = firstLine(err.message);
      const category: ReferenceCategory =
        err.detail?.kind === 'builtin-refused'
          ? 'refused'
          : err.code === 'unsupported' || err.code === 'unknown-function'
            ? 'unsupported'
            : err.code === 'syntax'
              ? 'syntax'
              : 'translator-error';
      return done(
        category === 'unsupported' || category === 'refused' ? 'unsupported' : 'fail',
        category,
        `${err.code}: ${message}`,
        `${err.code}: ${translatorGroup(message)}`,
      );
    }
    const message = firstLine(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    return done('fail', 'crash', message, message);
  }

  let result: ResultTable;
  try {
    result = runIsolated(engine, translation.sql);
  } catch (err) {
    const message = firstLine(err instanceof Error ? err.message : String(err));
    return done('fail', 'sql-error', message, sqlErrorGroup(message), { sql: translation.sql });
  }
  if (!e.expected) return done('pass', undefined, '', '');

  const rows = result.rows;
  const actualResult = {
    columns: translation.columns,
    sqlTypes: result.columns.map((c) => c.sqlType),
    rows,
  };
  const mismatch = compareWithDocTable(e.expected, actualResult, {
    orderedRows: querySorts(kql),
    unorderedColumns: unorderedColumns(kql),
  });
  if (!mismatch) return done('pass', undefined, '', '');
  const actual = {
    columns: translation.columns.map((c) => `${c.name}:${c.type}`),
    rows: rows.map((row) => row.map((v, i) => safeDecode(v, translation.columns[i]?.type))),
  };
  return done('fail', 'wrong-result', describeMismatch(mismatch), mismatchGroup(mismatch), {
    sql: translation.sql,
    actual,
  });
}
