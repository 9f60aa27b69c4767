/**
 * Golden SQL: each `golden/<name>.kql` is translated against the small tables of
 * `golden/tables.json` (fixed here, so that only the translator changes the SQL) and its SQL
 * compared with `golden/<name>.sql`, so that every change to the translator shows, in review,
 * the SQL it changes (style.md: PRQL's integration snapshots, sqlglot's validate_identity).
 * After an intended change, run `npx vitest run tests/unit/kql/golden-sql.test.ts -u` and read the diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/kql/index.ts';
import type { TableSchema } from '../../../src/schema/catalog.ts';
import type { KqlType } from '../../../src/schema/kql-types.ts';

const dir = join(import.meta.dirname, 'golden');
const queries = readdirSync(dir)
  .filter((f) => f.endsWith('.kql'))
  .sort();
const tables = new Map<string, TableSchema>(
  Object.entries(
    JSON.parse(readFileSync(join(dir, 'tables.json'), 'utf8')) as Record<
      string,
      Record<string, KqlType>
    >,
  ).map(([name, cols]) => [
    name,
    { name, columns: Object.entries(cols).map(([c, type]) => ({ name: c, type })) },
  ]),
);

describe('golden SQL', () => {
  it('has queries to compare', () => expect(queries.length).toBeGreaterThan(5));
  for (const file of queries) {
    it(file, async () => {
      const kql = readFileSync(join(dir, file), 'utf8');
      const t = translate(kql, { resolveTable: (name) => tables.get(name) });
      await expect(`${t.sql}\n`).toMatchFileSnapshot(join(dir, file.replace(/\.kql$/, '.sql')));
    });
  }
});
