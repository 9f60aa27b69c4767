/**
 * Cancelling a replay (the analyst's Cancel, issue 7): it stops with an AbortError between runs or
 * inside a query, never as a rule error or a fallback; the loaded tables are as they were; the
 * next replay gives the report an uncancelled replay gives. Progress counts runs up to the total.
 * Cancels are triggered from the replay's own progress (after run k), so nothing here depends on
 * how fast the machine is.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplayProgress, ReplayReport } from '../../../src/rules/api.ts';
import { replayLibrary } from '../../../src/rules/library.ts';
import { replay } from '../../../src/rules/replay.ts';
import { risky, signIn, type FixtureRow } from './fixture-data.ts';
import { yamlRule } from './helpers.ts';
import { useFixtureData } from './use-fixture-data.ts';

const data = useFixtureData();
const T = 'AADNonInteractiveUserSignInLogs';

/** Eight days of hourly sign-ins (192 hourly runs: more than one batch query's 168); user1 risky twice. */
beforeEach(() => {
  const rows: FixtureRow[] = [];
  for (let h = 0; h < 8 * 24; h++) {
    const at = new Date(Date.UTC(2026, 5, 10) + h * 3_600_000 + 600_000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    rows.push(signIn(at, `user${h % 3}@x.com`));
  }
  data.load(T, rows);
  data.load('AADRiskyUsers', [
    risky('2026-06-12 04:05:00', 'user1@x.com'),
    risky('2026-06-14 01:05:00', 'user1@x.com'),
  ]);
});

const RULE_YAML = `id: many-runs
name: Silent sign-ins of risky users
severity: Medium
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
  ${T}
  | join kind=inner (AADRiskyUsers | project UserPrincipalName, RiskLevel) on UserPrincipalName
  | project TimeGenerated, UserPrincipalName, RiskLevel
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: UserPrincipalName
`;
const rule = yamlRule(RULE_YAML);

function tablesNow(): readonly (readonly unknown[])[] {
  return data.engine.query(
    `SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name`,
  ).rows;
}

/** Replays, aborting once `when` says so from a progress report; returns what the replay threw. */
async function cancelledReplay(
  strategy: 'auto' | 'per-run',
  when: (p: ReplayProgress) => boolean,
): Promise<unknown> {
  const abort = new AbortController();
  try {
    await replay(data, rule, {
      strategy,
      signal: abort.signal,
      onProgress: (p) => (when(p) ? abort.abort() : undefined),
    });
  } catch (e) {
    return e;
  }
  throw new Error('the replay was not cancelled');
}

describe('cancelling a replay', () => {
  it('reports progress run by run up to the total (per run), and per batch query (batch)', async () => {
    const runByRun = Array.from({ length: 193 }, (_, i) => `run ${i}`);
    const perRun: ReplayProgress[] = [];
    const report = await replay(data, rule, {
      strategy: 'per-run',
      onProgress: (p) => perRun.push(p),
    });
    expect(report.runs).toHaveLength(192);
    expect(perRun.map((p) => `${p.step} ${p.runsDone}`)).toEqual(runByRun);
    expect(new Set(perRun.map((p) => p.runsTotal))).toEqual(new Set([192]));

    const batched: ReplayProgress[] = [];
    expect(
      (await replay(data, rule, { onProgress: (p) => batched.push(p) })).execution?.strategy,
    ).toBe('batch');
    // Counted by the first batch query (168 runs) and the second (the other 24), then walked run by run.
    expect(batched.map((p) => `${p.step} ${p.runsDone}`)).toEqual([
      'run 0',
      'count 0',
      'count 168',
      'count 192',
      ...runByRun.slice(1),
    ]);
  });

  it('stops between runs with an AbortError; tables are unchanged and the next replay equals an uncancelled one', async () => {
    const reference = await replay(data, rule, { strategy: 'per-run' });
    expect(reference.alerts.map((a) => a.runAt)).toEqual([
      '2026-06-12T05:00:00.000Z',
      '2026-06-14T02:00:00.000Z',
    ]);
    const before = tablesNow();

    const error = await cancelledReplay('per-run', (p) => p.runsDone === 40);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(tablesNow()).toEqual(before);
    expect(data.engine.query(`SELECT count(*) FROM "${T}"`).rows).toEqual([[192]]);

    const again: ReplayReport = await replay(data, rule, { strategy: 'per-run' });
    expect(again).toEqual(reference);
  });

  it('a cancel during the batch count stops the replay', async () => {
    const reference = await replay(data, rule);
    expect(reference.execution?.strategy).toBe('batch');
    const before = tablesNow();
    const error = await cancelledReplay('auto', (p) => p.step === 'count' && p.runsDone === 168);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(tablesNow()).toEqual(before);
    expect(await replay(data, rule)).toEqual(reference);
  });

  it('drops the tables it created empty for the rule when cancelled', async () => {
    const readsAudit = yamlRule(
      RULE_YAML.replace(`  ${T}\n`, `  ${T}\n  | union (AuditLogs | project TimeGenerated)\n`),
    );
    expect(data.tableExists('AuditLogs')).toBe(false);
    const abort = new AbortController();
    const run = replay(data, readsAudit, {
      strategy: 'per-run',
      signal: abort.signal,
      onProgress: (p) => (p.runsDone === 5 ? abort.abort() : undefined),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(data.tableExists('AuditLogs')).toBe(false);
  });

  it('a library replay stops at the cancel (no rule is reported as failed), with progress naming the rule', async () => {
    const file = { name: 'rules.yaml', text: RULE_YAML };
    const other = {
      name: 'other.yaml',
      text: RULE_YAML.replace('id: many-runs', 'id: other').replace(
        'name: Silent',
        'name: Other silent',
      ),
    };
    const seen: ReplayProgress[] = [];
    const abort = new AbortController();
    const run = replayLibrary(data, [file, other], {
      strategy: 'per-run',
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.rule?.index === 2 && p.runsDone === 10) abort.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen[0]).toEqual({
      step: 'run',
      runsDone: 0,
      runsTotal: 192,
      rule: { index: 1, total: 2, name: 'Silent sign-ins of risky users' },
    });
    expect(seen.at(-1)).toEqual({
      step: 'run',
      runsDone: 10,
      runsTotal: 192,
      rule: { index: 2, total: 2, name: 'Other silent sign-ins of risky users' },
    });
    const full = await replayLibrary(data, [file, other]);
    expect(full.totals).toMatchObject({ rules: 2, ran: 2, failed: 0 });
  });

  it('a signal aborted before the replay starts stops it before any query', async () => {
    const abort = new AbortController();
    abort.abort();
    const progress: ReplayProgress[] = [];
    await expect(
      replay(data, rule, { signal: abort.signal, onProgress: (p) => progress.push(p) }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([]);
  });
});
