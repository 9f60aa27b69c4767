/**
 * After a batch count, the runs that triggered are re-run one by one for their rows. Over a large
 * table each of those queries would scan everything again; instead the rows inside the union of
 * the triggered windows are copied once into small temporary tables, and the re-runs read those.
 * A run's window lies inside the union, so its result is unchanged.
 */
import { quoteIdent } from '../db/sql-text.ts';
import type { Translation } from '../kql/api.ts';
import { hasGeoIpDatabase, translate } from '../kql/index.ts';
import type { ReplayData } from './api.ts';
import type { Rule } from './rule.ts';
import type { ScheduledRun } from './schedule.ts';
import { WINDOW_END_VAR, WINDOW_START_VAR, isWindowed, timestampLiteral } from './windows.ts';
import { discovery } from './discovery.ts';

/** Beyond this share of the replayed time, copying would not save much: read the tables. */
const MAX_COVERED_SHARE = 0.5;

export interface Subset {
  readonly translation: Translation;
  drop(): void;
}

/** Merged [start, end] intervals of the windows, in time order. */
export function windowUnion(runs: readonly ScheduledRun[]): [number, number][] {
  const sorted = [...runs].sort((a, b) => a.windowStart - b.windowStart);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.windowStart <= last[1]) last[1] = Math.max(last[1], r.windowEnd);
    else out.push([r.windowStart, r.windowEnd]);
  }
  return out;
}

export function createSubset(
  data: ReplayData,
  rule: Rule,
  triggered: readonly ScheduledRun[],
  spanMs: number,
): Subset | undefined {
  if (triggered.length === 0) return undefined;
  const union = windowUnion(triggered);
  const covered = union.reduce((n, [a, b]) => n + (b - a), 0);
  if (covered > spanMs * MAX_COVERED_SHARE) return undefined;
  const created: string[] = [];
  const where = union
    .map(
      ([a, b]) =>
        `("TimeGenerated" >= ${timestampLiteral(a)} AND "TimeGenerated" <= ${timestampLiteral(b)})`,
    )
    .join(' OR ');
  const subsetName = (name: string) => `loupe_replay_subset_${name}`;
  try {
    const translation = translate(rule.query, {
      resolveTable: (n) => data.resolveTable(n),
      externalData: (url) => data.externalData?.(url),
      ...discovery(data),
      ...(data.resolveFunction && { resolveFunction: (n: string) => data.resolveFunction?.(n) }),
      hasGeoIpDatabase: () => hasGeoIpDatabase(data.engine),
      tableSql: (name, schema) => {
        if (!isWindowed(schema)) return quoteIdent(name);
        const sub = subsetName(name);
        if (!created.includes(sub)) {
          data.engine.exec(
            `CREATE OR REPLACE TEMP TABLE ${quoteIdent(sub)} AS SELECT * FROM ${quoteIdent(name)} WHERE ${where}`,
          );
          created.push(sub);
        }
        return (
          `(SELECT * FROM ${quoteIdent(sub)} WHERE "TimeGenerated" >= CAST(getvariable('${WINDOW_START_VAR}') AS TIMESTAMP)` +
          ` AND "TimeGenerated" <= CAST(getvariable('${WINDOW_END_VAR}') AS TIMESTAMP))`
        );
      },
    });
    return { translation, drop: () => dropAll(data, created) };
  } catch (e) {
    dropAll(data, created);
    throw e;
  }
}

function dropAll(data: ReplayData, names: readonly string[]): void {
  for (const n of names) data.engine.exec(`DROP TABLE IF EXISTS temp.${quoteIdent(n)}`);
}
