/**
 * The batch strategy (one query counting every run's results) must give exactly the report of the
 * reference per-run strategy. Differential tests over a day of sign-ins with rules exercising
 * summarize (with and without by), joins, sort/take, ago() and overlapping windows.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import { installKqlRuntime } from '../../../src/kql/index.ts';
import { replay } from '../../../src/rules/replay.ts';
import type { ScheduledRule } from '../../../src/rules/rule.ts';
import { FixtureData, risky, signIn, type FixtureRow } from './fixture-data.ts';
import { yamlRule } from './helpers.ts';

let engine: SqlEngine;
let data: FixtureData;
const T = 'AADNonInteractiveUserSignInLogs';

beforeAll(async () => {
  engine = await createNodeEngine();
  installKqlRuntime(engine);
  data = new FixtureData(engine);
  // A day of sign-ins: 5 users, a few per hour, some failures, quiet hours between 03:00 and 06:00.
  const rows: FixtureRow[] = [];
  for (let h = 0; h < 24; h++) {
    if (h >= 3 && h < 6) continue;
    for (let m = 0; m < 60; m += 7 + (h % 5)) {
      const u = (h * 7 + m) % 5;
      rows.push(
        signIn(
          `2026-06-15 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`,
          `user${u}@x.com`,
          `10.0.${u}.${h % 3}`,
          { ResultType: (h + m) % 4 === 0 ? '50126' : '0' },
        ),
      );
    }
  }
  data.load(T, rows);
  data.load('AADRiskyUsers', [
    risky('2026-06-15 02:10:00', 'user1@x.com'),
    risky('2026-06-15 11:30:00', 'user3@x.com', 'medium'),
    risky('2026-06-15 11:40:00', 'user3@x.com', 'high', 'confirmedCompromised'),
  ]);
});
afterAll(() => engine.close());

const seed = yamlRule(
  readFileSync(
    new URL('../../fixtures/rules/risky-user-silent-signins.yaml', import.meta.url),
    'utf8',
  ),
  'seed.yaml',
);

function rule(
  query: string,
  trigger = 'gt',
  threshold = 0,
  schedule = 'queryFrequency: 1h\nqueryPeriod: 1h',
): ScheduledRule {
  const q = query
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return yamlRule(
    `id: t\nname: t\nseverity: Low\n${schedule}\ntriggerOperator: ${trigger}\ntriggerThreshold: ${threshold}\nquery: |\n${q}\nentityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: FullName\n        columnName: UserPrincipalName\n`,
  );
}

const cases: [string, ScheduledRule][] = [
  ['the seed rule', seed],
  [
    'summarize count() without by (one row on empty input)',
    rule(`${T}\n| where ResultType != "0"\n| summarize n = count()`, 'gt', 0),
  ],
  [
    'summarize by with a threshold on the count',
    rule(`${T}\n| summarize n = count() by UserPrincipalName\n| where n >= 2`, 'gt', 1),
  ],
  ['lt: a zero-row alert in the quiet hours', rule(`${T}\n| project UserPrincipalName`, 'lt', 1)],
  [
    'sort and take per run',
    rule(
      `${T}\n| where TimeGenerated > ago(30m)\n| order by TimeGenerated desc\n| take 2\n| project TimeGenerated, UserPrincipalName`,
      'eq',
      2,
    ),
  ],
  [
    'the default join (innerunique) against risky users',
    rule(
      `${T}\n| where ResultType == 0\n| join (AADRiskyUsers | project UserPrincipalName, RiskLevel) on UserPrincipalName\n| project UserPrincipalName, RiskLevel, IPAddress`,
      'gt',
      0,
      'queryFrequency: 1h\nqueryPeriod: 2h',
    ),
  ],
  [
    'overlapping 3h windows with a left outer join to risky users',
    rule(
      `${T}\n| summarize n = count() by UserPrincipalName\n| join kind=leftouter (AADRiskyUsers | project UserPrincipalName, RiskLevel) on UserPrincipalName`,
      'gt',
      4,
      'queryFrequency: 1h\nqueryPeriod: 3h',
    ),
  ],
];

describe('batch strategy = per-run strategy', () => {
  it.each(cases)('%s', async (_, r) => {
    const batch = await replay(data, r);
    const perRun = await replay(data, r, { strategy: 'per-run' });
    expect(perRun.execution?.strategy).toBe('per-run');
    // Everything but the execution note is identical.
    expect({ ...batch, execution: undefined }).toEqual({ ...perRun, execution: undefined });
    expect(batch.alerts.length).toBeGreaterThan(0);
    if (batch.execution?.strategy !== 'batch')
      throw new Error(`not batched: ${batch.execution?.fallbackReason}`);
    // One batch query for the day, then one query per triggered run (for its rows) only.
    const triggered = batch.runs.filter((x) => x.triggered).length;
    expect(batch.execution.queries).toBe(1 + triggered);
  });
});
