import { describe, expect, it } from 'vitest';
import { gridRowNoteKey, NotesStore, rowNoteKey } from '../../../src/ui/state/notes.svelte.ts';
import { caseReportHtml } from '../../../src/ui/report/case-report.ts';
import type { ReplayReport } from '../../../src/rules/api.ts';

const alert = {
  id: 'a1',
  runAt: '2026-06-15T16:00:00.000Z',
  displayName: 'A',
  description: '',
  severity: 'High',
  tactics: [],
  startTime: null,
  endTime: null,
  entities: [],
  customDetails: {},
  rows: [
    { User: 'a@b', IP: '10.0.0.1' },
    { User: 'c@d', IP: '<10.0.0.2>' },
  ],
};
const report: ReplayReport = {
  rule: { id: 'r1', name: 'R', queryFrequency: '1h', queryPeriod: '1h' },
  runs: [
    {
      at: alert.runAt,
      windowStart: '2026-06-15T15:00:00.000Z',
      windowEnd: alert.runAt,
      resultCount: 2,
      triggered: true,
    },
  ],
  alerts: [alert],
  incidents: [],
};

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('notes on result rows', () => {
  it('keys a row by rule, run and its values, not by its position', () => {
    const k = rowNoteKey('r1', alert, alert.rows[0]!);
    expect(k).toMatch(/^r1\|row\|2026-06-15T16:00:00\.000Z\|[0-9a-f]{16}$/);
    // The same values (a new replay's copy) give the same key; other values, another run or rule do not.
    expect(rowNoteKey('r1', alert, { User: 'a@b', IP: '10.0.0.1' })).toBe(k);
    expect(rowNoteKey('r1', alert, alert.rows[1]!)).not.toBe(k);
    expect(rowNoteKey('r1', { runAt: '2026-06-15T17:00:00.000Z' }, alert.rows[0]!)).not.toBe(k);
    expect(rowNoteKey('r2', alert, alert.rows[0]!)).not.toBe(k);
  });

  it('keys a grid row by its table and values (so sorting and filtering keep its note)', () => {
    const k = gridRowNoteKey({ kind: 'table', name: 'SigninLogs' }, ['A', 'B'], ['x', 1]);
    expect(k).toMatch(/^grid\|table:SigninLogs\|[0-9a-f]{16}$/);
    expect(gridRowNoteKey({ kind: 'table', name: 'SigninLogs' }, ['A', 'B'], ['x', 1])).toBe(k);
    expect(gridRowNoteKey({ kind: 'table', name: 'AuditLogs' }, ['A', 'B'], ['x', 1])).not.toBe(k);
    expect(gridRowNoteKey({ kind: 'table', name: 'SigninLogs' }, ['A', 'B'], ['x', 2])).not.toBe(k);
    expect(gridRowNoteKey({ kind: 'kql' }, ['A', 'B'], ['x', 1])).toMatch(/^grid\|query\|/);
  });

  it('survives a new store over the same storage (a reload)', () => {
    const storage = memoryStorage();
    new NotesStore(storage).update(rowNoteKey('r1', alert, alert.rows[1]!), {
      comment: 'attacker IP',
    });
    expect(
      new NotesStore(storage).get(rowNoteKey('r1', alert, { User: 'c@d', IP: '<10.0.0.2>' }))
        ?.comment,
    ).toBe('attacker IP');
  });

  it('puts row notes in the case report in their own column, escaped; no column when no row has a note', () => {
    const store = new NotesStore(memoryStorage());
    const input = {
      rule: { id: 'r1', name: 'R', kind: 'Scheduled' as const, query: 'T', diagnostics: [] },
      ruleFile: 'r.yaml',
      translation: null,
      report,
      tables: [],
      generatedAt: 0,
      noteFor: (k: string) => store.get(k),
    };
    expect(caseReportHtml(input)).not.toContain('Analyst notes</th>');
    store.update(rowNoteKey('r1', alert, alert.rows[1]!), {
      starred: true,
      tags: ['ioc'],
      comment: '<b>bad</b>',
    });
    const html = caseReportHtml(input);
    expect(html).toContain(
      '<thead><tr><th>Analyst notes</th><th>User</th><th>IP</th></tr></thead>',
    );
    expect(html).toContain('<tr><td></td><td>a@b</td><td>10.0.0.1</td></tr>');
    expect(html).toContain(
      '<tr><td>★ starred · tags: ioc · &lt;b&gt;bad&lt;/b&gt;</td><td>c@d</td><td>&lt;10.0.0.2&gt;</td></tr>',
    );
  });
});
