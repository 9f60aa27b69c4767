/** Shared by the ingest tests: sample files, an independent CSV count, table snapshots. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import type { LoadProgress, LoadSource } from '../../../src/ingest/index.ts';

export const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/ingest');
/** Copies of the real exports in the shared samples (la-export-bec/, training-lab/), byte for byte. */
export const SAMPLES = join(FIXTURES, 'samples');

export function sampleSource(rel: string): LoadSource {
  return { name: rel.split('/').pop()!, bytes: readFileSync(join(SAMPLES, rel)) };
}

export function fixtureSource(name: string): LoadSource {
  return { name, bytes: readFileSync(join(FIXTURES, name)) };
}

export function textSource(name: string, text: string): LoadSource {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** The file parsed by papaparse (not the loader's code path): header and records as objects. */
export function papaRecords(bytes: Uint8Array): { header: string[]; records: Record<string, string>[] } {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], records: parsed.data };
}

/** Every row of a table, ordered, as JSON: to prove a failed load changed nothing. */
export function snapshot(engine: SqlEngine, table: string): string {
  const r = engine.query(`SELECT * FROM "${table}" ORDER BY ALL`);
  return JSON.stringify({ columns: r.columns, rows: r.rows });
}

export function userTables(engine: SqlEngine): string[] {
  return engine
    .query(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`)
    .rows.map((r) => String(r[0]));
}

/** Watches the buffers registered with DuckDB while `run` loads (the size of each). */
export async function registeredSizes<T>(engine: SqlEngine, run: () => Promise<T>): Promise<{ result: T; sizes: number[] }> {
  const sizes: number[] = [];
  const register = engine.registerFileBuffer;
  engine.registerFileBuffer = (name, bytes) => {
    sizes.push(bytes.byteLength);
    register(name, bytes);
  };
  try {
    return { result: await run(), sizes };
  } finally {
    engine.registerFileBuffer = register;
  }
}

/**
 * An onProgress that counts the reports strictly between the start and the whole file: one per
 * part read (a whole read after a failed part reports none).
 */
export function partsReadCounter(): { onProgress: (p: LoadProgress) => void; readonly count: number } {
  let count = 0;
  return {
    onProgress: (p) => void (p.bytesRead > 0 && p.bytesRead < p.bytesTotal && count++),
    get count() {
      return count;
    },
  };
}

/** Counts the queries that fail while `run` loads (parts read again, cut or typed another way). */
export async function failedQueries<T>(engine: SqlEngine, run: () => Promise<T>): Promise<{ result: T; failed: number }> {
  let failed = 0;
  const queryAsync = engine.queryAsync;
  engine.queryAsync = (sql, control) => queryAsync(sql, control).catch((e: unknown) => Promise.reject((failed++, e)));
  try {
    return { result: await run(), failed };
  } finally {
    engine.queryAsync = queryAsync;
  }
}
