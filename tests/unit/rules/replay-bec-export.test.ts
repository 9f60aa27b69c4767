/**
 * The seed rule and the real Sentinel rules over the real BEC lab export (la-export-bec, read from
 * ../shared: it may not be shipped) plus synthetic AADRiskyUsers written for Loupe
 * (tests/fixtures/la-export-bec/), loaded through ingest as the analyst would. The bundled demo
 * has its own tests (tests/unit/demo/).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import { listTables, loadFile, loadedTable } from '../../../src/ingest/index.ts';
import { installKqlRuntime } from '../../../src/kql/index.ts';
import type { ReplayData } from '../../../src/rules/api.ts';
import { replayLibrary } from '../../../src/rules/library.ts';
import { parseRuleFile } from '../../../src/rules/parse.ts';
import { replay } from '../../../src/rules/replay.ts';
import { knownTable } from '../../../src/schema/catalog.ts';
import { fixturePath, LA_EXPORT_BEC, missing } from '../../support/material.ts';

const rulesDir = new URL('../../fixtures/rules/', import.meta.url);
const noExport = missing(
  LA_EXPORT_BEC,
  'the seed rule and the Sentinel rules over the real BEC export (engine level)',
);
let engine: SqlEngine;
let data: ReplayData;

beforeAll(async () => {
  if (noExport) return;
  engine = await createNodeEngine();
  installKqlRuntime(engine);
  for (const f of ['AADNonInteractiveUserSignInLogs.csv', 'SigninLogs.csv', 'AuditLogs.csv'])
    await loadFile(engine, { name: f, bytes: LA_EXPORT_BEC.read(f) });
  await loadFile(engine, {
    name: 'AADRiskyUsers.csv',
    bytes: readFileSync(fixturePath('la-export-bec', 'AADRiskyUsers.csv')),
  });
  data = {
    engine,
    resolveTable: (n) => loadedTable(engine, n)?.schema ?? knownTable(n),
    loadedTables: () => listTables(engine).map((t) => t.name),
  };
});
afterAll(() => engine?.close());

describe.skipIf(noExport)('replay over the real BEC export', () => {
  it('the seed rule fires at 16:00 and 17:00 UTC, and the two alerts form one incident', async () => {
    const rule = parseRuleFile(
      readFileSync(new URL('risky-user-silent-signins.yaml', rulesDir), 'utf8'),
      'risky-user-silent-signins.yaml',
    );
    const report = await replay(data, rule);
    expect(report.runs.filter((r) => r.triggered).map((r) => r.at)).toEqual([
      '2026-06-15T16:00:00.000Z',
      '2026-06-15T17:00:00.000Z',
    ]);
    expect(report.alerts.map((a) => a.entities.find((e) => e.type === 'Account'))).toEqual([
      { type: 'Account', FullName: 'isaacdunham@corp.local' },
      { type: 'Account', FullName: 'isaacdunham@corp.local' },
    ]);
    // The 13:31 risky row "IsaacDunham@Corp.local" differs only in case: no alert in the 14:00 run.
    expect(report.runs.find((r) => r.at === '2026-06-15T14:00:00.000Z')!.triggered).toBe(false);
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0]!.alertIds).toEqual(['alert-1', 'alert-2']);
  });

  it('every shared Sentinel rule either replays or fails at reading/translation with a position, never in the replay itself', async () => {
    const dir = new URL('sentinel/', rulesDir);
    const files = readdirSync(dir).map((name) => ({
      name,
      text: readFileSync(new URL(name, dir), 'utf8'),
    }));
    const lib = await replayLibrary(data, files);
    expect(lib.totals.rules).toBe(files.length);
    for (const r of lib.results) {
      if (r.status === 'error') {
        expect([r.file, r.stage]).toEqual([r.file, expect.stringMatching(/^(rule|kql)$/)]);
        expect(r.position.line).toBeGreaterThan(0);
      }
    }
  });
});

describe.skipIf(noExport)('batch strategy on real rules', () => {
  it('hourly Sentinel rules give the same runs with the batch strategy as run by run', async () => {
    const dir = new URL('sentinel/', rulesDir);
    let compared = 0;
    for (const name of [
      'MFARejectedbyUser.yaml',
      'PossibleSignInfromAzureBackdoor.yaml',
      'AzureAADPowerShellAnomaly.yaml',
    ]) {
      const rule = parseRuleFile(readFileSync(new URL(name, dir), 'utf8'), name);
      let batch;
      try {
        batch = await replay(data, rule);
      } catch {
        continue; // not translatable yet: the library test covers how it fails
      }
      const perRun = await replay(data, rule, { strategy: 'per-run' });
      expect({ ...batch, execution: undefined }, name).toEqual({ ...perRun, execution: undefined });
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});
