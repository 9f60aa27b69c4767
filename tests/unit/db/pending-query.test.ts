import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';

/** Minutes of work for the WASM engine: it can only end by being cancelled. */
const ENDLESS = 'SELECT count(*) FROM range(5000000000) r(x) WHERE x % 7 = 3';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
  db.registerUdf({
    name: 'loupe_test_bang',
    returns: 'VARCHAR',
    fn: (s: string | null) => (s === null ? null : `${s}!`),
  });
});
afterAll(() => db.close());

describe('queryAsync (pending queries)', () => {
  it('gives the same results as query for every kind of value, UDFs included', async () => {
    const queries = [
      `SELECT 2::BIGINT AS b, 9007199254740993::BIGINT AS big, 1.5::DOUBLE AS d, 12.25 AS dec, true AS ok, NULL AS n`,
      `SELECT TIMESTAMP '2026-06-15 12:40:24.178' AS t, INTERVAL 90 MINUTE AS i, [1, 2, NULL] AS l, {'a': 'x', 'b': [TIMESTAMP '2026-01-01']} AS s`,
      `SELECT loupe_test_bang(s) AS v, i FROM (VALUES ('ab', 1), (NULL, 2), ('ünï', 3)) t(s, i) ORDER BY i`,
      // More rows than one Arrow batch (2048), so several batches are fetched and joined.
      `SELECT x, loupe_test_bang(CAST(x AS VARCHAR)) AS v FROM range(5000) r(x) ORDER BY x`,
      // An empty result keeps its columns.
      `SELECT 'x' AS a, 1 AS b WHERE false`,
    ];
    for (const sql of queries) expect(await db.queryAsync(sql)).toEqual(db.query(sql));
  });

  it('runs several statements and returns the last one’s result', async () => {
    const r = await db.queryAsync(
      `CREATE TEMP TABLE loupe_pq AS SELECT 7 AS a; SELECT a + 1 AS b FROM loupe_pq`,
    );
    expect(r).toEqual({ columns: [{ name: 'b', sqlType: 'INTEGER' }], rows: [[8]] });
  });

  it('reports SQL errors as query does, and the connection goes on', async () => {
    await expect(db.queryAsync('SELECT nope')).rejects.toThrow(/nope/);
    expect((await db.queryAsync('SELECT 1 AS one')).rows).toEqual([[1]]);
  });

  it('stops an endless query when the signal aborts during it, then answers the next query', async () => {
    const abort = new AbortController();
    // The abort comes from inside the query (a UDF called for an early row), so this is the same
    // on a fast or a slow machine: the query is cancelled at its next poll.
    db.registerUdf({
      name: 'loupe_test_trip',
      returns: 'INTEGER',
      fn: (x: number) => {
        if (x === 1000) abort.abort();
        return x % 7;
      },
    });
    const run = db.queryAsync(
      'SELECT count(*) FROM range(5000000000) r(x) WHERE loupe_test_trip(CAST(x AS DOUBLE)) = 3',
      { signal: abort.signal },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(db.query('SELECT 41 + 1 AS x').rows).toEqual([[42]]);
    expect((await db.queryAsync(`SELECT loupe_test_bang('after') AS v`)).rows).toEqual([
      ['after!'],
    ]);
  });

  it('lets an event (a message, as the worker’s cancel arrives) run between polls and cancel', async () => {
    const abort = new AbortController();
    const channel = new MessageChannel();
    channel.port1.onmessage = () =>
      abort.abort(new DOMException('Cancelled by the user', 'AbortError'));
    channel.port2.postMessage('cancel');
    try {
      await expect(db.queryAsync(ENDLESS, { signal: abort.signal })).rejects.toThrow(
        'Cancelled by the user',
      );
    } finally {
      channel.port1.close();
    }
    expect((await db.queryAsync('SELECT 2 AS two')).rows).toEqual([[2]]);
  });

  it('does not start a query whose signal is already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      db.queryAsync(`CREATE TABLE loupe_never AS SELECT 1`, { signal: abort.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(
      db.query(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'loupe_never'`).rows,
    ).toEqual([[0]]);
  });
});
