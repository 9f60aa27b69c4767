import { describe, expect, it } from 'vitest';
import { buildAlerts, groupRows } from '../../../src/rules/alerts.ts';
import type { ScheduledRun } from '../../../src/rules/schedule.ts';
import { HOUR, T0, ruleWith } from './helpers.ts';

const run: ScheduledRun = { at: T0 + HOUR, windowStart: T0, windowEnd: T0 + HOUR };
const seedOverride = `alertDetailsOverride:
  alertDisplayNameFormat: "Risky User Silent Auth - {{UserPrincipalName}} ({{RiskLevel}} risk)"
  alertDescriptionFormat: "User {{UserPrincipalName}} performed {{SilentCount}} sign-ins"
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: UserPrincipalName
customDetails:
  RiskLevel: RiskLevel
`;

function alertsOf(
  extra: string,
  rows: Record<string, unknown>[],
  columns = Object.keys(rows[0] ?? {}),
) {
  return buildAlerts({ rule: ruleWith(extra), run, rows, columns, trigger: 'test' });
}

describe('alert details override', () => {
  it('fills {{Column}} placeholders from the first result row (SingleAlert)', () => {
    const [a, ...more] = alertsOf(seedOverride, [
      { UserPrincipalName: 'a@x.com', RiskLevel: 'high', SilentCount: 12 },
      { UserPrincipalName: 'b@x.com', RiskLevel: 'medium', SilentCount: 3 },
    ]);
    expect(more).toEqual([]);
    expect(a!.displayName).toBe('Risky User Silent Auth - a@x.com (high risk)');
    expect(a!.description).toBe('User a@x.com performed 12 sign-ins');
    expect(a!.notes!.some((n) => n.includes('{{UserPrincipalName}} differs across'))).toBe(true);
  });

  it('an empty placeholder value reverts the WHOLE display name to the rule name (not just the placeholder)', () => {
    const [a] = alertsOf(seedOverride, [
      { UserPrincipalName: 'a@x.com', RiskLevel: '', SilentCount: 12 },
    ]);
    expect(a!.displayName).toBe('Rule name');
    expect(a!.description).toBe('User a@x.com performed 12 sign-ins');
  });

  it('a placeholder naming a column missing from the output reverts the field to the rule default', () => {
    const [a] = alertsOf(seedOverride, [{ UserPrincipalName: 'a@x.com', RiskLevel: 'high' }]);
    expect(a!.description).toBe('Rule description');
  });

  it('severity and tactics columns override the rule, an invalid value keeps the rule default', () => {
    const extra =
      'alertDetailsOverride:\n  alertSeverityColumnName: Sev\n  alertTacticsColumnName: Tac\n';
    const [good] = alertsOf(extra, [{ Sev: 'high', Tac: 'InitialAccess, CredentialAccess' }]);
    expect(good!.severity).toBe('High');
    expect(good!.tactics).toEqual(['InitialAccess', 'CredentialAccess']);
    const [bad] = alertsOf(extra, [{ Sev: 'urgent', Tac: ['NotATactic'] }]);
    expect(bad!.severity).toBe('Medium');
    expect(bad!.tactics).toEqual(['Persistence']);
  });

  it('alertDynamicProperties are filled from the first row', () => {
    const extra =
      'alertDetailsOverride:\n  alertDynamicProperties:\n    - alertProperty: AlertLink\n      value: Link\n    - alertProperty: ProductName\n      value: Missing\n';
    const [a] = alertsOf(extra, [{ Link: 'https://example.test/a' }]);
    expect(a!.dynamicProperties).toEqual({ AlertLink: 'https://example.test/a' });
  });
});

describe('alert times', () => {
  it('StartTime/EndTime are the earliest and latest TimeGenerated of the rows', () => {
    const [a] = alertsOf('', [
      { TimeGenerated: '2026-01-10T00:40:00.000Z' },
      { TimeGenerated: '2026-01-10T00:10:00.000Z' },
      { TimeGenerated: '2026-01-10T00:20:00.000Z' },
    ]);
    expect([a!.startTime, a!.endTime]).toEqual([
      '2026-01-10T00:10:00.000Z',
      '2026-01-10T00:40:00.000Z',
    ]);
  });

  it('without a TimeGenerated output column (after summarize), they are the query window', () => {
    const [a] = alertsOf('', [{ LastActivity: '2026-01-10T00:40:00.000Z' }]);
    expect([a!.startTime, a!.endTime]).toEqual([
      '2026-01-10T00:00:00.000Z',
      '2026-01-10T01:00:00.000Z',
    ]);
  });
});

describe('event grouping', () => {
  it('SingleAlert: one alert with every row, entities from all rows', () => {
    const alerts = alertsOf(seedOverride, [
      { UserPrincipalName: 'a@x.com', RiskLevel: 'high' },
      { UserPrincipalName: 'b@x.com', RiskLevel: 'high' },
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.rows).toHaveLength(2);
    expect(alerts[0]!.entities).toEqual([
      { type: 'Account', FullName: 'a@x.com' },
      { type: 'Account', FullName: 'b@x.com' },
    ]);
    expect(alerts[0]!.customDetails).toEqual({ RiskLevel: ['high'] });
    expect(alerts[0]!.eventGrouping).toBe('SingleAlert');
  });

  it('AlertPerResult: one alert per row, each with its own entities and details', () => {
    const alerts = alertsOf(
      `${seedOverride}eventGroupingSettings:\n  aggregationKind: AlertPerResult\n`,
      [
        { UserPrincipalName: 'a@x.com', RiskLevel: 'high', SilentCount: 1 },
        { UserPrincipalName: 'b@x.com', RiskLevel: 'medium', SilentCount: 2 },
      ],
    );
    expect(alerts.map((a) => a.displayName)).toEqual([
      'Risky User Silent Auth - a@x.com (high risk)',
      'Risky User Silent Auth - b@x.com (medium risk)',
    ]);
    expect(alerts[1]!.entities).toEqual([{ type: 'Account', FullName: 'b@x.com' }]);
    expect(alerts[1]!.customDetails).toEqual({ RiskLevel: ['medium'] });
  });

  it('AlertPerResult with more than 150 rows: 149 single-row alerts, then one alert with all rows', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ n: i }));
    const groups = groupRows(rows, 'AlertPerResult');
    expect(groups).toHaveLength(150);
    expect(groups.slice(0, 149).every((g, i) => g.rows.length === 1 && g.rows[0]!['n'] === i)).toBe(
      true,
    );
    expect(groups[149]!.rows).toHaveLength(200);
  });

  it('AlertPerResult with exactly 150 rows gives 150 single-row alerts', () => {
    const groups = groupRows(
      Array.from({ length: 150 }, (_, i) => ({ n: i })),
      'AlertPerResult',
    );
    expect(groups.map((g) => g.rows.length)).toEqual(new Array(150).fill(1));
  });

  it('a run that triggers with zero rows raises one alert with no events, rule defaults and the window as times', () => {
    const alerts = alertsOf(seedOverride, [], []);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      displayName: 'Rule name',
      entities: [],
      customDetails: {},
      rows: [],
      startTime: '2026-01-10T00:00:00.000Z',
      endTime: '2026-01-10T01:00:00.000Z',
    });
  });
});
