/** Runs a set of conformance cases on one engine (instantiating DuckDB-WASM costs 1–2 s; a query costs milliseconds). */
import type { SqlEngine } from '../db/engine.ts';
import { installKqlRuntime } from '../kql/index.ts';
import type { ConformanceCase } from './cases.ts';
import { runCase, type CaseResult, type Translate } from './run-case.ts';

export interface CorpusRun {
  readonly results: readonly CaseResult[];
  /** Wall time of the whole run, engine set-up excluded. */
  readonly durationMs: number;
  /** Tables or views left behind by cases despite the per-case rollback (should be empty). */
  readonly leaked: readonly string[];
}

/** The engine the corpus runs on: KQL runtime installed, `now()` fixed for the run. */
export function prepareEngine(engine: SqlEngine, now: Date): void {
  installKqlRuntime(engine);
  // now()/ago() read this variable (src/kql/api.ts); Kusto's answers used the time they ran, so
  // cases depending on the current time cannot match anyway, but they must not fail to run.
  engine.exec(
    `SET VARIABLE loupe_now = TIMESTAMP '${now.toISOString().replace('T', ' ').replace('Z', '')}'`,
  );
}

export function runCorpus(
  engine: SqlEngine,
  cases: readonly ConformanceCase[],
  translateKql?: Translate,
): CorpusRun {
  const started = performance.now();
  const results: CaseResult[] = [];
  for (const c of cases) {
    results.push(runCase(engine, c, translateKql));
  }
  return { results, durationMs: performance.now() - started, leaked: leftBehind(engine) };
}

/** User tables and views in the engine (none should survive a case: each runs in a rolled-back transaction). */
export function leftBehind(engine: SqlEngine): string[] {
  return engine
    .query(
      'SELECT table_name FROM duckdb_tables() WHERE NOT internal UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal',
    )
    .rows.map((r) => String(r[0]));
}

export interface StatusCounts {
  readonly total: number;
  readonly pass: number;
  readonly fail: number;
  readonly unsupported: number;
}

export function countStatuses(results: readonly CaseResult[]): StatusCounts {
  const n = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return { total: results.length, pass: n('pass'), fail: n('fail'), unsupported: n('unsupported') };
}
