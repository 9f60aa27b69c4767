/**
 * Moves a proven staging table into place, in one transaction, so that a failure at any point
 * leaves the tables already loaded exactly as they were.
 * - replace: the old table is dropped and the staging table takes its name.
 * - append: the old table gains any new columns, then receives the staging rows; a column missing
 *   on either side is '' for strings (KQL strings are never null) and null otherwise.
 */
import type { SqlEngine } from '../db/engine.ts';
import type { ColumnSchema } from '../schema/catalog.ts';
import { sqlStorageType, type KqlType } from '../schema/kql-types.ts';
import { ingestError } from './errors.ts';
import { quoteIdent } from './sql-text.ts';

function emptyValue(type: KqlType): string {
  return type === 'string' || type === 'guid' ? "''" : 'NULL';
}

function inTransaction(engine: SqlEngine, statements: readonly string[]): void {
  engine.exec('BEGIN TRANSACTION');
  try {
    for (const s of statements) engine.exec(s);
    engine.exec('COMMIT');
  } catch (e) {
    engine.exec('ROLLBACK');
    throw e;
  }
}

export function commitReplace(engine: SqlEngine, staging: string, target: string): void {
  inTransaction(engine, [
    `DROP TABLE IF EXISTS ${quoteIdent(target)}`,
    `ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(target)}`,
  ]);
}

/** Appends staging rows to target; returns the merged schema (target order, new columns last). */
export function commitAppend(
  engine: SqlEngine,
  file: string,
  staging: string,
  stagingSchema: readonly ColumnSchema[],
  target: string,
  targetSchema: readonly ColumnSchema[],
): ColumnSchema[] {
  const byName = new Map(targetSchema.map((c) => [c.name.toLowerCase(), c]));
  for (const c of stagingSchema) {
    const t = byName.get(c.name.toLowerCase());
    if (t && t.type !== c.type) {
      throw ingestError(
        'schema-conflict',
        file,
        `column ${c.name} is ${c.type} here but ${t.type} in the loaded ${target}; expected the same type to append. Replace the table instead, or load the file into another table.`,
      );
    }
  }
  const added = stagingSchema.filter((c) => !byName.has(c.name.toLowerCase()));
  const merged = [...targetSchema, ...added];
  const stagingNames = new Set(stagingSchema.map((c) => c.name.toLowerCase()));
  const select = merged.map((c) =>
    stagingNames.has(c.name.toLowerCase()) ? quoteIdent(c.name) : emptyValue(c.type),
  );
  inTransaction(engine, [
    ...added.map(
      (c) =>
        `ALTER TABLE ${quoteIdent(target)} ADD COLUMN ${quoteIdent(c.name)} ${sqlStorageType(c.type)} DEFAULT ${emptyValue(c.type)}`,
    ),
    `INSERT INTO ${quoteIdent(target)} (${merged.map((c) => quoteIdent(c.name)).join(', ')}) SELECT ${select.join(', ')} FROM ${quoteIdent(staging)}`,
    `DROP TABLE ${quoteIdent(staging)}`,
  ]);
  return merged;
}
