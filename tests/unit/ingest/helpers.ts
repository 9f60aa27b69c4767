/** Shared by the ingest tests: sample files, an independent CSV count, table snapshots. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import type { LoadSource } from '../../../src/ingest/index.ts';

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
