/**
 * Rules whose output columns depend on the data (`evaluate bag_unpack`, `evaluate pivot` without
 * an output schema, as AccountElevatedtoNewRole and
 * Useraccountcreatedwithoutexpectedattributesdefined use them): the replay translates once, so the
 * columns are the union over every run's rows (rules/discovery.ts), whichever strategy runs them.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/rules/replay.ts';
import { yamlRule } from './helpers.ts';
import { useFixtureData } from './use-fixture-data.ts';

const data = useFixtureData();

function rule(query: string) {
  const q = query
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return yamlRule(
    `id: r\nname: R\ndescription: D\nseverity: Low\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: |\n${q}\n`,
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
