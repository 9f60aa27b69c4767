/** The readable (non --json) form of a replay report, for a terminal. */
import type { ReplayReport } from '../rules/api.ts';
import { valueText } from '../rules/values.ts';
import { terminalText } from './terminal-text.ts';

export function formatReplaySummary(r: ReplayReport): string {
  const out: string[] = [];
  const fired = r.runs.filter((x) => x.triggered).length;
  out.push(`Rule: ${r.rule.name} (${r.rule.id})`);
  out.push(`Schedule: every ${r.rule.queryFrequency}, looking back ${r.rule.queryPeriod}`);
  out.push(
    `Runs: ${r.runs.length}, fired: ${fired}; alerts: ${r.alerts.length}; incidents: ${r.incidents.length}`,
  );
  out.push('');
  out.push('Runs');
  for (const run of r.runs) {
    out.push(
      `  ${run.at}  window ${run.windowStart} … ${run.windowEnd}  rows ${String(run.resultCount).padStart(4)}  ${run.triggered ? 'FIRED' : '-'}`,
    );
  }
  if (r.alerts.length) {
    out.push('', 'Alerts');
    for (const a of r.alerts) {
      out.push(`  ${a.id}  ${a.runAt}  [${a.severity}] ${a.displayName}`);
      if (a.entities.length) {
        const ents = a.entities.map((e) => {
          const { type, ...ids } = e;
          return `${type}(${Object.entries(ids)
            .map(([k, v]) => `${k}=${valueText(v)}`)
            .join(', ')})`;
        });
        out.push(`      entities: ${ents.join('; ')}`);
      }
      for (const [k, v] of Object.entries(a.customDetails))
        out.push(`      ${k}: ${v.map(valueText).join(', ')}`);
      out.push(`      rows: ${a.rows.length}`);
    }
  }
  if (r.incidents.length) {
    out.push('', 'Incidents');
    for (const i of r.incidents)
      out.push(`  ${i.id}  [${i.severity}] ${i.title}  alerts: ${i.alertIds.join(', ')}`);
  }
  // Each line is escaped whole: the values in it come from the logs, and a newline or an escape
  // sequence in one must not forge or repaint a line of the report (terminal-text.ts).
  return `${out.map(terminalText).join('\n')}\n`;
}
