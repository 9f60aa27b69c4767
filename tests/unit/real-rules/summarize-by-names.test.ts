/**
 * `summarize … by tostring(X)` / `by bin(startofday(X), 1d)` name their column `X`, as Kusto does.
 * Pinned because three Sentinel rules depend on it: BypassCondAccessRule summarizes twice by
 * `tostring(Browser)` (the second reads the `Browser` column the first produced),
 * PossibleSignInfromAzureBackdoor summarizes by `tostring(LocationDetails)`, and
 * AnomalousUserAppSigninLocationIncrease-detection runs make-series `on TimeGenerated` after
 * summarizing by `bin(startofday(TimeGenerated), 1d)`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';

let session: LoupeSession;
beforeAll(async () => {
  session = await createNodeSession();
}, 60_000);
afterAll(() => session?.close());

const SIGNINS = `datatable(TimeGenerated: datetime, Browser: dynamic, N: long)[
  datetime(2026-01-01 10:00), dynamic("Edge"), 1,
  datetime(2026-01-01 11:00), dynamic("Edge"), 2,
  datetime(2026-01-02 09:00), dynamic("Chrome"), 3]`;

describe('summarize by an unnamed expression that wraps a column', () => {
  it('BypassCondAccessRule: by tostring(Browser) is named Browser, and can be summarized by again', async () => {
    const r = await session.run(
      `${SIGNINS}
      | summarize Total = sum(N) by tostring(Browser)
      | summarize Rows = count(), Total = sum(Total) by tostring(Browser)
      | sort by Browser asc`,
      'kql',
    );
    expect(r.columns).toEqual([
      { name: 'Browser', type: 'string' },
      { name: 'Rows', type: 'long' },
      { name: 'Total', type: 'long' },
    ]);
    expect(r.rows).toEqual([
      ['Chrome', 1, 3],
      ['Edge', 1, 3],
    ]);
  });

  it('AnomalousUserAppSigninLocationIncrease: by bin(startofday(TimeGenerated), 1d) is named TimeGenerated', async () => {
    const r = await session.run(
      `${SIGNINS}
      | summarize Total = sum(N) by bin(startofday(TimeGenerated), 1d)
      | sort by TimeGenerated asc`,
      'kql',
    );
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([
      ['TimeGenerated', 'datetime'],
      ['Total', 'long'],
    ]);
    expect(r.rows.map((row) => row[1])).toEqual([3, 3]);
  });

  it('an expression that wraps no single column is named as Kusto names it (Column1)', () => {
    const t = session.translate(
      `${SIGNINS}\n| summarize count() by strcat(tostring(Browser), "x")`,
    );
    expect(t.columns.map((c) => c.name)).toEqual(['Column1', 'count_']);
  });
});
