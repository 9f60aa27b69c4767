/**
 * Runs KQL through the real translator and DuckDB-WASM: tables are created with SQL, rows come
 * back decoded with decodeValue as objects keyed by the query's output columns.
 */
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import type { ColumnSchema, TableSchema } from '../../../src/schema/catalog.ts';
import { sqlStorageType } from '../../../src/schema/kql-types.ts';
import {
  decodeValue,
  installKqlRuntime,
  KqlError,
  translate,
  type Translation,
} from '../../../src/kql/index.ts';
import { expect } from 'vitest';

export interface KqlHarness {
  engine: SqlEngine;
  schemas: Map<string, TableSchema>;
  /** Creates (or replaces) a table with KQL-typed columns and rows given as SQL literals. */
  table(name: string, columns: readonly ColumnSchema[], rows: readonly string[]): void;
  translate(kql: string): Translation;
  run(kql: string): Record<string, unknown>[];
  /** The KqlError translating `kql` throws (the test fails if it translates, or throws anything else). */
  translationError(kql: string): KqlError;
  setNow(iso: string): void;
}

export async function createHarness(): Promise<KqlHarness> {
  const engine = await createNodeEngine();
  installKqlRuntime(engine);
  const schemas = new Map<string, TableSchema>();
  const h: KqlHarness = {
    engine,
    schemas,
    table(name, columns, rows) {
      schemas.set(name, { name, columns });
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      engine.exec(
        `CREATE OR REPLACE TABLE ${q(name)} (${columns.map((c) => `${q(c.name)} ${sqlStorageType(c.type)}`).join(', ')})`,
      );
      if (rows.length)
        engine.exec(`INSERT INTO ${q(name)} VALUES ${rows.map((r) => `(${r})`).join(', ')}`);
    },
    translate(kql) {
      // Plugins whose columns depend on the data (bag_unpack, pivot) ask the engine while translating.
      return translate(kql, {
        resolveTable: (n) => schemas.get(n),
        tableNames: () => [...schemas.keys()],
        discoverRows: (r) => engine.query(r.sql).rows,
      });
    },
    run(kql) {
      const t = h.translate(kql);
      const res = engine.query(t.sql);
      return res.rows.map((row) =>
        Object.fromEntries(t.columns.map((c, i) => [c.name, decodeValue(row[i], c.type)])),
      );
    },
    translationError(kql) {
      let caught: unknown;
      try {
        h.translate(kql);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(KqlError);
      return caught as KqlError;
    },
    setNow(iso) {
      engine.exec(`SET VARIABLE loupe_now = TIMESTAMP '${iso.replace('T', ' ').replace('Z', '')}'`);
    },
  };
  return h;
}
