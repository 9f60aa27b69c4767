import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { JSON_CHUNK_BYTES } from '../../../src/ingest/json-reader.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

/** A record whose text has quotes, commas, newlines and multi-byte characters, of varying length. */
function note(i: number): string {
  return `n°${i} "quoted", comma\nnewline — ünïcödé ${'x'.repeat(i % 700)}`;
}

describe('files larger than the read chunks and the CSV parts', () => {
  it('an NDJSON file spanning several 4 MB chunks loads every record exactly', async () => {
    const n = 20_000;
    let text = '';
    for (let i = 0; i < n; i++) {
      text +=
        JSON.stringify({
          TimeGenerated: new Date(Date.UTC(2026, 5, 15) + i * 1000).toISOString(),
          UserPrincipalName: `u${i}@corp.local`,
          Note: note(i),
          Type: 'SigninLogs',
        }) + '\n';
    }
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(2 * JSON_CHUNK_BYTES); // several chunks, several 8 MB CSV parts
    const t = await loadFile(db, { name: 'big.ndjson', bytes });
    expect(t.rowCount).toBe(n);
    const [count, total] = db.query(
      `SELECT count(DISTINCT UserPrincipalName), sum(length(Note)) FROM SigninLogs`,
    ).rows[0]!;
    let expected = 0;
    for (let i = 0; i < n; i++) expected += note(i).length;
    expect([count, total]).toEqual([n, expected]);
    for (const i of [0, 4_999, 5_000, 12_345, n - 1]) {
      expect(
        db.query(`SELECT Note FROM SigninLogs WHERE UserPrincipalName = 'u${i}@corp.local'`).rows,
      ).toEqual([[note(i)]]);
    }
  });
});
