/**
 * Tables through the session, as the CLI and the engine worker use it: a table a rule reads but
 * the analyst did not load exists, empty and typed by the catalog, in the translation and in the
 * replay; an unknown name is an error naming it and the closest tables, at its place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoupeError, type LoupeError } from '../../../src/errors.ts';
import { knownTable } from '../../../src/schema/catalog.ts';
import { createNodeSession } from '../../../src/session/node.ts';
import { demoCsv } from '../../support/material.ts';
import type { LoupeSession } from '../../../src/session/api.ts';

let session: LoupeSession;

beforeAll(async () => {
  session = await createNodeSession();
  await session.load({ name: 'SigninLogs.csv', bytes: demoCsv('SigninLogs.csv.gz') });
  await session.load({
    name: 'MyExport_CL.csv',
    bytes: new TextEncoder().encode(
      'TimeGenerated,Account\n2026-06-15T12:00:00Z,alice@corp.local\n',
    ),
  });
});
afterAll(() => session.close());

function rule(query: string): string {
  const body = query
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `id: 5f0a4c8e-1111-4222-8333-944445555666
name: Catalog test rule
kind: Scheduled
severity: Medium
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
${body}
`;
}

function thrown(f: () => unknown): LoupeError {
  try {
    f();
  } catch (e) {
    if (isLoupeError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoupeError');
}

describe('a table a rule reads but no file filled', () => {
  it('exists for the replay, empty and typed: the rule runs and its other tables still raise alerts', async () => {
    session.readRule(
      rule(`let HighAlerts = SecurityAlert | where AlertSeverity == "High" and ConfidenceScore > 0.5 | project CompromisedEntity, AlertName;
SigninLogs
| where ResultType == "0"
| summarize Signins = count() by UserPrincipalName
| join kind=leftouter HighAlerts on $left.UserPrincipalName == $right.CompromisedEntity
| project UserPrincipalName, Signins, AlertName`),
      'catalog-test.yaml',
    );
    const report = await session.replay();
    expect(report.emptyTables).toEqual(['SecurityAlert']);
    expect(report.runs.length).toBeGreaterThan(0);
    expect(report.alerts.length).toBeGreaterThan(0);
    // The empty table's columns are the catalog's: AlertName is a string, "" where no alert matched.
    for (const a of report.alerts) for (const row of a.rows) expect(row['AlertName']).toBe('');
    // Created for the replay only: nothing is left behind among the analyst's tables.
    expect(
      session
        .tables()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['MyExport_CL', 'SigninLogs']);
  });

  it('a rule reading only tables nobody loaded runs every run and raises nothing', async () => {
    session.readRule(
      rule(
        'Okta_CL\n| where eventType_s == "user.session.start" and outcome_result_s == "FAILURE"\n| summarize Failures = count() by actor_alternateId_s\n| where Failures > 10',
      ),
      'okta.yaml',
    );
    const report = await session.replay();
    expect(report.emptyTables).toEqual(['Okta_CL']);
    expect(report.runs.length).toBeGreaterThan(0);
    expect(report.runs.every((r) => r.resultCount === 0)).toBe(true);
    expect(report.alerts).toEqual([]);
  });

  it("answers a console query with the catalog's columns and types and no rows", async () => {
    const r = await session.run('CommonSecurityLog | take 5', 'kql');
    expect(r.rows).toEqual([]);
    expect(r.columns).toEqual(knownTable('CommonSecurityLog')!.columns);
    const typed = await session.run(
      'AWSCloudTrail | summarize n = count(), earliest = min(TimeGenerated) by EventName',
      'kql',
    );
    expect(typed.columns).toEqual([
      { name: 'EventName', type: 'string' },
      { name: 'n', type: 'long' },
      { name: 'earliest', type: 'datetime' },
    ]);
  });

  it('creates a catalog table whose columns differ only in case (AzureDiagnostics: clientIP_s, clientIp_s), both readable', async () => {
    const r = await session.run(
      'AzureDiagnostics | project clientIP_s, clientIp_s, userAgent_s, TimeGenerated',
      'kql',
    );
    expect(r.columns).toEqual([
      { name: 'clientIP_s', type: 'string' },
      { name: 'clientIp_s', type: 'string' },
      { name: 'userAgent_s', type: 'string' },
      { name: 'TimeGenerated', type: 'datetime' },
    ]);
    expect(r.rows).toEqual([]);
  });

  it('translates against it: its columns and their types are known to the query', () => {
    const t = session.translate(
      'ThreatIntelligenceIndicator | where ConfidenceScore > 50 | project Url, ExpirationDateTime',
    );
    expect(t.tables).toEqual(['ThreatIntelligenceIndicator']);
    expect(t.columns).toEqual([
      { name: 'Url', type: 'string' },
      { name: 'ExpirationDateTime', type: 'datetime' },
    ]);
  });
});

describe('an unknown table', () => {
  it('is an error naming it, the closest known tables, and where it is', () => {
    const e = thrown(() => session.translate('SigninLogs\n| union SigninLog'));
    expect(e.code).toBe('unknown-table');
    expect(e.message).toBe(
      'unknown table "SigninLog": did you mean SigninLogs? (line 2, column 9)',
    );
    expect(e.position).toEqual({ line: 2, column: 9, length: 9 });
  });

  it("suggests the analyst's own tables as well as the catalog's", () => {
    expect(thrown(() => session.translate('MyExprt_CL | take 1')).message).toMatch(
      /did you mean MyExport_CL\?/,
    );
  });

  it('says no more than it knows for a name like no table', () => {
    expect(thrown(() => session.translate('Zzqxv | take 1')).message).toBe(
      'unknown table "Zzqxv" (line 1, column 1)',
    );
  });

  it('in a rule, is reported at its line and column in the rule file', async () => {
    session.readRule(rule('AuditLog\n| where OperationName == "Add member to role"'), 'role.yaml');
    const e = await session.replay().then(
      () => undefined,
      (err: unknown) => err as LoupeError,
    );
    expect(e?.code).toBe('unknown-table');
    expect(e?.message).toMatch(/unknown table "AuditLog": did you mean AuditLogs\?/);
    expect(e?.position).toMatchObject({ file: 'role.yaml', line: 10, column: 3 });
  });
});

describe('the catalog through the session', () => {
  it('lists every table and searches tables and columns', () => {
    expect(session.catalogTableNames()).toContain('SecurityAlert');
    const r = session.searchCatalog('CompromisedEntity');
    expect(
      r.matches.some(
        (m) => m.table === 'SecurityAlert' && m.matchingColumns.includes('CompromisedEntity'),
      ),
    ).toBe(true);
  });
});
