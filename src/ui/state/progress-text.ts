/**
 * Progress in words for the busy indicator: "run 140 of 721", and in a library replay
 * "rule 2 of 5, Risky sign-ins: run 140 of 721". A batch replay first counts the results of many
 * runs per query ("counting results: 168 of 721 runs"), then walks the runs, re-running the
 * ones that fired for their rows.
 */
import type { ReplayProgress } from '../../rules/api.ts';
import { formatCount } from '../format.ts';

export function replayProgressText(p: ReplayProgress | null): string {
  if (!p) return '';
  const runs =
    p.step === 'count'
      ? `counting results: ${formatCount(p.runsDone)} of ${formatCount(p.runsTotal)} runs`
      : p.runsTotal === 1
        ? p.runsDone === 0
          ? 'running its query'
          : 'its query ran'
        : `run ${formatCount(p.runsDone)} of ${formatCount(p.runsTotal)}`;
  return p.rule
    ? `rule ${formatCount(p.rule.index)} of ${formatCount(p.rule.total)}, ${p.rule.name}: ${runs}`
    : runs;
}
