/**
 * An hourly real rule raising alerts run after run, checked against an independent count.
 * AzureAADPowerShellAnomaly.yaml (every 1h over 1h) flags successful Azure AD PowerShell sign-ins
 * to resources other than Azure AD and Microsoft Graph. The la-export-bec non-interactive export has
 * none, so the test re-labels two of its apps as PowerShell (their AppIds appear nowhere else in the
 * file: 63 of 302 sign-ins) and counts, with papaparse and the rule's conditions written out here,
 * the rows each window [E − 1h, E] holds. The batched replay (LATERAL over all runs) and the
 * per-run replay must both give those counts.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../src/rules/api.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';
import { readRuleText, readSample, samplesMissing } from './shared-material.ts';

const RULE = 'AzureAADPowerShellAnomaly.yaml';
const POWERSHELL = '1b730954-1685-4b74-9bfd-dac224a7b894';
const RELABELLED = ['9199bf20-a13f-4107-85dc-02114787ef48', 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe'];
const HOUR = 3_600_000;

/** "6/15/2026, 3:54:38.131 PM" (the portal's UTC format) → epoch ms. */
function portalTime(s: string): number {
  const m = /^(\d+)\/(\d+)\/(\d{4}), (\d+):(\d\d):(\d\d)(?:\.(\d+))? (AM|PM)$/.exec(s);
  if (!m) throw new Error(`not a portal time: ${s}`);
  const h = (Number(m[4]) % 12) + (m[8] === 'PM' ? 12 : 0);
  return Date.UTC(
    Number(m[3]),
    Number(m[1]) - 1,
    Number(m[2]),
    h,
    Number(m[5]),
    Number(m[6]),
    Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  );
}

let csv: string;
let session: LoupeSession;
let batched: ReplayReport;
let perRun: ReplayReport;

describe.skipIf(samplesMissing(`${RULE} over re-labelled la-export-bec sign-ins`))(
  `${RULE}: hourly runs over re-labelled PowerShell sign-ins`,
  () => {
    beforeAll(async () => {
      csv = new TextDecoder().decode(readSample('AADNonInteractiveUserSignInLogs.csv'));
      for (const id of RELABELLED) csv = csv.replaceAll(id, POWERSHELL);
      session = await createNodeSession();
      await session.load({
        name: 'AADNonInteractiveUserSignInLogs.csv',
        bytes: new TextEncoder().encode(csv),
      });
      session.readRule(readRuleText(RULE), RULE);
      batched = await session.replay();
      perRun = await session.replay({ strategy: 'per-run' });
    }, 120_000);
    afterAll(() => session?.close());

    it('each run counts the PowerShell sign-ins of its hour, as read independently from the CSV', () => {
      const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: true,
      }).data;
      expect(rows.filter((r) => r.AppId === POWERSHELL)).toHaveLength(63);
      // The rule's conditions: PowerShell, issued by Azure AD, not Azure AD Graph / Microsoft Graph, success.
      const hits = rows
        .filter(
          (r) =>
            r.AppId!.toLowerCase() === POWERSHELL &&
            r.TokenIssuerType!.toLowerCase() === 'azuread' &&
            ![
              '00000002-0000-0000-c000-000000000000',
              '00000003-0000-0000-c000-000000000000',
            ].includes(r.ResourceIdentity!) &&
            (JSON.parse(r.Status!) as { errorCode: number }).errorCode === 0,
        )
        .map((r) => portalTime(r['TimeGenerated [UTC]']!));
      const times = rows.map((r) => portalTime(r['TimeGenerated [UTC]']!));
      const first = Math.ceil(Math.min(...times) / HOUR) * HOUR;
      const last = Math.ceil(Math.max(...times) / HOUR) * HOUR;
      const expected: [string, number][] = [];
      for (let at = first; at <= last; at += HOUR)
        expected.push([
          new Date(at).toISOString(),
          hits.filter((t) => t >= at - HOUR && t <= at).length,
        ]);
      expect(expected.some(([, n]) => n > 0)).toBe(true);
      expect(batched.runs.map((r) => [r.at, r.resultCount])).toEqual(expected);
    });

    it('the batched replay (one query for all runs) and the per-run replay agree run by run', () => {
      expect(batched.execution?.strategy).toBe('batch');
      expect(perRun.execution?.strategy).toBe('per-run');
      expect(batched.runs).toEqual(perRun.runs);
      expect(batched.alerts.map((a) => [a.runAt, a.rows.length])).toEqual(
        perRun.alerts.map((a) => [a.runAt, a.rows.length]),
      );
    });

    it('every run with rows raises one alert (SingleAlert) carrying them, with the user as Account entity (Name, UPNSuffix, AadUserId)', () => {
      const fired = batched.runs.filter((r) => r.resultCount > 0);
      expect(batched.alerts.map((a) => [a.runAt, a.rows.length])).toEqual(
        fired.map((r) => [r.at, r.resultCount]),
      );
      const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: true,
      }).data;
      const userIds = [...new Set(rows.filter((r) => r.AppId === POWERSHELL).map((r) => r.UserId))];
      expect(userIds).toHaveLength(1);
      for (const a of batched.alerts) {
        expect(a.entities.filter((e) => e.type === 'Account')).toEqual([
          { type: 'Account', Name: 'isaacdunham', UPNSuffix: 'corp.local', AadUserId: userIds[0] },
        ]);
      }
    });
  },
);
