/**
 * papaparse or DuckDB's reader (issue 5, "Where papaparse serves"): the same portal CSV parsed by
 * papaparse in JavaScript and scanned by DuckDB-WASM's `read_csv` (every field as text, as Loupe
 * reads it), in Node, one after the other; then Loupe's whole load (typed, checked, in parts) for
 * scale. papaparse here only splits the records and counts them: handing its rows to DuckDB would
 * cost more on top (the JSON path measures that: mapped rows written as CSV text and read back).
 *
 *   npm run --silent bench:csv-readers [-- --rows 100000,1000000] [--dir /tmp/loupe-bench]
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { createNodeEngine } from '../src/db/node-engine.ts';
import { loadFile } from '../src/ingest/index.ts';
import { CSV_HEADER, writePortalCsv } from './ingest-data.ts';

const argOf = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (argOf('--rows') ?? '100000,1000000').split(',').map(Number);
const dir = argOf('--dir') ?? '/tmp/loupe-bench';
mkdirSync(dir, { recursive: true });

/** papaparse streaming the file (its Node stream input), counting records. */
function papaparseRecords(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let records = 0;
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }) as unknown as File, {
      header: false,
      step: () => void records++,
      complete: () => resolve(records - 1),
      error: reject,
    });
  });
}

const lines = [
  `Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start`,
  '',
  '| file | rows | size MB | reader | s | MB/s | rows/s |',
  '|---|---:|---:|---|---:|---:|---:|',
];
for (const rows of sizes) {
  const file = join(dir, `AADNonInteractiveUserSignInLogs_${rows}.csv`);
  if (!existsSync(file)) await writePortalCsv(file, rows);
  const mb = statSync(file).size / 1e6;
  const row = (reader: string, s: number, n: number) => {
    if (n !== rows) throw new Error(`${reader} read ${n} rows of ${file}, expected ${rows}`);
    lines.push(
      `| portal CSV | ${rows.toLocaleString('en-US')} | ${mb.toFixed(0)} | ${reader} | ${s.toFixed(2)} | ${(mb / s).toFixed(1)} | ${Math.round(rows / s).toLocaleString('en-US')} |`,
    );
  };

  let t0 = performance.now();
  const parsed = await papaparseRecords(file);
  row(
    'papaparse (records split, nothing typed or stored)',
    (performance.now() - t0) / 1000,
    parsed,
  );

  const engine = await createNodeEngine();
  const bytes = readFileSync(file);
  engine.registerFileBuffer('scan.csv', bytes);
  const columns = `{${CSV_HEADER.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const counts = CSV_HEADER.map((_, i) => `count(c${i})`).join(', ');
  t0 = performance.now();
  const scanned = await engine.queryAsync(
    `SELECT count(*), ${counts} FROM read_csv('scan.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`,
  );
  row(
    'DuckDB-WASM read_csv (every field read as text, nothing stored)',
    (performance.now() - t0) / 1000,
    Number(scanned.rows[0]![0]),
  );
  engine.dropFile('scan.csv');

  t0 = performance.now();
  const loaded = await loadFile(engine, { name: basename(file), bytes });
  row(
    "Loupe's load (read_csv, typed, checked, stored in parts)",
    (performance.now() - t0) / 1000,
    loaded.rowCount,
  );
  engine.close();
}
console.log(lines.join('\n'));
