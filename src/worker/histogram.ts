/**
 * Events over time for the timeline: a table's rows counted per time bucket of TimeGenerated. The
 * bucket width is chosen from the table's time range so that the chart has about `buckets` bars,
 * rounded to a readable step (1 min, 5 min, 1 h, 1 day…).
 */
import type { QueryControl, SqlEngine } from '../db/engine.ts';
import type { LoupeSession } from '../session/api.ts';
import { quoteIdent } from './grid/sql.ts';

export interface Histogram {
  readonly table: string;
  readonly stepMs: number;
  /** Bucket starts (epoch ms, UTC) and counts, in time order; empty buckets included as 0. */
  readonly starts: readonly number[];
  readonly counts: readonly number[];
}

const STEPS = [
  1,
  5,
  10,
  15,
  30,
  60,
  300,
  600,
  900,
  1800,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86400,
  7 * 86400,
].map((s) => s * 1000);

export function chooseStep(spanMs: number, buckets: number): number {
  const target = Math.max(1, spanMs / Math.max(1, buckets));
  return STEPS.find((s) => s >= target) ?? Math.ceil(target / 86_400_000) * 86_400_000;
}

export async function histogram(
  engine: SqlEngine,
  session: LoupeSession,
  tableName: string,
  buckets = 120,
  control: QueryControl = {},
): Promise<Histogram> {
  const table = session.tables().find((t) => t.name === tableName);
  if (!table) throw new Error(`No table named ${tableName} is loaded.`);
  if (!table.timeRange) return { table: tableName, stepMs: 0, starts: [], counts: [] };
  const { min, max } = table.timeRange;
  const step = chooseStep(max - min, buckets);
  const first = Math.floor(min / step) * step;
  // Buckets from the epoch (as KQL's bin()), so they line up with the rule's runs.
  const r = await engine.queryAsync(
    `SELECT CAST(floor(epoch_ms("TimeGenerated") / ${step}) AS BIGINT) AS b, count(*) AS n FROM ${quoteIdent(table.name)} ` +
      `WHERE "TimeGenerated" IS NOT NULL GROUP BY b ORDER BY b`,
    control,
  );
  const byBucket = new Map(r.rows.map((row) => [Number(row[0]) * step, Number(row[1])]));
  const starts: number[] = [];
  const counts: number[] = [];
  for (let t = first; t <= max; t += step) {
    starts.push(t);
    counts.push(byBucket.get(t) ?? 0);
  }
  return { table: tableName, stepMs: step, starts, counts };
}
