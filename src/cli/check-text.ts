/** The readable (non --json) form of `loupe check`: the rules by status, then the totals. */
import type { CheckReport, RuleCheck, RuleCheckStatus } from '../rules/check.ts';
import { placeOf } from './rule-library.ts';
import { workspaceHint } from './workspace-flags.ts';

const ORDER: readonly RuleCheckStatus[] = ['ready', 'needs', 'refused', 'invalid'];

function title(r: RuleCheck): string {
  return r.ruleName ? `${r.ruleName} (${r.file})` : r.file;
}

function readsLine(r: RuleCheck): string | undefined {
  if (!r.reads) return undefined;
  const parts = [
    r.reads.tables.length ? `tables ${r.reads.tables.join(', ')}` : '',
    r.reads.watchlists.length ? `watchlists ${r.reads.watchlists.join(', ')}` : '',
    r.reads.functions.length ? `functions ${r.reads.functions.join(', ')}` : '',
    r.reads.externalData.length ? `externaldata ${r.reads.externalData.join(', ')}` : '',
  ].filter((p) => p !== '');
  return parts.length ? `reads ${parts.join('; ')}` : undefined;
}

function lines(r: RuleCheck): string[] {
  const out: string[] = [];
  switch (r.status) {
    case 'ready':
      out.push(`  ready    ${title(r)}`);
      break;
    case 'needs':
      out.push(`  needs    ${title(r)}`);
      for (const n of r.needs ?? []) {
        const what =
          n.kind === 'watchlist'
            ? `watchlist ${n.alias}`
            : n.kind === 'function'
              ? `function ${n.name}`
              : n.kind === 'table'
                ? `table ${n.name}`
                : n.kind === 'geoip'
                  ? 'GeoIP database'
                  : `externaldata ${n.url}`;
        out.push(`             ${what}: ${n.why}`);
      }
      if (r.problem) {
        const hint = workspaceHint(r.problem.detail);
        out.push(
          `             ${placeOf({ file: r.file, position: r.problem.position })}: ${r.problem.message}`,
        );
        if (hint) out.push(`             ${hint}`);
      }
      break;
    case 'refused':
      out.push(`  refused  ${title(r)}`);
      if (r.problem)
        out.push(
          `             ${placeOf({ file: r.file, position: r.problem.position })}: ${r.problem.stage} ${r.problem.code}: ${r.problem.message}`,
        );
      break;
    case 'invalid':
      out.push(`  invalid  ${title(r)}`);
      for (const e of r.errors ?? []) out.push(`             ${e}`);
      break;
  }
  const reads = readsLine(r);
  if (reads) out.push(`             ${reads}`);
  for (const w of r.warnings) out.push(`             warning: ${w}`);
  return out;
}

export function formatCheckSummary(report: CheckReport): string {
  const out: string[] = [];
  for (const status of ORDER) {
    const group = report.results.filter((r) => r.status === status);
    if (group.length) out.push(...group.flatMap(lines), '');
  }
  const t = report.totals;
  out.push(
    `Rules: ${t.rules}; ready: ${t.ready}, needs: ${t.needs}, refused: ${t.refused}, invalid: ${t.invalid}`,
  );
  return `${out.join('\n')}\n`;
}
