/** The median wall time of running one SQL query three times on an engine (the KQL benches' unit). */
import type { SqlEngine } from '../src/db/engine.ts';

export function medianQueryMs(engine: SqlEngine, sql: string, runs = 3): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    engine.query(sql);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
