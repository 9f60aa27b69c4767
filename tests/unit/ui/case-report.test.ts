import { describe, expect, it } from 'vitest';
import { caseReportHtml, escapeHtml } from '../../../src/ui/report/case-report.ts';
import type { ReplayReport } from '../../../src/rules/api.ts';

const report: ReplayReport = {
  rule: { id: 'r1', name: 'R', queryFrequency: '1h', queryPeriod: '1h' },
  runs: [
    {
      at: '2026-06-15T15:00:00.000Z',
      windowStart: '2026-06-15T14:00:00.000Z',
      windowEnd: '2026-06-15T15:00:00.000Z',
      resultCount: 0,
      triggered: false,
    },
    {
      at: '2026-06-15T16:00:00.000Z',
      windowStart: '2026-06-15T15:00:00.000Z',
      windowEnd: '2026-06-15T16:00:00.000Z',
      resultCount: 1,
      triggered: true,
    },
  ],
  alerts: [
    {
      id: 'a1',
      runAt: '2026-06-15T16:00:00.000Z',
      displayName: '<script>alert(1)</script> user',
      description: 'd',
      severity: 'High',
      tactics: ['Persistence'],
      startTime: null,
      endTime: null,
      entities: [{ type: 'Account', FullName: 'a@b' }],
      customDetails: { K: ['<img src=x>'] },
      rows: [{ UserPrincipalName: 'a@b', Apps: ['x', '"y"'] }],
    },
  ],
  incidents: [{ id: 'i1', title: 'Incident "one"', severity: 'High', alertIds: ['a1'] }],
};

const html = caseReportHtml({
  rule: {
    id: 'r1',
    name: 'Rule & <b>name</b>',
    kind: 'Scheduled',
    query: 'T | where x == "<y>"',
    diagnostics: [],
  },
  ruleFile: 'r.yaml',
  translation: null,
  report,
  tables: [],
  generatedAt: Date.UTC(2026, 5, 15, 18),
  noteFor: (key) =>
    key === 'r1|alert|2026-06-15T16:00:00.000Z|<script>alert(1)</script> user'
      ? { starred: true, tags: ['bec'], comment: '</blockquote><script>x</script>', updatedAt: 0 }
      : undefined,
});

describe('case report (self-contained HTML)', () => {
  it('escapes every piece of rule and log text', () => {
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>name');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; user');
    expect(html).toContain('T | where x == &quot;&lt;y&gt;&quot;');
  });

  it('carries a CSP that allows no script and no connection, and links incidents to their alerts', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('<a href="#alert-1">2026-06-15 16:00:00 UTC — &lt;script&gt;');
    expect(html).toContain('id="alert-1"');
  });

  it('lists every run and marks the ones that fired', () => {
    expect(html.match(/<tr class="fired">/g)).toHaveLength(1);
    expect(html).toContain(
      'from 2026-06-15 14:00:00 UTC to 2026-06-15 16:00:00 UTC: 2 runs, 1 fired, raising 1 alert in 1 incident.',
    );
  });

  it('reads top-down for whoever receives it: summary and entities, incidents, alerts, and the KQL and SQL last', () => {
    expect(html).toContain('Entities involved: <strong>Account a@b</strong>.');
    const at = (text: string) => html.indexOf(text);
    expect(at('<h2>Summary</h2>')).toBeLessThan(at('<h2>Incidents (1)</h2>'));
    expect(at('<h2>Incidents (1)</h2>')).toBeLessThan(at('<h2>Alerts (1)</h2>'));
    expect(at('<h2>Alerts (1)</h2>')).toBeLessThan(at('<h2>Runs (2)</h2>'));
    expect(at('<h2>Runs (2)</h2>')).toBeLessThan(at('<h3>KQL</h3>'));
    expect(html).toContain('Severity High · 1 alert</p>');
  });

  it('writes result row datetimes in UTC form and numbers with separators, as the page does', () => {
    const withTimes = caseReportHtml({
      rule: { id: 'r1', name: 'R', kind: 'Scheduled', query: 'T', diagnostics: [] },
      ruleFile: 'r.yaml',
      translation: null,
      report: {
        ...report,
        alerts: [
          {
            ...report.alerts[0]!,
            rows: [{ LastActivity: '2026-06-15T16:47:43.778Z', SilentCount: 12345 }],
          },
        ],
      },
      tables: [],
      generatedAt: 0,
    });
    expect(withTimes).toContain('<td>2026-06-15 16:47:43.778 UTC</td><td>12,345</td>');
  });

  it('includes the analyst notes, escaped', () => {
    expect(html).toContain(
      '<strong>★ Starred</strong> Tags: bec <blockquote>&lt;/blockquote&gt;&lt;script&gt;x&lt;/script&gt;</blockquote>',
    );
  });

  it('gives a bare KQL query’s result rows, since it raises no alerts', () => {
    const bare = caseReportHtml({
      rule: {
        id: 'q',
        name: 'Query',
        kind: 'KQL',
        query: 'T | summarize n = count() by ip',
        diagnostics: [],
      },
      ruleFile: 'q.kql',
      translation: null,
      report: {
        rule: { id: 'q', name: 'Query', queryFrequency: '0m', queryPeriod: '0m', kind: 'KQL' },
        runs: [
          {
            at: '2026-06-15T17:00:00.000Z',
            windowStart: '2026-06-15T09:00:00.000Z',
            windowEnd: '2026-06-15T17:00:00.000Z',
            resultCount: 2,
            triggered: false,
            rows: [
              { ip: '<b>10.0.0.1</b>', n: 1200 },
              { ip: '10.0.0.2', n: 2 },
            ],
          },
        ],
        alerts: [],
        incidents: [],
      },
      tables: [],
      generatedAt: 0,
    });
    expect(bare).toContain('<h2>Query results (2 rows)</h2>');
    expect(bare).toContain(
      '<tr><td>&lt;b&gt;10.0.0.1&lt;/b&gt;</td><td>1,200</td></tr><tr><td>10.0.0.2</td><td>2</td></tr>',
    );
    expect(html).not.toContain('Query results');
  });
});
