import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

describe('DuckDB-WASM under Node', () => {
  it('refuses extension functions at once instead of trying to download them', () => {
    // With autoload on, this would try to fetch the json extension and hang the process.
    expect(() => db.query(`SELECT '{}'::JSON`)).toThrow(/json/i);
  });

  it('returns plain JavaScript values: BIGINT as number, TIMESTAMP as epoch ms, lists and structs', () => {
    const r = db.query(
      `SELECT 2::BIGINT AS b, TIMESTAMP '2026-06-15 12:40:24.178' AS t, [1, 2] AS l, {'a': 'x'} AS s`,
    );
    expect(r.columns.map((c) => c.sqlType)).toEqual(['BIGINT', 'TIMESTAMP', 'LIST', 'STRUCT']);
    expect(r.rows[0]).toEqual([2, Date.UTC(2026, 5, 15, 12, 40, 24, 178), [1, 2], { a: 'x' }]);
  });

  it('keeps BIGINTs beyond 2^53 exact, as strings', () => {
    expect(db.query(`SELECT 9007199254740993::BIGINT AS x`).rows[0]![0]).toBe('9007199254740993');
  });

  it('runs JavaScript functions returning strings (the patched duckdb-wasm UDF path)', () => {
    db.registerUdf({
      name: 'loupe_test_concat',
      returns: 'VARCHAR',
      fn: (a: string | null, b: number | null) => (a === null ? null : `${a}#${b}`),
    });
    const r = db.query(
      `SELECT loupe_test_concat(s, i) AS v FROM (VALUES ('ab', 1), (NULL, 2), ('ünï', 3)) t(s, i) ORDER BY i`,
    );
    expect(r.rows.map((x) => x[0])).toEqual(['ab#1', null, 'ünï#3']);
  });

  it('binds parameters positionally', () => {
    const r = db.queryParams(`SELECT ?::TIMESTAMP + INTERVAL 1 HOUR AS t, ? || '!' AS s`, [
      '2026-01-01T00:00:00Z',
      "it's",
    ]);
    expect(r.rows[0]).toEqual([Date.UTC(2026, 0, 1, 1), "it's!"]);
  });
});
