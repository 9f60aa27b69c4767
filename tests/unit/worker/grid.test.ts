import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { createSession } from '../../../src/session/session.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { exportRows, gridPage } from '../../../src/worker/grid/service.ts';
import type { GridQuery } from '../../../src/worker/grid/types.ts';
import Papa from 'papaparse';

/** A string as an SQL literal: quotes doubled, control characters as chr() calls. */
const sqlText = (s: string) =>
  s
    .split(/([\t\r\n])/)
    .filter((p) => p !== '')
    .map((p) => (/^[\t\r\n]$/.test(p) ? `chr(${p.charCodeAt(0)})` : `'${p.replaceAll("'", "''")}'`))
    .join(' || ');

/** Synthetic risky users written for Loupe (six rows, with a case-differing UPN): tests/fixtures/la-export-bec/. */
const RISKY_USERS = join(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'la-export-bec',
  'AADRiskyUsers.csv',
);
let engine: SqlEngine;
let session: LoupeSession;

beforeAll(async () => {
  engine = await createNodeEngine();
  session = await createSession(engine);
  await session.load({ name: 'AADRiskyUsers.csv', bytes: readFileSync(RISKY_USERS) });
});
afterAll(() => engine.close());

const q = (over: Partial<GridQuery>): GridQuery => ({
  source: { kind: 'table', name: 'AADRiskyUsers' },
  filters: [],
  sort: null,
  offset: 0,
  limit: 100,
  ...over,
});
const col = (
  page: { columns: readonly { name: string }[]; rows: readonly (readonly unknown[])[] },
  name: string,
) => page.rows.map((r) => r[page.columns.findIndex((c) => c.name === name)]);

describe('result grid queries (sorting, filtering and paging run in DuckDB)', () => {
  it('pages a table with the total of matching rows', async () => {
    const p = await gridPage(engine, session, q({ offset: 2, limit: 3 }));
    expect(p.total).toBe(6);
    expect(p.rows).toHaveLength(3);
    expect(p.offset).toBe(2);
  });

  it("counts only when asked (later pages reuse the first page's total)", async () => {
    expect((await gridPage(engine, session, q({ offset: 200, count: false }))).total).toBeNull();
  });

  it('sorts by a column, both ways', async () => {
    const asc = col(
      await gridPage(engine, session, q({ sort: { column: 'TimeGenerated', direction: 'asc' } })),
      'TimeGenerated',
    ) as string[];
    expect(asc).toEqual([...asc].sort());
    expect(asc[0]).toBe('2026-06-15T10:12:03.511Z');
    const desc = col(
      await gridPage(engine, session, q({ sort: { column: 'TimeGenerated', direction: 'desc' } })),
      'TimeGenerated',
    );
    expect(desc).toEqual([...asc].reverse());
  });

  it('filters text case-insensitively, and times by an inclusive UTC range', async () => {
    const p = await gridPage(
      engine,
      session,
      q({ filters: [{ kind: 'text', column: 'UserPrincipalName', contains: 'ISAACDUNHAM@' }] }),
    );
    // Both the victim and the case-differing trap row contain it, ignoring case.
    expect(p.total).toBe(col(p, 'UserPrincipalName').length);
    expect(new Set((col(p, 'UserPrincipalName') as string[]).map((u) => u.toLowerCase()))).toEqual(
      new Set(['isaacdunham@corp.local']),
    );
    const t = await gridPage(
      engine,
      session,
      q({
        filters: [
          {
            kind: 'time',
            column: 'TimeGenerated',
            from: Date.UTC(2026, 5, 15, 16),
            to: Date.UTC(2026, 5, 15, 17),
          },
        ],
      }),
    );
    for (const v of col(t, 'TimeGenerated') as string[])
      expect(v >= '2026-06-15T16:00:00.000Z' && v <= '2026-06-15T17:00:00.000Z').toBe(true);
    expect(t.total).toBeGreaterThan(0);
  });

  it('treats filter text as data: quotes cannot break out of the literal', async () => {
    const p = await gridPage(
      engine,
      session,
      q({
        filters: [
          {
            kind: 'text',
            column: 'RiskLevel',
            contains: `x') OR 1=1; DROP TABLE "AADRiskyUsers"; --`,
          },
        ],
      }),
    );
    expect(p.total).toBe(0);
    expect((await gridPage(engine, session, q({}))).total).toBe(6);
  });

  it('refuses a filter or sort on a column the result does not have', async () => {
    await expect(
      gridPage(engine, session, q({ sort: { column: 'Nope"; --', direction: 'asc' } })),
    ).rejects.toThrow(/no column/);
  });

  it('pages a sorted result from its materialised view exactly as ORDER BY … OFFSET would', async () => {
    const text = 'SELECT i, (i * 7919) % 1000 AS k FROM range(5000) t(i)';
    const source = { kind: 'sql', text } as const;
    for (const direction of ['asc', 'desc'] as const) {
      const page = await gridPage(
        engine,
        session,
        q({ source, sort: { column: 'k', direction }, offset: 2500, limit: 50 }),
      );
      const direct = engine
        .query(`SELECT k FROM (${text}) ORDER BY k ${direction} LIMIT 50 OFFSET 2500`)
        .rows.map((r) => Number(r[0]));
      expect(page.rows.map((r) => r[1])).toEqual(direct);
      expect(page.total).toBe(5000);
    }
    // A KQL query's own order is kept when the grid adds none.
    const k = await gridPage(
      engine,
      session,
      q({ source: { kind: 'kql', text: 'AADRiskyUsers | order by TimeGenerated asc' }, limit: 6 }),
    );
    const times = k.rows.map(
      (r) => r[k.columns.findIndex((c) => c.name === 'TimeGenerated')] as string,
    );
    expect(times).toEqual([...times].sort());
  });

  it('pages KQL and SQL results too', async () => {
    const k = await gridPage(
      engine,
      session,
      q({
        source: { kind: 'kql', text: 'AADRiskyUsers | summarize n = count() by RiskLevel' },
        sort: { column: 'n', direction: 'desc' },
      }),
    );
    expect(k.columns.map((c) => c.name)).toEqual(['RiskLevel', 'n']);
    expect((col(k, 'n') as number[]).reduce((a, b) => a + b, 0)).toBe(6);
    const s = await gridPage(
      engine,
      session,
      q({
        source: { kind: 'sql', text: 'SELECT 1 AS a UNION ALL SELECT 2;' },
        sort: { column: 'a', direction: 'desc' },
      }),
    );
    expect(s.rows).toEqual([[2], [1]]);
  });

  it('exports CSV with formula-leading cells escaped, and JSON with the chosen columns', async () => {
    const source = {
      kind: 'sql',
      text: `SELECT '=HYPERLINK("http://x")' AS a, 'plain' AS b`,
    } as const;
    const csv = await exportRows(engine, session, {
      source,
      filters: [],
      sort: null,
      format: 'csv',
    });
    expect(csv.split(/\r?\n/)[0]).toBe('a,b');
    // papaparse prefixes a quote so spreadsheets show the text instead of running it.
    expect(csv.split(/\r?\n/)[1]).toBe(`"'=HYPERLINK(""http://x"")",plain`);
    const json = JSON.parse(
      await exportRows(engine, session, {
        source,
        filters: [],
        sort: null,
        format: 'json',
        columns: ['b'],
      }),
    );
    expect(json).toEqual([{ b: 'plain' }]);
  });

  it("escapes a formula-leading cell that holds line breaks (papaparse's own pattern stops at the first line)", async () => {
    const leads = ['=', '+', '-', '@', '\t', '\r'];
    const cells = leads.map((c) => `${c}HYPERLINK("http://evil","click")\nsecond line\r\nthird`);
    const text = `SELECT ${cells.map((c, i) => `${sqlText(c)} AS c${i}`).join(', ')}, ${sqlText('safe\n=not leading')} AS tail`;
    const csv = await exportRows(engine, session, {
      source: { kind: 'sql', text },
      filters: [],
      sort: null,
      format: 'csv',
    });
    const [header, ...records] = Papa.parse<string[]>(csv, { header: false }).data;
    expect(header).toEqual([...leads.map((_, i) => `c${i}`), 'tail']);
    // Read back, every cell is the text prefixed with a quote: a spreadsheet shows it, never runs it.
    expect(records[0]).toEqual([...cells.map((c) => `'${c}`), 'safe\n=not leading']);
  });
});

describe('entity pivot', () => {
  it('finds the tables and columns holding a value, ignoring case, with first and last seen', async () => {
    const { pivot } = await import('../../../src/worker/pivot.ts');
    const hits = await pivot(engine, session, 'ISAACDUNHAM@CORP.LOCAL');
    const risky = hits.find((h) => h.table === 'AADRiskyUsers')!;
    // Five of the six synthetic rows are about the victim (one with a case-differing UPN).
    expect(risky.rows).toBe(5);
    expect(risky.columns).toEqual([{ name: 'UserPrincipalName', rows: 5 }]);
    expect(risky.first).toBe('2026-06-15T13:31:44.090Z');
    expect(risky.last! > risky.first!).toBe(true);
    // The SQL it hands to the grid selects exactly those rows.
    expect(engine.query(`SELECT count(*) FROM (${risky.sql})`).rows[0]![0]).toBe(5);
    expect(await pivot(engine, session, `x' OR '1'='1`)).toEqual([]);
  });
});

describe('timeline histogram', () => {
  it('counts a table per epoch-aligned bucket, empty buckets included', async () => {
    const { histogram, chooseStep } = await import('../../../src/worker/histogram.ts');
    expect(chooseStep(6.5 * 3_600_000, 120)).toBe(300_000); // 6.5 h in ~120 bars → 5 min
    const h = await histogram(engine, session, 'AADRiskyUsers', 10);
    expect(h.stepMs).toBe(3_600_000); // 10:12 → 16:44 in ~10 bars → 1 h
    expect(h.starts[0]).toBe(Date.UTC(2026, 5, 15, 10));
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(h.counts).toEqual([1, 0, 0, 1, 1, 1, 2]); // 10:12 | 13:31 | 14:05 | 15:58 | 16:21 16:44
  });
});
