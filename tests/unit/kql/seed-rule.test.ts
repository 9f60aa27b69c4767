/**
 * The seed rule's query (Non-Interactive Sign-Ins by Identity Protection Risky Users), translated
 * from the YAML as published and run over a small fixture with the catalog's real table schemas.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { knownTable } from '../../../src/schema/catalog.ts';
import { createHarness, type KqlHarness } from './harness.ts';

const rule = parse(
  readFileSync(
    new URL('../../fixtures/rules/risky-user-silent-signins.yaml', import.meta.url),
    'utf8',
  ),
) as { query: string };

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  const risky = knownTable('AADRiskyUsers')!;
  const signins = knownTable('AADNonInteractiveUserSignInLogs')!;
  // Only the columns the query reads get values; the rest are NULL (strings read as "").
  const insert = (schema: typeof risky, rows: Record<string, string>[]) => {
    h.table(
      schema.name,
      schema.columns,
      rows.map((r) => schema.columns.map((c) => r[c.name] ?? 'NULL').join(', ')),
    );
  };
  insert(risky, [
    {
      UserPrincipalName: "'alice@contoso.com'",
      RiskLevel: "'high'",
      RiskState: "'atRisk'",
      RiskDetail: "'none'",
    },
    {
      UserPrincipalName: "'bob@contoso.com'",
      RiskLevel: "'low'",
      RiskState: "'atRisk'",
      RiskDetail: "'none'",
    }, // low risk: out
    {
      UserPrincipalName: "'carol@contoso.com'",
      RiskLevel: "'medium'",
      RiskState: "'remediated'",
      RiskDetail: "'x'",
    }, // remediated: out
    {
      UserPrincipalName: "'dave@contoso.com'",
      RiskLevel: "'High'",
      RiskState: "'atRisk'",
      RiskDetail: "'none'",
    }, // "High" ≠ "high": out
    {
      UserPrincipalName: "'erin@contoso.com'",
      RiskLevel: "'medium'",
      RiskState: "'confirmedCompromised'",
      RiskDetail: "'adminConfirmedUserCompromised'",
    },
  ]);
  const s = (upn: string, min: number, ip: string, loc: string, app: string, result = '0') => ({
    UserPrincipalName: `'${upn}'`,
    TimeGenerated: `TIMESTAMP '2026-03-01 09:${String(min).padStart(2, '0')}:00'`,
    IPAddress: `'${ip}'`,
    Location: `'${loc}'`,
    AppDisplayName: `'${app}'`,
    ResultType: `'${result}'`,
  });
  insert(signins, [
    s('alice@contoso.com', 10, '203.0.113.5', 'NL', 'Office'),
    s('alice@contoso.com', 20, '203.0.113.5', 'NL', 'Teams'),
    s('alice@contoso.com', 30, '198.51.100.7', 'US', 'Office'),
    s('alice@contoso.com', 40, '198.51.100.9', 'US', 'Office', '50126'), // failed: not counted
    {
      ...s('alice@contoso.com', 0, '192.0.2.1', 'FR', 'Old'),
      TimeGenerated: "TIMESTAMP '2026-03-01 08:30:00'",
    }, // older than 1h
    s('ALICE@contoso.com', 15, '192.0.2.2', 'DE', 'Office'), // another UPN spelling: its own group, no risky match
    s('bob@contoso.com', 12, '192.0.2.3', 'NL', 'Office'),
    s('erin@contoso.com', 50, '192.0.2.4', 'GB', 'Outlook'),
  ]);
  h.setNow('2026-03-01T10:00:00Z');
});
afterAll(() => h.engine.close());

describe('seed rule: risky users with silent sign-ins', () => {
  it('translates with one step per operator and the expected output schema', () => {
    const t = h.translate(rule.query);
    expect(t.tables).toEqual(['AADNonInteractiveUserSignInLogs', 'AADRiskyUsers']);
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'UserPrincipalName:string',
      'RiskLevel:string',
      'RiskState:string',
      'RiskDetail:string',
      'SilentCount:long',
      'Countries:dynamic',
      'IPAddress:string',
      'Apps:dynamic',
      'LastActivity:datetime',
    ]);
    expect(t.ordered).toBe(true);
    expect(t.steps.map((s) => s.kql.split(/\s/)[0])).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'where',
      'where',
      'summarize',
      'AADRiskyUsers',
      'where',
      'where',
      'project',
      'join',
      'extend',
      'project',
      'order',
    ]);
  });

  it('returns the risky users with successful sign-ins in the last hour, most active first', () => {
    const rows = h.run(rule.query);
    const sortSet = (r: Record<string, unknown>) => ({
      ...r,
      Countries: [...(r.Countries as string[])].sort(),
      Apps: [...(r.Apps as string[])].sort(),
    });
    expect(rows.map(sortSet)).toEqual([
      {
        UserPrincipalName: 'alice@contoso.com',
        RiskLevel: 'high',
        RiskState: 'atRisk',
        RiskDetail: 'none',
        SilentCount: 3,
        Countries: ['NL', 'US'],
        IPAddress: expect.stringMatching(/^(203\.0\.113\.5|198\.51\.100\.7)$/),
        Apps: ['Office', 'Teams'],
        LastActivity: '2026-03-01T09:30:00.000Z',
      },
      {
        UserPrincipalName: 'erin@contoso.com',
        RiskLevel: 'medium',
        RiskState: 'confirmedCompromised',
        RiskDetail: 'adminConfirmedUserCompromised',
        SilentCount: 1,
        Countries: ['GB'],
        IPAddress: '192.0.2.4',
        Apps: ['Outlook'],
        LastActivity: '2026-03-01T09:50:00.000Z',
      },
    ]);
  });

  it('follows the run time: an hour later, nothing is recent enough', () => {
    h.setNow('2026-03-01T11:00:00Z');
    expect(h.run(rule.query)).toEqual([]);
    h.setNow('2026-03-01T10:00:00Z');
  });
});
