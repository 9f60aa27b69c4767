/**
 * The load's long query (the typed staging table: every row read, typed and written) runs
 * cancellably: a cancel that arrives while it runs stops the load with ingest's 'cancelled' error
 * and leaves every table as it was. The cancel is sent as that query starts (the engine is wrapped
 * to see it), so the test does not depend on the machine's speed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { IngestError, loadFile } from '../../../src/ingest/index.ts';
import { demoCsv } from '../../support/material.ts';

/** The bundled demo's files as the portal exported them (static/demo keeps the large ones gzipped). */
const riskyUsers = { name: 'AADRiskyUsers.csv', bytes: demoCsv('AADRiskyUsers.csv') };
const signIns = { name: 'SigninLogs.csv', bytes: demoCsv('SigninLogs.csv.gz') };

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
  await loadFile(db, riskyUsers);
});
afterAll(() => db.close());

describe('cancelling the staging query of a load', () => {
  it('stops with ingest’s cancelled error; loaded tables unchanged, no staging table left', async () => {
    const before = db.query(
      `SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1`,
    ).rows;
    const abort = new AbortController();
    let staged = 0;
    // The same engine object (ingest keeps per-engine state), its queryAsync watched for the test.
    const queryAsync = db.queryAsync;
    db.queryAsync = (sql, control) => {
      if (/^CREATE TABLE "loupe_ingest_staging_/.test(sql)) {
        staged++;
        abort.abort(new DOMException('Cancelled by the user', 'AbortError'));
      }
      return queryAsync(sql, control);
    };
    const error = await loadFile(db, signIns, { signal: abort.signal })
      .catch((e: unknown) => e)
      .finally(() => (db.queryAsync = queryAsync));
    expect(staged).toBe(1);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({
      code: 'cancelled',
      message: 'Loading SigninLogs.csv was cancelled; the tables already loaded are unchanged.',
    });
    expect(
      db.query(`SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1`).rows,
    ).toEqual(before);
    // The same file loads in full afterwards.
    const loaded = await loadFile(db, signIns);
    expect(loaded.rowCount).toBeGreaterThan(0);
  });
});
