/** Shared by the ingest tests: sample files, an independent CSV count, table snapshots. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import type { LoadProgress, LoadSource } from '../../../src/ingest/index.ts';
import { DEMO_DIR, demoCsv, LA_EXPORT_BEC } from '../../support/material.ts';

export const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/ingest');
/** A copy of a real export Loupe may redistribute, byte for byte: training-lab/ (Azure-Sentinel, MIT). */
export const SAMPLES = join(FIXTURES, 'samples');

export function sampleSource(rel: string): LoadSource {
  return { name: rel.split('/').pop()!, bytes: readFileSync(join(SAMPLES, rel)) };
}

/**
 * AADNonInteractiveUserSignInLogs of the demo tenant (its first 320 records of 15 June 2026) as the
 * Log Analytics portal exports it: written by scripts/demo, kept gzipped in
 * tests/fixtures/ingest/AADNonInteractiveUserSignInLogs.csv.gz and handed over inflated.
 */
export function portalExport(): LoadSource {
  return {
    name: 'AADNonInteractiveUserSignInLogs.csv',
    bytes: new Uint8Array(
      gunzipSync(readFileSync(join(FIXTURES, 'AADNonInteractiveUserSignInLogs.csv.gz'))),
    ),
  };
}

/** A file of the bundled demo (static/demo/) as the portal exported it: `SigninLogs.csv`, `AuditLogs.csv`, … */
export function demoSource(name: string): LoadSource {
  return { name, bytes: demoCsv(existsSync(join(DEMO_DIR, `${name}.gz`)) ? `${name}.gz` : name) };
}

/** A file of the real la-export-bec export in ../shared (guard the test with `missing(LA_EXPORT_BEC, …)`). */
export function becSource(name: string): LoadSource {
  return { name, bytes: LA_EXPORT_BEC.read(name) };
}

export function fixtureSource(name: string): LoadSource {
  return { name, bytes: readFileSync(join(FIXTURES, name)) };
}

export function textSource(name: string, text: string): LoadSource {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** The file parsed by papaparse (not the loader's code path): header and records as objects. */
export function papaRecords(bytes: Uint8Array): {
  header: string[];
  records: Record<string, string>[];
} {
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
export async function registeredSizes<T>(
  engine: SqlEngine,
  run: () => Promise<T>,
): Promise<{ result: T; sizes: number[] }> {
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
export function partsReadCounter(): {
  onProgress: (p: LoadProgress) => void;
  readonly count: number;
} {
  let count = 0;
  return {
    onProgress: (p) => void (p.bytesRead > 0 && p.bytesRead < p.bytesTotal && count++),
    get count() {
      return count;
    },
  };
}

/** Counts the queries that fail while `run` loads (parts read again, cut or typed another way). */
export async function failedQueries<T>(
  engine: SqlEngine,
  run: () => Promise<T>,
): Promise<{ result: T; failed: number }> {
  let failed = 0;
  const queryAsync = engine.queryAsync;
  engine.queryAsync = (sql, control) =>
    queryAsync(sql, control).catch((e: unknown) => Promise.reject((failed++, e)));
  try {
    return { result: await run(), failed };
  } finally {
    engine.queryAsync = queryAsync;
  }
}
