/**
 * Rules whose output columns depend on the data (`evaluate bag_unpack`, `evaluate pivot` without
 * an output schema, as AccountElevatedtoNewRole and
 * Useraccountcreatedwithoutexpectedattributesdefined use them): the replay translates once, so the
 * columns are the union over every run's rows (rules/discovery.ts), whichever strategy runs them.
 */
import { describe, expect, it, vi } from 'vitest';
import { replay } from '../../../src/rules/replay.ts';
import { yamlRule } from './helpers.ts';
import { useFixtureData } from './use-fixture-data.ts';

const data = useFixtureData();

function rule(query: string, every = '1h') {
  const q = query
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return yamlRule(
    `id: r\nname: R\ndescription: D\nseverity: Low\nqueryFrequency: ${every}\nqueryPeriod: ${every}\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: |\n${q}\n`,
  );
}

const audit = (time: string, id: string, details: unknown) => ({
  TimeGenerated: time,
  Id: id,
  AdditionalDetails: JSON.stringify(details),
});

describe('data-dependent output columns in a replay', () => {
  it('bag_unpack: every run has the columns of all runs; a run without a property holds null or ""', async () => {
    data.load('AuditLogs', [
      audit('2026-06-15 09:30:00', 'a', { n: 1 }),
      audit('2026-06-15 10:30:00', 'b', { s: 'x' }),
    ]);
    for (const [option, strategy] of [
      ['per-run', 'per-run'],
      ['auto', 'batch'],
    ] as const) {
      const report = await replay(
        data,
        rule(
          'AuditLogs\n| project Id, AdditionalDetails\n| evaluate bag_unpack(AdditionalDetails)',
        ),
        { strategy: option },
      );
      expect(report.alerts.map((a) => a.rows)).toEqual([
        [{ Id: 'a', n: 1, s: '' }],
        [{ Id: 'b', n: null, s: 'x' }],
      ]);
      // The batch translation (counts for every run in one query) answers from the same discovery.
      expect(report.execution?.strategy).toBe(strategy);
    }
  });

  it('the AccountElevatedtoNewRole pattern: AdditionalDetails key/value pairs pivoted into columns, ipaddr read with column_ifexists', async () => {
    data.load('AuditLogs', [
      audit('2026-06-15 09:30:00', 'a', [
        { key: 'ipaddr', value: '10.0.0.1' },
        { key: 'User-Agent', value: 'x' },
      ]),
      audit('2026-06-15 10:30:00', 'b', [{ key: 'ipaddr', value: '10.0.0.2' }]),
    ]);
    const report = await replay(
      data,
      rule(`AuditLogs
| project Id, AdditionalDetails
| mv-expand bagexpansion=array AdditionalDetails
| evaluate bag_unpack(AdditionalDetails)
| evaluate pivot(key, make_set(value))
| extend ipaddr = todynamic(column_ifexists("ipaddr", ""))
| mv-expand ipaddr
| project Id, InitiatingIPAddress = tostring(ipaddr)`),
    );
    expect(report.alerts.map((a) => a.rows)).toEqual([
      [{ Id: 'a', InitiatingIPAddress: '10.0.0.1' }],
      [{ Id: 'b', InitiatingIPAddress: '10.0.0.2' }],
    ]);
  });

  it('AccountElevatedtoNewRole over data without a matching row: bag_unpack finds no rows, pivot(key) is empty with a warning, the rightouter join still runs', async () => {
    data.load('AuditLogs', [
      audit('2026-06-15 09:30:00', 'a', [{ key: 'ipaddr', value: '10.0.0.1' }]),
    ]);
    const report = await replay(
      data,
      rule(`let recent = AuditLogs | where Id == "none";
recent
| project Id, AdditionalDetails
| mv-expand bagexpansion=array AdditionalDetails
| evaluate bag_unpack(AdditionalDetails)
| evaluate pivot(key, make_set(value))
| extend ipaddr = todynamic(column_ifexists("ipaddr", ""))
| project Id, InitiatingIPAddress = tostring(ipaddr)
| join kind=rightouter recent on Id`),
    );
    expect(report.runs.length).toBeGreaterThan(0);
    expect(report.runs.every((r) => r.resultCount === 0)).toBe(true);
    expect(report.warnings).toContainEqual(
      expect.stringContaining(
        'pivot(): bag_unpack() found no rows, so there is no column "key", "value"',
      ),
    );
  });

  it('a bag_unpack over rows whose bags are null still makes no key column: pivot(key) stays an error there', async () => {
    data.load('AuditLogs', [
      { TimeGenerated: '2026-06-15 09:30:00', Id: 'a', AdditionalDetails: null },
    ]);
    await expect(
      replay(
        data,
        rule(`AuditLogs
| project Id, AdditionalDetails
| evaluate bag_unpack(AdditionalDetails)
| evaluate pivot(key, make_set(value))`),
      ),
    ).rejects.toThrow('pivot(): the input has no column "key"');
  });

  it('many runs: the question is counted over all runs in batch queries and asked only of the runs with rows, with the same answer', async () => {
    data.load('AuditLogs', [
      audit('2026-06-15 00:02:00', 'a', { n: 1 }),
      audit('2026-06-15 09:31:00', 'b', { s: 'x' }),
      audit('2026-06-15 23:58:00', 'c', { n: 3 }),
    ]);
    const query =
      'AuditLogs\n| project Id, AdditionalDetails\n| evaluate bag_unpack(AdditionalDetails)';
    const asked = vi.spyOn(data.engine, 'query');
    try {
      // Every 5 minutes over the day: 288 runs, three with a row.
      const report = await replay(data, rule(query, '5m'), { strategy: 'per-run' });
      expect(report.runs.length).toBeGreaterThanOrEqual(288);
      expect(report.alerts.map((a) => a.rows)).toEqual([
        [{ Id: 'a', n: 1, s: '' }],
        [{ Id: 'b', n: null, s: 'x' }],
        [{ Id: 'c', n: 3, s: '' }],
      ]);
      const questions = asked.mock.calls
        .map(([sql]) => sql)
        .filter((sql) => sql.includes('kql_bag_slot_types'));
      const perRun = questions.filter((sql) => !sql.includes('loupe_run'));
      const counting = questions.filter((sql) => sql.includes('GROUP BY 1'));
      // Asked run by run only where a row is (was: once per run, 288 times).
      expect(perRun).toHaveLength(3);
      expect(counting).toHaveLength(Math.ceil(report.runs.length / 168));
    } finally {
      asked.mockRestore();
    }
  });

  it('a table the rule reads but the analyst did not load is created empty for the question and dropped after', async () => {
    data.load('AuditLogs', [audit('2026-06-15 09:30:00', 'a', { n: 1 })]);
    const report = await replay(
      data,
      rule(
        'AuditLogs\n| project Id, AdditionalDetails\n| union (AADRiskyUsers | project Id, AdditionalDetails = dynamic({"r": 1}))\n| evaluate bag_unpack(AdditionalDetails)',
      ),
    );
    expect(report.emptyTables).toEqual(['AADRiskyUsers']);
    expect(report.alerts.flatMap((a) => a.rows)).toEqual([{ Id: 'a', n: 1 }]);
    expect(data.tableExists('AADRiskyUsers')).toBe(false);
  });
});
