/**
 * Ingest in the browser (issue 5): exported logs loaded through the app's file input in Chromium,
 * read by the engine worker — the portal CSV export, Microsoft Graph JSON (sign-ins, and a
 * risky-users snapshot without TimeGenerated), a .gz file, bad files whose message names the file
 * and line while the tables already loaded stay listed, and a CSV of several MB read in place
 * through DuckDB-WASM's file-reader protocol. The page requests nothing beyond its own origin.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { foreignRequests } from './support/chromium.ts';
import { useHostedApp } from './support/hosted.ts';
import { ROOT } from './support/site.ts';
import { demoCsv, freshApp, loadLogs, waitForEngineReady, waitForFiles } from './support/flow.ts';
import { useWorkDir } from './support/work-dir.ts';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'ingest');
/** A portal export of AADNonInteractiveUserSignInLogs (320 records of the demo tenant), kept gzipped. */
const portalExport = () =>
  gunzipSync(readFileSync(join(FIXTURES, 'AADNonInteractiveUserSignInLogs.csv.gz'))).toString(
    'utf8',
  );

/** A time as Loupe shows it: "2026-06-15 09:56:49.975 UTC" (no fraction when it is zero). */
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$/, 'Z')
    .replace('Z', ' UTC');

/** "6/15/2026, 3:54:38.131 PM" (the portal's UTC form) → epoch ms. */
function portalTime(s: string): number {
  const m = /^(\d+)\/(\d+)\/(\d{4}), (\d+):(\d\d):(\d\d)\.(\d{3}) (AM|PM)$/.exec(s);
  if (!m) throw new Error(`not a portal time: ${s}`);
  const h = (Number(m[4]) % 12) + (m[8] === 'PM' ? 12 : 0);
  return Date.UTC(
    Number(m[3]),
    Number(m[1]) - 1,
    Number(m[2]),
    h,
    Number(m[5]),
    Number(m[6]),
    Number(m[7]),
  );
}

/** What the Tables list must show for a portal CSV, read independently: records, first and last TimeGenerated. */
function portalFacts(name: string, csv: string): TableRow {
  const times = Papa.parse<Record<string, string>>(csv, {
    header: true,
    skipEmptyLines: true,
  }).data.map((r) => portalTime(r['TimeGenerated [UTC]']!));
  return {
    name,
    rows: times.length.toLocaleString('en-US'),
    first: utc(Math.min(...times)),
    last: utc(Math.max(...times)),
  };
}

const app = useHostedApp();
/** Files made by the tests (a gzip, bad files, a large CSV), with the names the analyst would see. */
const work = useWorkDir('loupe-ingest-browser-');

interface TableRow {
  readonly name: string;
  readonly rows: string;
  readonly first: string;
  readonly last: string;
}

/** The Tables list as shown: name, row count, first and last TimeGenerated (or the snapshot note). */
async function tableList(page: Page): Promise<TableRow[]> {
  const rows = await page
    .getByRole('table', { name: 'Tables' })
    .locator('tbody > tr:has(th[scope="row"])')
    .all();
  const out: TableRow[] = [];
  for (const r of rows) {
    const cells = (await r.locator('td').allInnerTexts()).map((c) => c.trim());
    // A snapshot's two time cells are one cell spanning both.
    const snapshot = cells[2]!.startsWith('no TimeGenerated');
    out.push({
      name: (await r.locator('th').innerText()).trim(),
      rows: cells[0]!,
      first: cells[2]!,
      last: snapshot ? cells[2]! : cells[3]!,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The file list entry of one file: its state text and, when it failed, the message shown. */
async function fileEntry(page: Page, name: string): Promise<{ state: string; problem: string }> {
  const li = page
    .getByRole('list', { name: 'Files' })
    .locator('li')
    .filter({ has: page.locator('.name', { hasText: name }) });
  const state = (await li.locator('.state').innerText()).trim();
  const problem = (await li.getByRole('alert').count())
    ? (await li.getByRole('alert').innerText()).trim()
    : '';
  return { state, problem };
}

describe('ingest through the file input (hosted build)', () => {
  it('loads the portal CSV, Graph sign-ins and risky users, and a gzip; bad files are refused with file and line, the rest stays', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);

    // (c) A gzip of the portal export of AuditLogs, made here (the analyst's .csv.gz).
    const audit = demoCsv('AuditLogs').text;
    const auditGz = work.write('AuditLogs.csv.gz', gzipSync(audit));
    const nonInteractive = portalExport();
    await loadLogs(page, [
      work.write('AADNonInteractiveUserSignInLogs.csv', nonInteractive),
      join(FIXTURES, 'graph-signIns-pages.json'),
      join(FIXTURES, 'graph-riskyUsers.json'),
      auditGz,
    ]);
    await waitForEngineReady(page, 60_000);
    await waitForFiles(page, 120_000);

    for (const f of [
      'AADNonInteractiveUserSignInLogs.csv',
      'graph-signIns-pages.json',
      'graph-riskyUsers.json',
      'AuditLogs.csv.gz',
    ]) {
      expect({ f, ...(await fileEntry(page, f)) }).toMatchObject({ f, problem: '' });
    }
    // Graph: sign-ins in two pages (TimeGenerated taken from createdDateTime, 7 digits cut to the
    // millisecond), and a risky-users snapshot with no TimeGenerated invented for it.
    const pages = readFileSync(join(FIXTURES, 'graph-signIns-pages.json'), 'utf8')
      .split(/\n(?=\{)/)
      .flatMap((p) => JSON.parse(p).value as { createdDateTime: string }[]);
    const created = pages.map((x) =>
      Date.parse(x.createdDateTime.replace(/(\.\d{3})\d*Z$/, '$1Z')),
    );
    const riskyUsers = JSON.parse(readFileSync(join(FIXTURES, 'graph-riskyUsers.json'), 'utf8'))
      .value.length;
    const loaded = await tableList(page);
    expect(loaded).toEqual([
      portalFacts('AADNonInteractiveUserSignInLogs', nonInteractive),
      {
        name: 'AADRiskyUsers',
        rows: String(riskyUsers),
        first: expect.stringMatching(/^no TimeGenerated/),
        last: expect.stringMatching(/^no TimeGenerated/),
      },
      // AuditLogs.csv inflated in the worker.
      portalFacts('AuditLogs', audit),
      {
        name: 'SigninLogs',
        rows: String(pages.length),
        first: utc(Math.min(...created)),
        last: utc(Math.max(...created)),
      },
    ]);
    expect(loaded[0]!.rows).toBe('320');
    expect((await fileEntry(page, 'AuditLogs.csv.gz')).state).toBe(
      `loaded into AuditLogs (${portalFacts('AuditLogs', audit).rows} rows)`,
    );

    // (d) Bad files: a CSV with a ragged row at line 3, and a truncated gzip.
    const ragged = work.write(
      'AADUserRiskEvents_broken.csv',
      'TimeGenerated [UTC],UserPrincipalName,RiskLevel\n"6/15/2026, 9:56:49.975 AM",a@corp.local,high\n"6/15/2026, 9:57:49.975 AM",b@corp.local,low,extra\n',
    );
    const fullGz = gzipSync(readFileSync(join(FIXTURES, 'graph-riskDetections.json')));
    const truncated = work.write('riskDetections.json.gz', fullGz.subarray(0, fullGz.length >> 1));
    await loadLogs(page, [ragged, truncated]);
    await waitForFiles(page, 60_000);

    const raggedEntry = await fileEntry(page, 'AADUserRiskEvents_broken.csv');
    expect(raggedEntry.state).toBe('could not be loaded');
    // The file and the place once, then what is wrong (the message itself no longer repeats the file).
    expect(raggedEntry.problem).toContain('AADUserRiskEvents_broken.csv (line 3, column 1): ');
    expect(raggedEntry.problem).toContain('this row has 4 fields; expected 3');
    const gzEntry = await fileEntry(page, 'riskDetections.json.gz');
    expect(gzEntry.state).toBe('could not be loaded');
    expect(gzEntry.problem).toMatch(
      /^riskDetections\.json\.gz is a damaged or truncated gzip file/,
    );

    // Nothing loaded before was lost or altered.
    expect(await tableList(page)).toEqual(loaded);
    expect(app.browser.errors).toEqual([]);
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);
  }, 240_000);

  it('reads a CSV of several MB in place (file-reader protocol) with every row', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    // A portal-style export generated here: JSON text cells, quoted portal datetimes, one row a second.
    const rows = 40_000;
    const start = Date.UTC(2026, 5, 15, 0, 0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    const portal = (ms: number) => {
      const d = new Date(ms);
      const h = d.getUTCHours();
      return `"6/15/2026, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')} ${h < 12 ? 'AM' : 'PM'}"`;
    };
    const lines = [
      'TimeGenerated [UTC],UserPrincipalName,IPAddress,LocationDetails,ResultType,Type',
    ];
    for (let i = 0; i < rows; i++) {
      const loc = JSON.stringify({
        city: `City ${i % 97}`,
        countryOrRegion: i % 2 ? 'US' : 'NG',
      }).replaceAll('"', '""');
      lines.push(
        `${portal(start + i * 1000 + (i % 1000))},user${i % 500}@corp.example,203.0.${(i >> 8) & 255}.${i & 255},"${loc}",${i % 23 ? 0 : 50126},AADNonInteractiveUserSignInLogs`,
      );
    }
    const path = work.write(
      'AADNonInteractiveUserSignInLogs_large.csv',
      lines.join('\r\n') + '\r\n',
    );
    expect(statSync(path).size).toBeGreaterThan(5_000_000);

    // Reading in place means DuckDB pulls the File's bytes through FileReaderSync (the
    // BROWSER_FILEREADER protocol's reads) as its scan needs them; the copying fallback reads the
    // whole File with Blob.arrayBuffer() and never calls FileReaderSync. Both are counted inside
    // the engine worker. (DuckDB's CSV reader asks for buffers of up to 32 MB, so a file this size
    // comes through in one FileReaderSync read straight into the wasm heap.)
    await waitForEngineReady(page, 60_000);
    const worker = page.workers().find((w) => w.url().includes('engine.worker'));
    expect(
      worker,
      `engine worker among ${page
        .workers()
        .map((w) => w.url())
        .join(', ')}`,
    ).toBeDefined();
    await worker!.evaluate(() => {
      const reads = { fileReader: 0, fileReaderCalls: 0, largestArrayBuffer: 0 };
      (globalThis as unknown as { loupeTestReads: typeof reads }).loupeTestReads = reads;
      const readSync = FileReaderSync.prototype.readAsArrayBuffer;
      FileReaderSync.prototype.readAsArrayBuffer = function (this: FileReaderSync, blob: Blob) {
        reads.fileReaderCalls++;
        reads.fileReader += blob.size;
        return readSync.call(this, blob);
      };
      const arrayBuffer = Blob.prototype.arrayBuffer;
      Blob.prototype.arrayBuffer = function (this: Blob) {
        reads.largestArrayBuffer = Math.max(reads.largestArrayBuffer, this.size);
        return arrayBuffer.call(this);
      };
    });

    await loadLogs(page, [path]);
    await waitForFiles(page, 180_000);
    const reads = await worker!.evaluate(
      () =>
        (
          globalThis as unknown as {
            loupeTestReads: {
              fileReader: number;
              fileReaderCalls: number;
              largestArrayBuffer: number;
            };
          }
        ).loupeTestReads,
    );
    const size = statSync(path).size;
    // Every byte went through the file-reader protocol; JavaScript only read small slices (the header).
    expect(reads.fileReader).toBeGreaterThanOrEqual(size);
    expect(reads.largestArrayBuffer).toBeLessThanOrEqual(1 << 20);
    expect(await fileEntry(page, 'AADNonInteractiveUserSignInLogs_large.csv')).toEqual({
      state: 'loaded into AADNonInteractiveUserSignInLogs (40,000 rows)',
      problem: '',
    });
    const last = start + (rows - 1) * 1000 + ((rows - 1) % 1000);
    const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
    expect(await tableList(page)).toEqual([
      {
        name: 'AADNonInteractiveUserSignInLogs',
        rows: '40,000',
        first: '2026-06-15 00:00:00 UTC',
        last: iso(last),
      },
    ]);
    expect(app.browser.errors).toEqual([]);
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);
  }, 300_000);

  it('shows bytes, rows, the time left and the mapping while a CSV of ~200 MB loads in parts', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    // A portal export's 320 records, 205 times over: 65,600 rows read in 64 MB parts, each part
    // reporting progress.
    const COPIES = 205;
    const path = work.writeRepeated(
      'AADNonInteractiveUserSignInLogs_200MB.csv',
      portalExport(),
      COPIES,
    );
    expect(statSync(path).size).toBeGreaterThan(190_000_000);
    await waitForEngineReady(page, 60_000);
    // However fast the machine, each read of the file takes at least 400 ms (a wait in the engine
    // worker before DuckDB gets the bytes), so that the parts report progress over seconds.
    const worker = page.workers().find((w) => w.url().includes('engine.worker'))!;
    await worker.evaluate(() => {
      const readSync = FileReaderSync.prototype.readAsArrayBuffer;
      FileReaderSync.prototype.readAsArrayBuffer = function (this: FileReaderSync, blob: Blob) {
        const until = performance.now() + 400;
        while (performance.now() < until) {
          /* a slow disk */
        }
        return readSync.call(this, blob);
      };
    });

    await loadLogs(page, [path]);
    const entry = page
      .getByRole('list', { name: 'Files' })
      .locator('li')
      .filter({ hasText: 'AADNonInteractiveUserSignInLogs_200MB.csv' });
    const seen: string[] = [];
    /** The file's mapping as shown while it was being read (before loading completes). */
    let mappingWhileReading = '';
    for (const started = Date.now(); Date.now() - started < 180_000;) {
      const text = (
        await entry
          .locator('.state')
          .innerText()
          .catch(() => '')
      ).trim();
      if (text && seen.at(-1) !== text) seen.push(text);
      if (text.startsWith('reading…') && !mappingWhileReading) {
        mappingWhileReading = (
          await entry
            .locator('details.mapping summary')
            .innerText()
            .catch(() => '')
        ).trim();
      }
      if (text.startsWith('loaded') || text.startsWith('could not')) break;
      await page.waitForTimeout(50);
    }
    expect(seen.at(-1)).toBe(
      `loaded into AADNonInteractiveUserSignInLogs (${(320 * COPIES).toLocaleString('en-US')} rows)`,
    );
    // While it read: how far, how many rows, and about how long is left.
    const reading = seen.filter((t) =>
      /^reading… .+ of .+, [\d,]+ rows, (about \d+ (s|min)|less than a second) left$/.test(t),
    );
    expect(reading.length, seen.join('\n')).toBeGreaterThan(0);
    expect(reading.some((t) => !/, 0 rows,/.test(t))).toBe(true);
    expect(mappingWhileReading).toMatch(
      /^Log Analytics portal CSV → AADNonInteractiveUserSignInLogs \(from the file's Type column\), \d+ columns$/,
    );
  }, 300_000);
});
