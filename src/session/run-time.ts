/** The run time of a query: KQL's now(), which ago() counts back from. */
import type { SqlEngine } from '../db/engine.ts';
import type { LoadedTable } from '../ingest/api.ts';

/** Sets now() for the translated SQL that follows (see TranslateOptions.nowSql). */
export function setRunTime(engine: SqlEngine, epochMs: number): void {
  const iso = new Date(epochMs).toISOString().replace('T', ' ').replace('Z', '');
  engine.exec(`SET VARIABLE loupe_now = TIMESTAMP '${iso}'`);
}

/** The latest TimeGenerated over the loaded tables, or undefined when none has one. */
export function latestTimeGenerated(tables: readonly LoadedTable[]): number | undefined {
  const ends = tables.flatMap((t) => (t.timeRange ? [t.timeRange.max] : []));
  return ends.length ? Math.max(...ends) : undefined;
}
