/**
 * The case report: one self-contained HTML file that opens offline anywhere and can be attached to
 * a ticket. It reads top-down for whoever receives it: a summary in words (the period replayed,
 * what fired, the entities involved), the incidents with the analyst's notes, the alerts with
 * their entities, details and rows, every run, the data; the rule's KQL and the SQL that ran come
 * last, for whoever wants to check the work. It has no script at all and a CSP that allows
 * nothing but its own inline style; every piece of log or rule text is HTML-escaped.
 */
import type { LoadedTable } from '../../ingest/api.ts';
import type { Translation } from '../../kql/api.ts';
import type { ReplayReport } from '../../rules/api.ts';
import type { RuleSummary } from '../../session/api.ts';
import {
  countOf as count,
  formatCount,
  formatReportValue,
  formatUtc,
  formatValue,
} from '../format.ts';
import {
  alertNoteKey,
  incidentNoteKey,
  isEmpty,
  rowNoteKey,
  type Note,
} from '../state/notes.svelte.ts';

export interface CaseReportInput {
  readonly rule: RuleSummary;
  readonly ruleFile: string;
  readonly translation: Translation | null;
  readonly report: ReplayReport;
  readonly tables: readonly LoadedTable[];
  readonly generatedAt: number;
  /** The analyst's note on an alert or incident (by note key), if any. */
  readonly noteFor?: (key: string) => Note | undefined;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text → HTML text (also safe inside a double- or single-quoted attribute). */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const e = escapeHtml;

/** `show`: how a value is written (result rows: datetimes in UTC form, numbers with separators). */
function table(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  show: (v: unknown) => string = formatValue,
): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  return (
    `<table><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((v) => `<td>${e(show(v))}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

/** The entities of every alert, once each: "Account isaacdunham@corp.local", "IP 10.0.0.1". */
function entitiesInvolved(report: ReplayReport): string[] {
  const seen = new Set<string>();
  for (const a of report.alerts)
    for (const en of a.entities) {
      const ids = Object.entries(en)
        .filter(([k]) => k !== 'type')
        .map(([, v]) => v);
      if (ids.length) seen.add(`${en.type} ${ids.join(' ')}`);
    }
  return [...seen];
}

/** The summary in words: the period replayed, what fired, what it raised and who is involved. */
function summaryHtml(input: CaseReportInput): string {
  const { report, rule } = input;
  const runs = report.runs;
  const fired = runs.filter((r) => r.triggered).length;
  const period = runs.length
    ? ` from ${e(formatUtc(runs[0]!.windowStart))} to ${e(formatUtc(runs[runs.length - 1]!.windowEnd))}`
    : '';
  const tables = input.tables.length
    ? ` over ${count(input.tables.length, 'table')} (${formatCount(input.tables.reduce((n, t) => n + t.rowCount, 0))} rows)`
    : '';
  const entities = entitiesInvolved(report);
  return (
    `<p>Loupe replayed the rule <strong>${e(rule.name)}</strong> as Microsoft Sentinel schedules it (every ${e(report.rule.queryFrequency)}, looking back ${e(report.rule.queryPeriod)})${period}${tables}: ` +
    `${count(runs.length, 'run')}, ${formatCount(fired)} fired, raising ${count(report.alerts.length, 'alert')} in ${count(report.incidents.length, 'incident')}.</p>` +
    (entities.length
      ? `<p>Entities involved: ${entities.map((x) => `<strong>${e(x)}</strong>`).join(', ')}.</p>`
      : '')
  );
}

function noteHtml(note: Note | undefined): string {
  if (!note || isEmpty(note)) return '';
  const parts = [
    note.starred ? '<strong>★ Starred</strong>' : '',
    note.tags.length ? `Tags: ${e(note.tags.join(', '))}` : '',
    note.comment ? `<blockquote>${e(note.comment)}</blockquote>` : '',
  ];
  return `<div class="note"><h4>Analyst notes</h4>${parts.filter(Boolean).join(' ')}</div>`;
}

/** A note as one line of plain text, for a table cell: "★ starred · tags: a, b · comment". */
function noteText(note: Note | undefined): string {
  if (!note || isEmpty(note)) return '';
  return [
    note.starred ? '★ starred' : '',
    note.tags.length ? `tags: ${note.tags.join(', ')}` : '',
    note.comment,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** An alert's result rows; with a column of the analyst's notes when any row has one. */
function rowsTable(
  cols: readonly string[],
  rows: readonly Record<string, unknown>[],
  noteOf: (row: Record<string, unknown>) => Note | undefined,
): string {
  const notes = rows.map((r) => noteText(noteOf(r)));
  if (notes.every((n) => n === ''))
    return table(
      cols,
      rows.map((r) => cols.map((c) => r[c])),
      formatReportValue,
    );
  return table(
    ['Analyst notes', ...cols],
    rows.map((r, i) => [notes[i], ...cols.map((c) => r[c])]),
    formatReportValue,
  );
}

/** Rows a bare query's section keeps (the report must stay a file one can open and mail). */
const BARE_ROWS = 1000;

/** A bare KQL query raises no alerts: its result is its run's rows, shown before the (empty) lists. */
function bareResultsHtml(report: ReplayReport): string {
  const run = report.rule.kind === 'KQL' ? report.runs[0] : undefined;
  if (!run) return '';
  const rows = run.rows ?? [];
  const cols = rows.length ? Object.keys(rows[0]!) : [];
  const cut =
    run.resultCount > Math.min(rows.length, BARE_ROWS)
      ? `<p>The first ${count(Math.min(rows.length, BARE_ROWS), 'row')} of ${formatCount(run.resultCount)}.</p>`
      : '';
  return `<h2>Query results (${count(run.resultCount, 'row')})</h2>
<p>A bare KQL query, run once with now() at ${e(formatUtc(run.at))} over every table read whole; it raises no alerts.</p>${cut}
${table(
  cols,
  rows.slice(0, BARE_ROWS).map((r) => cols.map((c) => r[c])),
  formatReportValue,
)}
`;
}

export function caseReportHtml(input: CaseReportInput): string {
  const { rule, report, translation, tables } = input;
  const noteFor = input.noteFor ?? (() => undefined);
  const alertsById = new Map(report.alerts.map((a, i) => [a.id, i + 1]));

  const alerts = report.alerts
    .map((a, i) => {
      const cols = a.rows.length ? Object.keys(a.rows[0]!) : [];
      return `<section class="alert" id="alert-${i + 1}">
<h3>${e(a.displayName)}</h3>
${noteHtml(noteFor(alertNoteKey(report.rule.id, a)))}
<dl><dt>Run</dt><dd>${e(formatUtc(a.runAt))}</dd><dt>Severity</dt><dd>${e(a.severity)}</dd>
<dt>Activity</dt><dd>${e(formatUtc(a.startTime))} – ${e(formatUtc(a.endTime))}</dd>
<dt>Tactics</dt><dd>${e(a.tactics.join(', '))}</dd><dt>Description</dt><dd>${e(a.description)}</dd></dl>
<h4>Entities</h4>${table(
        ['Type', 'Identifiers'],
        a.entities.map((en) => [
          en.type,
          Object.entries(en)
            .filter(([k]) => k !== 'type')
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
        ]),
      )}
<h4>Custom details</h4>${table(
        ['Key', 'Values'],
        Object.entries(a.customDetails).map(([k, v]) => [k, v.map(formatValue).join(', ')]),
      )}
<h4>Result rows (${a.rows.length})</h4>${rowsTable(cols, a.rows, (r) => noteFor(rowNoteKey(report.rule.id, a, r)))}
</section>`;
    })
    .join('\n');

  const incidents = report.incidents
    .map(
      (inc) =>
        `<section class="incident"><h3>${e(inc.title)}</h3>${noteHtml(
          noteFor(
            incidentNoteKey(
              report.rule.id,
              inc,
              report.alerts.find((a) => a.id === inc.alertIds[0]),
            ),
          ),
        )}<p>Severity ${e(inc.severity)} · ${count(inc.alertIds.length, 'alert')}</p><ul>${inc.alertIds
          .map((id) => {
            const n = alertsById.get(id);
            const a = n ? report.alerts[n - 1] : undefined;
            return `<li>${a ? `<a href="#alert-${n}">${e(formatUtc(a.runAt))} — ${e(a.displayName)}</a>` : e(id)}</li>`;
          })
          .join('')}</ul></section>`,
    )
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Loupe case report — ${e(rule.name)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;line-height:1.45}
pre,code,td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
pre{white-space:pre-wrap;background:rgba(127,127,127,.12);padding:.6rem;border-radius:6px}
table{border-collapse:collapse;margin:.4rem 0}th,td{border-bottom:1px solid rgba(127,127,127,.4);padding:.2rem .5rem;text-align:left;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dd{margin:0}dt{opacity:.75}
.alert,.incident{border-left:4px solid #b3261e;padding:.2rem .9rem;margin:1rem 0}.incident{border-color:#1f5fbf}
.fired td{font-weight:700}.note{background:rgba(201,138,0,.12);padding:.3rem .6rem;border-radius:6px}blockquote{margin:.3rem 0;white-space:pre-wrap}.empty{font-style:italic;opacity:.75}
</style>
</head>
<body>
<h1>Case report: ${e(rule.name)}</h1>
<p>Generated by Loupe on ${e(formatUtc(input.generatedAt))}. All times UTC.</p>
<h2>Summary</h2>
${summaryHtml(input)}
${bareResultsHtml(report)}<h2>Incidents (${report.incidents.length})</h2>
${incidents || '<p class="empty">None.</p>'}
<h2>Alerts (${report.alerts.length})</h2>
${alerts || '<p class="empty">None.</p>'}
<h2>Runs (${report.runs.length})</h2>
<table><thead><tr><th>Run</th><th>Window start</th><th>Window end</th><th>Result rows</th><th>Fired</th></tr></thead><tbody>
${report.runs.map((r) => `<tr${r.triggered ? ' class="fired"' : ''}><td>${e(formatUtc(r.at))}</td><td>${e(formatUtc(r.windowStart))}</td><td>${e(formatUtc(r.windowEnd))}</td><td>${formatCount(r.resultCount)}</td><td>${r.triggered ? 'yes' : 'no'}</td></tr>`).join('\n')}
</tbody></table>
<h2>Data</h2>
${table(
  ['Table', 'Rows', 'First TimeGenerated', 'Last TimeGenerated', 'Files'],
  tables.map((t) => [
    t.name,
    formatCount(t.rowCount),
    t.timeRange ? formatUtc(t.timeRange.min) : '—',
    t.timeRange ? formatUtc(t.timeRange.max) : '—',
    t.files.join(', '),
  ]),
)}
<h2>Rule</h2>
<dl><dt>Name</dt><dd>${e(rule.name)}</dd><dt>Id</dt><dd>${e(rule.id)}</dd><dt>File</dt><dd>${e(input.ruleFile)}</dd>
<dt>Runs every</dt><dd>${e(report.rule.queryFrequency)}</dd><dt>Looks back</dt><dd>${e(report.rule.queryPeriod)}</dd><dt>Severity</dt><dd>${e(rule.severity ?? '')}</dd></dl>
<h3>KQL</h3><pre>${e(rule.query)}</pre>
<h3>SQL used (DuckDB; now() is each run's time, tables restricted to its window)</h3><pre>${e(translation?.sql ?? '(not available)')}</pre>
</body>
</html>
`;
}
