/**
 * Progress in words for the busy indicator: "run 140 of 721", and in a library replay
 * "rule 2 of 5, Risky sign-ins: run 140 of 721". A batch replay counts many runs per query, so
 * its progress moves in steps (the batch's runs), then ends with the runs that fired re-run.
 */
import type { ReplayProgress } from '../../rules/api.ts';
import { formatCount } from '../format.ts';

export function replayProgressText(p: ReplayProgress | null): string {
  if (!p) return '';
  const runs = p.runsTotal === 1 ? (p.runsDone === 0 ? 'running its query' : 'its query ran') : `run ${formatCount(p.runsDone)} of ${formatCount(p.runsTotal)}`;
  return p.rule ? `rule ${formatCount(p.rule.index)} of ${formatCount(p.rule.total)}, ${p.rule.name}: ${runs}` : runs;
}
