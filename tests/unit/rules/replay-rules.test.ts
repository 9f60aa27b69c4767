/**
 * Replay behaviours beyond the seed rule, each pinned with a small rule over SQL-built sign-ins:
 * window bounds, trigger operators and zero-row alerts, AlertPerResult and the 150 cap,
 * suppression, --first-run, NRT, bare KQL, incident matching, and KQL errors at their place.
 */
import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import { parseRuleFile } from '../../../src/rules/parse.ts';
import { replay } from '../../../src/rules/replay.ts';
import { signIn } from './fixture-data.ts';
import { useFixtureData } from './use-fixture-data.ts';
import { yamlRule } from './helpers.ts';

const data = useFixtureData();

const T = 'AADNonInteractiveUserSignInLogs';

/** A rule over the sign-ins table; `fields` are extra YAML lines. */
function rule(query: string, fields = '', schedule = 'queryFrequency: 1h\nqueryPeriod: 1h\n') {
  const q = query
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return yamlRule(
    `id: test-rule\nname: Test rule\ndescription: Test description\nseverity: Low\n${schedule}query: |\n${q}\n${fields}`,
  );
}

const hhmm = (iso: string) => iso.slice(11, 16);

describe('windows', () => {
  it('window bounds are inclusive: an event exactly on a tick is seen by the run ending there and the next one', async () => {
    data.load(T, [signIn('2026-06-15 09:00:00', 'a@x.com')]);
    const report = await replay(
      data,
      rule(
        `${T}\n| project TimeGenerated, UserPrincipalName`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
      ),
      { to: Date.UTC(2026, 5, 15, 10) },
    );
    expect(report.runs.map((r) => [hhmm(r.at), r.resultCount])).toEqual([
      ['09:00', 1],
      ['10:00', 1],
    ]);
  });

  it('overlapping windows (period > frequency) see the same event again: Sentinel does not de-duplicate', async () => {
    data.load(T, [signIn('2026-06-15 09:30:00', 'a@x.com')]);
    const report = await replay(
      data,
      rule(
        `${T}\n| project TimeGenerated`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
        'queryFrequency: 1h\nqueryPeriod: 3h\n',
      ),
      {
        to: Date.UTC(2026, 5, 15, 13),
      },
    );
    expect(report.runs.map((r) => [hhmm(r.at), r.resultCount])).toEqual([
      ['10:00', 1],
      ['11:00', 1],
      ['12:00', 1],
      ['13:00', 0],
    ]);
  });

  it('a filter wider than queryPeriod (ago(14d) with a 1h period) still sees only the window', async () => {
    data.load(T, [
      signIn('2026-06-15 07:30:00', 'a@x.com'),
      signIn('2026-06-15 09:30:00', 'b@x.com'),
    ]);
    const report = await replay(
      data,
      rule(
        `${T}\n| where TimeGenerated > ago(14d)\n| project UserPrincipalName`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
      ),
    );
    expect(report.runs.map((r) => [hhmm(r.at), r.resultCount])).toEqual([
      ['08:00', 1],
      ['09:00', 0],
      ['10:00', 1],
    ]);
  });

  it('StartTime/EndTime are the first and last TimeGenerated of the alert rows', async () => {
    data.load(T, [
      signIn('2026-06-15 09:40:00', 'a@x.com'),
      signIn('2026-06-15 09:10:00', 'b@x.com'),
    ]);
    const report = await replay(
      data,
      rule(
        `${T}\n| project TimeGenerated, UserPrincipalName`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
      ),
    );
    expect(report.alerts[0]).toMatchObject({
      startTime: '2026-06-15T09:10:00.000Z',
      endTime: '2026-06-15T09:40:00.000Z',
    });
  });
});

describe('trigger operators', () => {
  it('lt 1 raises a zero-row alert with no events in a run whose window is empty', async () => {
    data.load(T, [
      signIn('2026-06-15 09:10:00', 'a@x.com'),
      signIn('2026-06-15 11:10:00', 'a@x.com'),
    ]);
    const report = await replay(
      data,
      rule(`${T}\n| project UserPrincipalName`, 'triggerOperator: lt\ntriggerThreshold: 1\n'),
    );
    expect(report.runs.map((r) => [hhmm(r.at), r.resultCount, r.triggered])).toEqual([
      ['10:00', 1, false],
      ['11:00', 0, true],
      ['12:00', 1, false],
    ]);
    expect(report.alerts).toEqual([
      expect.objectContaining({
        runAt: '2026-06-15T11:00:00.000Z',
        rows: [],
        entities: [],
        startTime: '2026-06-15T10:00:00.000Z',
        endTime: '2026-06-15T11:00:00.000Z',
        displayName: 'Test rule',
      }),
    ]);
    expect(report.alerts[0]!.reason).toMatch(/^0 results < 1 \(LessThan\); SingleAlert: no events/);
  });

  it('summarize count() without by returns one row on empty input, so gt 0 fires on every run (KQL trap)', async () => {
    data.load(T, [
      signIn('2026-06-15 09:10:00', 'a@x.com'),
      signIn('2026-06-15 10:10:00', 'a@x.com'),
    ]);
    const report = await replay(
      data,
      rule(
        `${T}\n| where UserPrincipalName == "nobody@x.com"\n| summarize count()`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
      ),
    );
    expect(report.runs.map((r) => [r.resultCount, r.triggered])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(report.alerts[0]!.rows).toEqual([{ count_: 0 }]);
  });

  it('eq and ne compare the row count exactly', async () => {
    data.load(T, [
      signIn('2026-06-15 09:10:00', 'a@x.com'),
      signIn('2026-06-15 09:20:00', 'b@x.com'),
      signIn('2026-06-15 10:10:00', 'a@x.com'),
    ]);
    const q = `${T}\n| project UserPrincipalName`;
    expect(
      (await replay(data, rule(q, 'triggerOperator: eq\ntriggerThreshold: 2\n'))).runs.map(
        (r) => r.triggered,
      ),
    ).toEqual([true, false]);
    expect(
      (await replay(data, rule(q, 'triggerOperator: ne\ntriggerThreshold: 2\n'))).runs.map(
        (r) => r.triggered,
      ),
    ).toEqual([false, true]);
  });
});

describe('event grouping in a replay', () => {
  const perResult =
    'triggerOperator: gt\ntriggerThreshold: 0\neventGroupingSettings:\n  aggregationKind: AlertPerResult\nentityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: FullName\n        columnName: UserPrincipalName\nalertDetailsOverride:\n  alertDisplayNameFormat: "Sign-in by {{UserPrincipalName}}"\n';

  it('AlertPerResult: one alert per row, in output order, each with its row, entity and name', async () => {
    data.load(T, [
      signIn('2026-06-15 09:10:00', 'a@x.com'),
      signIn('2026-06-15 09:20:00', 'b@x.com'),
    ]);
    const report = await replay(
      data,
      rule(
        `${T}\n| project TimeGenerated, UserPrincipalName\n| order by TimeGenerated asc`,
        perResult,
      ),
    );
    expect(
      report.alerts.map((a) => [
        a.displayName,
        a.entities,
        a.rows.length,
        a.startTime,
        a.eventGrouping,
      ]),
    ).toEqual([
      [
        'Sign-in by a@x.com',
        [{ type: 'Account', FullName: 'a@x.com' }],
        1,
        '2026-06-15T09:10:00.000Z',
        'AlertPerResult',
      ],
      [
        'Sign-in by b@x.com',
        [{ type: 'Account', FullName: 'b@x.com' }],
        1,
        '2026-06-15T09:20:00.000Z',
        'AlertPerResult',
      ],
    ]);
    expect(report.runs[0]!.alertIds).toEqual(['alert-1', 'alert-2']);
    // Grouping off (no incidentConfiguration): one incident per alert.
    expect(report.incidents.map((i) => [i.title, i.alertIds, i.matchingMethod])).toEqual([
      ['Sign-in by a@x.com', ['alert-1'], 'None'],
      ['Sign-in by b@x.com', ['alert-2'], 'None'],
    ]);
  });

  it('AlertPerResult with 151 rows in a run: 149 single-row alerts and a 150th carrying all 151', async () => {
    data.load(
      T,
      Array.from({ length: 151 }, (_, i) =>
        signIn(
          `2026-06-15 09:${String(1 + Math.floor(i / 3)).padStart(2, '0')}:${String((i % 3) * 10).padStart(2, '0')}`,
          `u${i}@x.com`,
        ),
      ),
    );
    const report = await replay(
      data,
      rule(
        `${T}\n| project TimeGenerated, UserPrincipalName\n| order by TimeGenerated asc`,
        perResult,
      ),
    );
    expect(report.alerts).toHaveLength(150);
    expect(report.alerts[0]!.displayName).toBe('Sign-in by u0@x.com');
    expect(report.alerts[148]!.displayName).toBe('Sign-in by u148@x.com');
    const last = report.alerts[149]!;
    expect(last.rows).toHaveLength(151);
    expect(last.entities).toHaveLength(151);
    expect(last.reason).toMatch(/all 151 rows/);
  });
});

describe('suppression, first run, NRT', () => {
  it('suppressionEnabled skips the runs within suppressionDuration after an alert', async () => {
    data.load(
      T,
      [9, 10, 11, 12, 13].map((h) => signIn(`2026-06-15 ${h}:10:00`, 'a@x.com')),
    );
    const report = await replay(
      data,
      rule(
        `${T}\n| project UserPrincipalName`,
        'triggerOperator: gt\ntriggerThreshold: 0\nsuppressionEnabled: true\nsuppressionDuration: 2h\n',
      ),
    );
    expect(report.runs.map((r) => [hhmm(r.at), r.triggered, r.suppressed ?? false])).toEqual([
      ['10:00', true, false],
      ['11:00', false, true],
      ['12:00', true, false],
      ['13:00', false, true],
      ['14:00', true, false],
    ]);
  });

  it("--first-run puts the runs on a workspace's real schedule", async () => {
    data.load(T, [
      signIn('2026-06-15 09:10:00', 'a@x.com'),
      signIn('2026-06-15 09:30:00', 'b@x.com'),
    ]);
    const report = await replay(
      data,
      rule(`${T}\n| project UserPrincipalName`, 'triggerOperator: gt\ntriggerThreshold: 0\n'),
      { firstRun: Date.UTC(2026, 5, 15, 8, 17) },
    );
    expect(report.runs.map((r) => [hhmm(r.at), r.resultCount])).toEqual([
      ['09:17', 1],
      ['10:17', 1],
    ]);
  });

  it('NRT rules run every minute over the last minute', async () => {
    data.load(T, [
      signIn('2026-06-15 09:00:30', 'a@x.com'),
      signIn('2026-06-15 09:02:10', 'b@x.com'),
    ]);
    const nrt = yamlRule(
      `id: nrt\nname: NRT rule\nkind: NRT\nseverity: High\nquery: |\n  ${T}\n  | project UserPrincipalName\ntriggerOperator: gt\ntriggerThreshold: 0\n`,
    );
    const report = await replay(data, nrt);
    expect(report.rule).toMatchObject({
      kind: 'NRT',
      queryFrequency: 'PT1M',
      queryPeriod: 'PT1M',
      note: expect.stringMatching(/every minute over the last minute/),
    });
    expect(report.runs.map((r) => [r.at.slice(11, 19), r.resultCount])).toEqual([
      ['09:01:00', 1],
      ['09:02:00', 0],
      ['09:03:00', 1],
    ]);
  });
});

describe('incident matching in a replay', () => {
  const grouping = (method: string) =>
    `triggerOperator: gt\ntriggerThreshold: 0\nentityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: FullName\n        columnName: UserPrincipalName\nincidentConfiguration:\n  createIncident: true\n  groupingConfiguration:\n    enabled: true\n    lookbackDuration: 5h\n    matchingMethod: ${method}\n`;

  it('AllEntities groups alerts of the same user; UPNs differing in case stay apart unless case-insensitive', async () => {
    data.load(T, [
      signIn('2026-06-15 09:10:00', 'Alice@x.com'),
      signIn('2026-06-15 10:10:00', 'bob@x.com'),
      signIn('2026-06-15 11:10:00', 'alice@x.com'),
    ]);
    const r = rule(`${T}\n| project UserPrincipalName`, grouping('AllEntities'));
    expect((await replay(data, r)).incidents.map((i) => [i.alertIds, i.matchingKey])).toEqual([
      [['alert-1'], 'Account(FullName=Alice@x.com)'],
      [['alert-2'], 'Account(FullName=bob@x.com)'],
      [['alert-3'], 'Account(FullName=alice@x.com)'],
    ]);
    expect(
      (await replay(data, r, { caseInsensitiveEntities: true })).incidents.map((i) => i.alertIds),
    ).toEqual([['alert-1', 'alert-3'], ['alert-2']]);
  });

  it('createIncident false: alerts without incidents', async () => {
    data.load(T, [signIn('2026-06-15 09:10:00', 'a@x.com')]);
    const report = await replay(
      data,
      rule(
        `${T}\n| project UserPrincipalName`,
        'triggerOperator: gt\ntriggerThreshold: 0\nincidentConfiguration:\n  createIncident: false\n',
      ),
    );
    expect(report.alerts).toHaveLength(1);
    expect(report.incidents).toEqual([]);
  });
});

describe('bare KQL and errors', () => {
  it('bare KQL runs once at the latest TimeGenerated loaded, with no window and no alerts', async () => {
    data.load(T, [
      signIn('2026-06-15 07:10:00', 'a@x.com'),
      signIn('2026-06-15 09:10:00', 'b@x.com'),
      signIn('2026-06-15 09:45:00', 'c@x.com'),
    ]);
    const q = parseRuleFile(
      `${T}\n| where TimeGenerated > ago(1h) and TimeGenerated <= now()\n| project UserPrincipalName\n| order by UserPrincipalName asc`,
      'q.kql',
    );
    const report = await replay(data, q);
    expect(report.rule.kind).toBe('KQL');
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]).toMatchObject({
      at: '2026-06-15T09:45:00.000Z',
      resultCount: 2,
      triggered: false,
      rows: [{ UserPrincipalName: 'b@x.com' }, { UserPrincipalName: 'c@x.com' }],
    });
    expect(report.alerts).toEqual([]);
    const at7 = await replay(data, q, { at: Date.UTC(2026, 5, 15, 7, 30) });
    expect(at7.runs[0]!.rows).toEqual([{ UserPrincipalName: 'a@x.com' }]);
  });

  it('a KQL error in a rule is reported at its line and column in the rule file', async () => {
    data.load(T, [signIn('2026-06-15 09:10:00', 'a@x.com')]);
    const r = rule(`${T}\n| where NoSuchColumn == 1`, 'triggerOperator: gt\ntriggerThreshold: 0\n');
    let error: unknown;
    try {
      await replay(data, r);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoupeError);
    const e = error as LoupeError;
    expect(e.stage).toBe('kql');
    // Query line 2 is file line 9 (the block's content starts on line 8), indented by 2:
    // "  | where NoSuchColumn" puts the column name at column 11.
    expect(e.position).toMatchObject({ file: 'rule.yaml', line: 9, column: 11 });
  });
});

describe('rule checked against its query', () => {
  it("flags mapped columns the query does not output, at the mapping's line", async () => {
    data.load(T, [signIn('2026-06-15 09:10:00', 'a@x.com')]);
    const r = rule(
      `${T}\n| project UserPrincipalName`,
      'triggerOperator: gt\ntriggerThreshold: 0\nentityMappings:\n  - entityType: IP\n    fieldMappings:\n      - identifier: Address\n        columnName: IPAddress\ncustomDetails:\n  Who: UserPrincipalName\n',
    );
    const report = await replay(data, r);
    expect(report.warnings).toEqual([
      `rule.yaml:16:21: IP Address reads column "IPAddress", which the query does not output (Sentinel would refuse the rule; the value is always empty here)`,
    ]);
    expect(report.alerts[0]!.entities).toEqual([]);
  });

  it('flags ResultType == 0 (a string column compared with a number) at its place in the rule file', async () => {
    data.load(T, [signIn('2026-06-15 09:10:00', 'a@x.com')]);
    const report = await replay(
      data,
      rule(
        `${T}\n| where ResultType == 0\n| project UserPrincipalName`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
      ),
    );
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^rule\.yaml:9:11: ResultType is a string column compared with the number 0: replayed as a comparison with "0"/,
      ),
    ]);
    // …and it does match the successful sign-in.
    expect(report.alerts).toHaveLength(1);
  });

  it("flags a hunting template's {{placeholder}} string, which nothing fills in, at its place", async () => {
    // As Azure-Sentinel's SpikeInFailedSignInAttempts.yaml reads todatetime('{{StartTimeISO}}').
    data.load(T, [signIn('2026-06-15 09:10:00', 'a@x.com')]);
    const report = await replay(
      data,
      rule(
        `let starttime = todatetime('{{StartTimeISO}}');\n${T}\n| where isnull(starttime) and UserPrincipalName != "{{ not a name }}"`,
        'triggerOperator: gt\ntriggerThreshold: 0\n',
      ),
    );
    expect(report.warnings).toEqual([
      "rule.yaml:8:30: the string '{{StartTimeISO}}' is a placeholder of a hunting query or notebook template, which Sentinel fills in there but not in analytics rules: it is read as that text (todatetime() of it is null)",
    ]);
    // The placeholder stays text, so starttime is null, as in Sentinel.
    expect(report.alerts).toHaveLength(1);
  });
});
