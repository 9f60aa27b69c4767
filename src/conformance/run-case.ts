/**
 * Runs one conformance case: KQL → translator → DuckDB-WASM → comparison with Kusto's answer.
 *
 * Status: "unsupported" when the translator refuses the query as beyond what Loupe translates
 * (KqlError `unsupported` or `unknown-function`); "fail" when it ran and differs, when the SQL
 * failed at run time, or on any other error — a syntax error included: every case is valid KQL
 * (Kusto ran it), so not reading it is a translator bug, not a refusal.
 */
import type { ResultTable, SqlEngine } from '../db/engine.ts';
import { decodeValue, KqlError, translate, type Translation } from '../kql/index.ts';
import type { ConformanceCase } from './cases.ts';
import { compareResults, describeMismatch, mismatchGroup } from './compare.ts';
import { sortsRows, stripRender, unorderedColumns } from './query-shape.ts';

export type CaseStatus = 'pass' | 'fail' | 'unsupported';

export interface CaseResult {
  readonly id: string;
  readonly status: CaseStatus;
  /** Why it did not pass (first line of the message); empty on pass. */
  readonly reason: string;
  /** The reason with case-specific positions removed, to group cases by what needs fixing. */
  readonly group: string;
  /** Translation and execution time. */
  readonly durationMs: number;
  /** For a case that does not pass: what Loupe made of it, for `conformance --details`. */
  readonly detail?: CaseDetail;
}

export interface CaseDetail {
  /** The SQL the translator produced, when it produced one. */
  readonly sql?: string;
  /** Loupe's result as the report shows it (decodeValue), when the SQL ran. */
  readonly actual?: {
    readonly columns: readonly string[];
    readonly rows: readonly (readonly unknown[])[];
  };
}

const UNSUPPORTED_CODES: ReadonlySet<string> = new Set(['unsupported', 'unknown-function']);

export function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').trim();
}

/** Removes the `(line 3, column 14)` the translator appends, so equal causes group together. */
export function withoutPosition(message: string): string {
  return message.replace(/\s*\(line \d+, column \d+\)/g, '').trim();
}

/** The group of a translator message: without position, and without the token a syntax error found. */
export function translatorGroup(message: string): string {
  return withoutPosition(message).replace(/ but found (?:"[^"]*"|\S+)$/, ' but found …');
}

/** How a case's KQL becomes SQL: Loupe's translator; tests substitute their own to exercise the runner. */
export type Translate = (kql: string) => Translation;

/** Loupe's translator; cases are self-contained, and plugins whose columns depend on the data (bag_unpack, pivot) read it from the engine. */
export const loupeTranslate =
  (engine: SqlEngine): Translate =>
  (kql) =>
    translate(kql, {
      resolveTable: () => undefined,
      discoverRows: (r) => engine.query(r.sql).rows,
    });

export function runCase(
  engine: SqlEngine,
  c: ConformanceCase,
  translateKql: Translate = loupeTranslate(engine),
): CaseResult {
  const started = performance.now();
  const done = (
    status: CaseStatus,
    reason: string,
    group: string,
    detail?: CaseDetail,
  ): CaseResult => ({
    id: c.id,
    status,
    reason,
    group,
    durationMs: performance.now() - started,
    ...(detail && { detail }),
  });

  const kql = stripRender(c.kql);
  let translation: Translation;
  try {
    translation = translateKql(kql);
  } catch (e) {
    if (e instanceof KqlError) {
      const reason = firstLine(e.message);
      const status = UNSUPPORTED_CODES.has(e.code) ? 'unsupported' : 'fail';
      return done(status, `${e.code}: ${reason}`, `${e.code}: ${translatorGroup(reason)}`);
    }
    const reason = firstLine(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    return done('fail', `translator crashed: ${reason}`, `translator crashed: ${reason}`);
  }

  let result: ResultTable;
  try {
    result = runIsolated(engine, translation.sql);
  } catch (e) {
    const reason = firstLine(e instanceof Error ? e.message : String(e));
    return done('fail', `SQL failed: ${reason}`, `SQL failed: ${sqlErrorGroup(reason)}`, {
      sql: translation.sql,
    });
  }

  const rows = result.rows;
  const actualResult = {
    columns: translation.columns,
    sqlTypes: result.columns.map((col) => col.sqlType),
    rows,
  };
  const mismatch = compareResults(c.expected, actualResult, {
    orderedRows: sortsRows(c),
    unorderedColumns: unorderedColumns(kql),
  });
  if (!mismatch) return done('pass', '', '');
  const actual = {
    columns: translation.columns.map((col) => `${col.name}:${col.type}`),
    rows: rows.map((row) => row.map((v, i) => safeDecode(v, translation.columns[i]?.type))),
  };
  return done('fail', describeMismatch(mismatch), mismatchGroup(mismatch), {
    sql: translation.sql,
    actual,
  });
}

/**
 * Runs the query inside a transaction that is always rolled back, so that nothing a case might
 * create (a table, a view, a macro) is seen by the next case.
 */
export function runIsolated(engine: SqlEngine, sql: string): ResultTable {
  engine.exec('BEGIN TRANSACTION');
  try {
    return engine.query(sql);
  } finally {
    engine.exec('ROLLBACK');
  }
}

/** decodeValue, or the raw cell when it cannot be decoded as the declared type (itself a finding). */
export function safeDecode(
  v: unknown,
  type: Translation['columns'][number]['type'] | undefined,
): unknown {
  try {
    return type ? decodeValue(v, type) : v;
  } catch {
    return v;
  }
}

/** DuckDB error messages name the function or type at fault in their first clause. */
export function sqlErrorGroup(reason: string): string {
  return reason
    .replace(/LINE \d+:.*$/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 160)
    .trim();
}
