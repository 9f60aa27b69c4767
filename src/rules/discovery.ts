/**
 * Answers for plugins whose output columns depend on the data (`bag_unpack`, `pivot` without an
 * output schema; TranslateOptions.discoverRows). A rule is translated once and run many times, each
 * run over its own window with its own now(), while a translation has one schema. Each question is
 * therefore run under every run's now() and window and the rows are unioned: the columns are those
 * Kusto would give in at least one run, and a run whose rows lack a property holds null (or the
 * aggregate's value over no rows) in that column, where Kusto would leave the column out
 * (docs/kql.md, "Output schemas that depend on the data"). Answers are kept by the question's key,
 * so the replay's other translations of the rule (batch counting, the triggered runs' subset) get
 * the same columns without asking again.
 */
import type { DiscoveryRequest } from '../kql/api.ts';
import type { ReplayData } from './api.ts';
import type { ScheduledRun } from './schedule.ts';
import { setRunVariables } from './windows.ts';

export type DiscoverRows = (request: DiscoveryRequest) => readonly (readonly unknown[])[];

/** Cells as a key for the union (BigInt, which JSON.stringify refuses, as decimal text). */
const rowKey = (row: readonly unknown[]): string =>
  JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/**
 * Discovery over a replay's runs (computed when first needed). `ensureTable` creates a table the
 * rule reads but the analyst did not load, empty, as the replay does for its runs.
 */
export function discoveryOverRuns(
  data: ReplayData,
  runs: () => readonly ScheduledRun[],
  ensureTable: (name: string) => void,
): DiscoverRows {
  const answers = new Map<string, readonly (readonly unknown[])[]>();
  return (request) => {
    const known = answers.get(request.key);
    if (known) return known;
    for (const t of request.tables) ensureTable(t);
    const union = new Map<string, readonly unknown[]>();
    for (const run of runs()) {
      setRunVariables(data.engine, run.at, run.windowStart, run.windowEnd);
      for (const row of data.engine.query(request.sql).rows) union.set(rowKey(row), row);
    }
    const rows = [...union.values()];
    answers.set(request.key, rows);
    return rows;
  };
}

/** The translate option passing a replay's discovery on, when it has one. */
export function discovery(data: ReplayData): { discoverRows?: DiscoverRows } {
  return data.discoverRows ? { discoverRows: (r) => data.discoverRows!(r) } : {};
}
