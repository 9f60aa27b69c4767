/**
 * One measured load, in a process of its own so that its peak memory (maxRSS) is its own:
 *   tsx bench/ingest-run.ts loupe|native csv|ndjson FILE
 * Prints one JSON line: {ms, rows, maxRssMB}.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadNativeDuckDB, nativeCsvTableSql } from './native-duckdb.ts';

const [engineName, kind, file] = process.argv.slice(2) as [
  'loupe' | 'native',
  'csv' | 'ndjson',
  string,
];

async function loupe(): Promise<number> {
  const { createNodeEngine } = await import('../src/db/node-engine.ts');
  const { loadFile } = await import('../src/ingest/index.ts');
  const engine = await createNodeEngine();
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const t = await loadFile(engine, { name: basename(file), bytes });
  const ms = performance.now() - t0;
  result(ms, t.rowCount);
  return ms;
}

async function native(): Promise<number> {
  const { DuckDBInstance } = await loadNativeDuckDB();
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await db.connect();
  const t0 = performance.now();
  const sql =
    kind === 'csv'
      ? nativeCsvTableSql(file)
      : `CREATE TABLE t AS SELECT * FROM read_ndjson_auto('${file.replaceAll("'", "''")}')`;
  await conn.run(sql);
  const ms = performance.now() - t0;
  const r = await conn.runAndReadAll('SELECT count(*) FROM t');
  result(ms, Number(r.getRows()[0]![0]));
  return ms;
}

function result(ms: number, rows: number): void {
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ ms: Math.round(ms), rows, maxRssMB }) + '\n');
}

await (engineName === 'loupe' ? loupe() : native());
