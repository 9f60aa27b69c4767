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
 *
 * Many runs (an NRT rule runs every minute: 1,440 runs a day) would mean as many queries per
 * question. Most runs' windows hold no rows for it, and a run whose question has no rows adds
 * nothing to the union, so the replay first counts every run's answer in a few batch queries (the
 * rule translated as batch.ts translates it, its questions asked over a table of runs) and asks
 * the question run by run only where the count is not zero: the same union, in the same order.
 */
import type { DiscoveryRequest } from '../kql/api.ts';
import type { ReplayData } from './api.ts';
import type { ScheduledRun } from './schedule.ts';
import { MAX_RUNS_PER_BATCH, runsRelationSql, setRunVariables } from './windows.ts';

export type DiscoverRows = (request: DiscoveryRequest) => readonly (readonly unknown[])[];

/** Cells as a key for the union (BigInt, which JSON.stringify refuses, as decimal text). */
const rowKey = (row: readonly unknown[]): string =>
  JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** The runs' answers as one set of rows, each row once, in the order first seen (read one run at a time). */
function unionOf(
  answers: Iterable<readonly (readonly unknown[])[]>,
): readonly (readonly unknown[])[] {
  const union = new Map<string, readonly unknown[]>();
  for (const rows of answers) for (const row of rows) union.set(rowKey(row), row);
  return [...union.values()];
}

/**
 * Counting a question's rows in many runs at once: given a hook to install, translates the rule
 * the batch way (batch.ts, translateForBatch) so that each question it asks comes as SQL reading
 * now() and the window from the runs relation `loupe_run`. Throws when the rule cannot be so
 * translated; discovery then asks every run.
 */
export type BatchTranslation = (discoverRows: DiscoverRows) => void;

/** Fewer runs than this are asked one by one: counting them first would not pay. */
export const MIN_RUNS_TO_COUNT = 24;

/**
 * Discovery over a replay's runs (computed when first needed). `ensureTable` creates a table the
 * rule reads but the analyst did not load, empty, as the replay does for its runs.
 */
export function discoveryOverRuns(
  data: ReplayData,
  runs: () => readonly ScheduledRun[],
  ensureTable: (name: string) => void,
  batchTranslation?: BatchTranslation,
): DiscoverRows {
  const answers = new Map<string, readonly (readonly unknown[])[]>();
  let asking: Map<string, readonly number[]> | undefined;
  const ask = (sql: string, which: readonly number[]) => {
    const all = runs();
    return unionOf(
      (function* () {
        for (const i of which) {
          const run = all[i]!;
          setRunVariables(data.engine, run.at, run.windowStart, run.windowEnd);
          yield data.engine.query(sql).rows;
        }
      })(),
    );
  };
  return (request) => {
    const known = answers.get(request.key);
    if (known) return known;
    for (const t of request.tables) ensureTable(t);
    const all = runs();
    if (asking === undefined) {
      asking = new Map();
      if (batchTranslation && all.length >= MIN_RUNS_TO_COUNT)
        asking = runsWithRows(data, all, batchTranslation, ensureTable) ?? asking;
    }
    const which = asking.get(request.key) ?? all.map((_, i) => i);
    const rows = ask(request.sql, which);
    answers.set(request.key, rows);
    return rows;
  };
}

/**
 * Per question (by key), the runs whose answer has rows, counted in batch queries; undefined when
 * the rule cannot be translated the batch way. The batch translation needs answers to go on (a
 * later question's SQL is built from an earlier answer): each is the union over the runs counted
 * non-empty, asked in the batch form one run at a time, which holds the same rows.
 */
function runsWithRows(
  data: ReplayData,
  runs: readonly ScheduledRun[],
  batchTranslation: BatchTranslation,
  ensureTable: (name: string) => void,
): Map<string, readonly number[]> | undefined {
  const found = new Map<string, readonly number[]>();
  const runsRelation = (indexes: readonly number[]) =>
    runsRelationSql(indexes.map((index) => ({ index, run: runs[index]! })));
  try {
    batchTranslation((request) => {
      for (const t of request.tables) ensureTable(t);
      const nonEmpty: number[] = [];
      for (let first = 0; first < runs.length; first += MAX_RUNS_PER_BATCH) {
        const chunk = runs.slice(first, first + MAX_RUNS_PER_BATCH).map((_, k) => first + k);
        const counted = data.engine.query(
          `SELECT run_index FROM ${runsRelation(chunk)}, LATERAL (${request.sql}) AS loupe_answer GROUP BY 1 ORDER BY 1`,
        );
        for (const [i] of counted.rows) nonEmpty.push(Number(i));
      }
      found.set(request.key, nonEmpty);
      return unionOf(
        (function* () {
          for (const i of nonEmpty)
            yield data.engine.query(
              `SELECT loupe_answer.* FROM ${runsRelation([i])}, LATERAL (${request.sql}) AS loupe_answer`,
            ).rows;
        })(),
      );
    });
  } catch {
    // A rule batch.ts cannot translate (session variables, …): every run is asked.
    return undefined;
  }
  return found;
}

/** The translate option passing a replay's discovery on, when it has one. */
export function discovery(data: ReplayData): { discoverRows?: DiscoverRows } {
  return data.discoverRows ? { discoverRows: (r) => data.discoverRows!(r) } : {};
}
