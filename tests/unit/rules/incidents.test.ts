import { describe, expect, it } from 'vitest';
import { groupIncidents, matchingKey, type GroupableAlert } from '../../../src/rules/incidents.ts';
import type { IncidentConfiguration, MatchingMethod } from '../../../src/rules/rule.ts';
import { HOUR, T0 } from './helpers.ts';

function config(
  enabled: boolean,
  matchingMethod: MatchingMethod = 'AnyAlert',
  extra: Partial<IncidentConfiguration['groupingConfiguration']> = {},
  createIncident = true,
): IncidentConfiguration {
  return {
    createIncident,
    groupingConfiguration: {
      enabled,
      reopenClosedIncident: false,
      lookbackDuration: { ms: 5 * HOUR, text: 'PT5H' },
      matchingMethod,
      groupByEntities: [],
      groupByAlertDetails: [],
      groupByCustomDetails: [],
      ...extra,
    },
  };
}

function alert(
  n: number,
  hoursAfterT0: number,
  upn = 'a@x.com',
  extra: Partial<GroupableAlert> = {},
): GroupableAlert {
  return {
    id: `alert-${n}`,
    at: T0 + hoursAfterT0 * HOUR,
    displayName: `Alert ${n}`,
    description: `Description ${n}`,
    severity: n === 1 ? 'Medium' : 'High',
    entities: [{ type: 'Account', FullName: upn }],
    customDetails: {},
    ...extra,
  };
}

describe('incident grouping', () => {
  it("AnyAlert: an alert joins while within lookbackDuration of the incident's FIRST alert, not the last", () => {
    // Hourly alerts for 7 hours with a 5 h lookback: alerts at 0..5 h join incident 1, 6 h opens incident 2.
    const alerts = [0, 1, 2, 3, 4, 5, 6].map((h, i) => alert(i + 1, h));
    const incidents = groupIncidents(alerts, config(true));
    expect(incidents.map((i) => i.alertIds)).toEqual([
      ['alert-1', 'alert-2', 'alert-3', 'alert-4', 'alert-5', 'alert-6'],
      ['alert-7'],
    ]);
  });

  it("the incident keeps its first alert's title, description and severity (no escalation)", () => {
    const [inc] = groupIncidents([alert(1, 0), alert(2, 1)], config(true));
    expect(inc).toMatchObject({
      title: 'Alert 1',
      description: 'Description 1',
      severity: 'Medium',
      matchingMethod: 'AnyAlert',
      matchingKey: null,
    });
  });

  it('grouping disabled: one incident per alert', () => {
    expect(
      groupIncidents([alert(1, 0), alert(2, 0)], config(false)).map((i) => i.alertIds),
    ).toEqual([['alert-1'], ['alert-2']]);
  });

  it('createIncident false: alerts only, no incidents', () => {
    expect(groupIncidents([alert(1, 0)], config(true, 'AnyAlert', {}, false))).toEqual([]);
  });

  it('AllEntities: alerts join only an incident with the identical entity set', () => {
    const incidents = groupIncidents(
      [alert(1, 0, 'a@x.com'), alert(2, 1, 'b@x.com'), alert(3, 2, 'a@x.com')],
      config(true, 'AllEntities'),
    );
    expect(incidents.map((i) => i.alertIds)).toEqual([['alert-1', 'alert-3'], ['alert-2']]);
    expect(incidents[0]!.matchingKey).toBe('Account(FullName=a@x.com)');
  });

  it('AllEntities compares exactly by default; the case-insensitive option merges UPNs differing in case', () => {
    const alerts = [alert(1, 0, 'Alice@x.com'), alert(2, 1, 'alice@x.com')];
    expect(groupIncidents(alerts, config(true, 'AllEntities'))).toHaveLength(2);
    expect(
      groupIncidents(alerts, config(true, 'AllEntities'), { caseInsensitiveEntities: true }),
    ).toHaveLength(1);
  });

  it('AllEntities: alerts without entities match each other', () => {
    const incidents = groupIncidents(
      [alert(1, 0, 'x', { entities: [] }), alert(2, 1, 'x', { entities: [] })],
      config(true, 'AllEntities'),
    );
    expect(incidents).toHaveLength(1);
  });

  it('Selected: only the chosen entity types, alert details and custom details are compared', () => {
    const ipA = { type: 'IP', Address: '1.1.1.1' };
    const ipB = { type: 'IP', Address: '2.2.2.2' };
    const alerts = [
      alert(1, 0, 'a@x.com', {
        entities: [{ type: 'Account', FullName: 'a@x.com' }, ipA],
        customDetails: { Risk: ['high'] },
      }),
      alert(2, 1, 'a@x.com', {
        entities: [{ type: 'Account', FullName: 'a@x.com' }, ipB],
        customDetails: { Risk: ['high'] },
      }),
      alert(3, 2, 'a@x.com', {
        entities: [{ type: 'Account', FullName: 'a@x.com' }, ipA],
        customDetails: { Risk: ['low'] },
      }),
    ];
    const byAccount = groupIncidents(
      alerts,
      config(true, 'Selected', { groupByEntities: ['Account'] }),
    );
    expect(byAccount.map((i) => i.alertIds)).toEqual([['alert-1', 'alert-2', 'alert-3']]);
    const byAccountAndRisk = groupIncidents(
      alerts,
      config(true, 'Selected', { groupByEntities: ['Account'], groupByCustomDetails: ['Risk'] }),
    );
    expect(byAccountAndRisk.map((i) => i.alertIds)).toEqual([['alert-1', 'alert-2'], ['alert-3']]);
    const bySeverity = groupIncidents(
      alerts,
      config(true, 'Selected', { groupByAlertDetails: ['Severity'] }),
    );
    expect(bySeverity.map((i) => i.alertIds)).toEqual([['alert-1'], ['alert-2', 'alert-3']]);
    expect(
      matchingKey(
        alerts[0]!,
        config(true, 'Selected', { groupByEntities: ['IP'], groupByCustomDetails: ['Risk'] }),
      ),
    ).toBe('IP: [IP(Address=1.1.1.1)]; Risk: ["high"]');
  });

  it('an incident holds at most 150 alerts; the next opens a new incident with the same details', () => {
    const alerts = Array.from({ length: 160 }, (_, i) =>
      alert(i + 1, 0, 'a@x.com', { displayName: `Alert ${i + 1}` }),
    );
    const incidents = groupIncidents(alerts, config(true));
    expect(incidents.map((i) => i.alertIds.length)).toEqual([150, 10]);
    expect(incidents[1]!.title).toBe('Alert 1');
  });
});
