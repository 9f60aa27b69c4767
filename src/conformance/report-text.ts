/** The readable summary of a corpus run (the CLI without --json). */
import type { ConformanceCase } from './cases.ts';
import type { CaseResult } from './run-case.ts';
import { CATEGORY_LABEL, caseCategory, type CaseCategory } from './categories.ts';
import type { CorpusRun } from './run-corpus.ts';
import { countStatuses } from './run-corpus.ts';
import { familiesOf, groupReasons } from './reasons.ts';

const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-');

export function summaryText(
  run: CorpusRun & { wallMs?: number; children?: number },
  cases: readonly ConformanceCase[],
  options: { groups?: number; slowest?: number } = {},
): string {
  const c = countStatuses(run.results);
  const lines = [
    `${c.total} cases: ${c.pass} pass (${pct(c.pass, c.total)}), ${c.fail} fail, ${c.unsupported} unsupported`,
    `cases ran in ${(run.durationMs / 1000).toFixed(1)} s` +
      (run.wallMs !== undefined
        ? ` (${(run.wallMs / 1000).toFixed(1)} s with engine start-up${run.children && run.children > 1 ? ` of ${run.children} engines` : ''})`
        : ''),
  ];
  if (run.leaked.length)
    lines.push(`WARNING: tables or views left behind by cases: ${run.leaked.join(', ')}`);

  const categoryOf = new Map(cases.map((c) => [c.id, caseCategory(c)]));
  lines.push('', 'By category:');
  for (const cat of ['core', 'nondeterministic', 'plugin-graph-geo'] as CaseCategory[]) {
    const n = countStatuses(run.results.filter((r) => categoryOf.get(r.id) === cat));
    if (n.total)
      lines.push(
        `${String(n.total).padStart(5)} ${CATEGORY_LABEL[cat]}: ${n.pass} pass, ${n.fail} fail, ${n.unsupported} unsupported`,
      );
  }

  const groups = groupReasons(run.results, (id) => categoryOf.get(id));
  const families = familiesOf(groups).filter((f) => f.members.length > 1);
  const shown = options.groups ?? 25;
  if (families.length) {
    lines.push(
      '',
      'Reason families (cases, of which not lowest priority, status, cause: members):',
    );
    for (const f of families.slice(0, 10)) {
      const members =
        f.members
          .slice(0, 10)
          .map((m) => `${m.name} ${m.cases}`)
          .join(', ') + (f.members.length > 10 ? ', …' : '');
      lines.push(
        `${String(f.cases).padStart(5)} ${`(${f.priority})`.padStart(6)}  ${f.status.padEnd(11)} ${f.family}: ${members}`,
      );
    }
  }
  if (groups.length) {
    lines.push(
      '',
      'Top reasons, most valuable fix first (cases, of which not lowest priority, status, reason — e.g. ids):',
    );
    for (const g of groups.slice(0, shown)) {
      const eg = g.ids.slice(0, 3).join(', ') + (g.ids.length > 3 ? ', …' : '');
      lines.push(
        `${String(g.ids.length).padStart(5)} ${`(${g.priority})`.padStart(6)}  ${g.status.padEnd(11)} ${g.group}  — ${eg}`,
      );
    }
    if (groups.length > shown)
      lines.push(`  … ${groups.length - shown} more groups (--json lists every case)`);
  }

  const slow = [...run.results]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, options.slowest ?? 5);
  if (slow.length) {
    lines.push('', 'Slowest cases:');
    for (const r of slow)
      lines.push(`${r.durationMs.toFixed(0).padStart(7)} ms  ${r.id} (${r.status})`);
  }
  return `${lines.join('\n')}\n`;
}

/** Each non-passing case in full: the KQL, Kusto's result, Loupe's result and the SQL. */
export function detailsText(
  results: readonly CaseResult[],
  cases: readonly ConformanceCase[],
): string {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  const out: string[] = [];
  for (const r of results) {
    const c = byId.get(r.id);
    if (r.status === 'pass' || !c) continue;
    out.push(`=== ${r.id} (${r.status}): ${r.reason}`, c.kql.trimEnd(), '--- Kusto');
    out.push(c.expected.columns.map((n, i) => `${n}:${c.expected.columnTypes[i]}`).join(' | '));
    for (const row of c.expected.rows) out.push(json(row));
    if (r.detail?.actual) {
      out.push('--- Loupe', r.detail.actual.columns.join(' | '));
      for (const row of r.detail.actual.rows) out.push(json(row));
    }
    if (r.detail?.sql) out.push('--- SQL', r.detail.sql.trimEnd());
    out.push('');
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
