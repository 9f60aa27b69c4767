/**
 * The seed rule over CSV exports loaded through ingest (tests/fixtures/rules/seed-cases/README.md
 * lists the cases run by run): flagged in some windows and not others, UPNs differing in case,
 * failed sign-ins, two risky-user rows for one user in one window.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import { listTables, loadFile, loadedTable } from '../../../src/ingest/index.ts';
import { installKqlRuntime } from '../../../src/kql/index.ts';
import type { ReplayData, ReplayReport } from '../../../src/rules/api.ts';
import { parseRuleFile } from '../../../src/rules/parse.ts';
import { replay } from '../../../src/rules/replay.ts';
import { knownTable } from '../../../src/schema/catalog.ts';

const fixtures = new URL('../../fixtures/rules/', import.meta.url);
let engine: SqlEngine;
let report: ReplayReport;

beforeAll(async () => {
  engine = await createNodeEngine();
  installKqlRuntime(engine);
  for (const f of ['AADNonInteractiveUserSignInLogs.csv', 'AADRiskyUsers.csv']) {
    await loadFile(engine, { name: f, bytes: readFileSync(new URL(`seed-cases/${f}`, fixtures)) });
  }
  const data: ReplayData = {
    engine,
    resolveTable: (n) => loadedTable(engine, n)?.schema ?? knownTable(n),
    loadedTables: () => listTables(engine).map((t) => t.name),
  };
  const rule = parseRuleFile(
    readFileSync(new URL('risky-user-silent-signins.yaml', fixtures), 'utf8'),
    'risky-user-silent-signins.yaml',
  );
  report = await replay(data, rule);
});
afterAll(() => engine.close());

describe('seed rule over CSV exports, run by run', () => {
  it('runs hourly from the first hour at or after the earliest event to the first at or after the latest', () => {
    expect(report.runs.map((r) => [r.at, r.windowStart, r.resultCount, r.triggered])).toEqual([
      ['2026-03-02T10:00:00.000Z', '2026-03-02T09:00:00.000Z', 1, true],
      ['2026-03-02T11:00:00.000Z', '2026-03-02T10:00:00.000Z', 0, false],
      ['2026-03-02T12:00:00.000Z', '2026-03-02T11:00:00.000Z', 2, true],
      ['2026-03-02T13:00:00.000Z', '2026-03-02T12:00:00.000Z', 0, false],
    ]);
  });

  it('10:00: alice flagged and signing in fires; Bob@Contoso.com does not match the flagged bob@contoso.com', () => {
    const a = report.alerts[0]!;
    expect(a.runAt).toBe('2026-03-02T10:00:00.000Z');
    expect(a.rows.map((r) => r['UserPrincipalName'])).toEqual(['alice@contoso.com']);
    expect(a.displayName).toBe(
      'Risky User Silent Auth - alice@contoso.com (high risk) has active non-interactive tokens',
    );
    expect(a.entities).toEqual([
      { type: 'Account', FullName: 'alice@contoso.com' },
      { type: 'IP', Address: '203.0.113.5' },
    ]);
  });

  it('11:00: a flagged user whose only sign-in failed raises nothing', () => {
    expect(report.runs[1]!.alertIds).toEqual([]);
  });

  it('12:00: two risky-user rows for carol give two result rows and one alert carrying both', () => {
    expect(report.alerts).toHaveLength(2);
    const a = report.alerts[1]!;
    expect(a.rows).toHaveLength(2);
    expect(a.entities).toEqual([
      { type: 'Account', FullName: 'carol@contoso.com' },
      { type: 'IP', Address: '198.51.100.7' },
    ]);
    expect([...a.customDetails['RiskLevel']!].sort()).toEqual(['high', 'medium']);
    expect(a.customDetails['SilentSignInCount']).toEqual(['2']);
    expect(a.rows[0]!['Apps']).toEqual(expect.arrayContaining(['Outlook', 'Microsoft Teams']));
  });

  it('both alerts fall within 5 h of the first: one incident titled after the first alert', () => {
    expect(report.incidents).toEqual([
      expect.objectContaining({
        alertIds: ['alert-1', 'alert-2'],
        title: report.alerts[0]!.displayName,
        severity: 'High',
      }),
    ]);
  });
});
