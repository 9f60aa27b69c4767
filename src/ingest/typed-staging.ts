/**
 * Builds the typed staging table from a raw relation in one pass (`CREATE TABLE … AS SELECT`),
 * then proves that no value was lost in conversion: each row records which typed column, if any,
 * got NULL from non-empty text, and a single such row refuses the whole file with its line, column
 * name, value and the expected form. The real table is untouched until the staging table is proven.
 */
import type { SqlEngine } from '../db/engine.ts';
import type { ColumnMapping } from './column-mapping.ts';
import { ingestError } from './errors.ts';
import { rawColumn, type RawRelation } from './raw-relation.ts';
import { quoteIdent } from './sql-text.ts';
import { canFail, expectedText, typedSql } from './typing.ts';

/** Internal column naming the first column whose text did not convert (dropped before commit). */
const BAD = '__loupe_bad_column';

export function typedSelectSql(raw: RawRelation, mapping: readonly ColumnMapping[]): string {
  const inner = mapping.flatMap((m, i) => {
    const r = quoteIdent(rawColumn(m.index));
    const typed = `${typedSql(r, m.type)} AS ${quoteIdent(`t${i}`)}`;
    return canFail(m.type) ? [typed, `${r} AS ${quoteIdent(`r${i}`)}`] : [typed];
  });
  const checks = mapping
    .map((m, i) => (canFail(m.type) ? `WHEN ${quoteIdent(`t${i}`)} IS NULL AND trim(${quoteIdent(`r${i}`)}) <> '' THEN ${i}` : ''))
    .filter((s) => s !== '');
  const outer = mapping.map((m, i) => `${quoteIdent(`t${i}`)} AS ${quoteIdent(m.column)}`);
  outer.push(checks.length ? `CASE ${checks.join(' ')} END AS ${quoteIdent(BAD)}` : `CAST(NULL AS INTEGER) AS ${quoteIdent(BAD)}`);
  return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${raw.fromSql})`;
}

export async function buildTypedStaging(engine: SqlEngine, file: string, raw: RawRelation, mapping: readonly ColumnMapping[], staging: string): Promise<number> {
  engine.exec(`CREATE TABLE ${quoteIdent(staging)} AS ${typedSelectSql(raw, mapping)}`);
  await raw.checkScan();
  const counts = engine.query(`SELECT count(*), count(${quoteIdent(BAD)}) FROM ${quoteIdent(staging)}`).rows[0]!;
  const [rows, bad] = counts as [number, number];
  if (bad > 0) {
    const first = engine.query(`SELECT rowid, ${quoteIdent(BAD)} FROM ${quoteIdent(staging)} WHERE ${quoteIdent(BAD)} IS NOT NULL ORDER BY rowid LIMIT 1`).rows[0]!;
    const [index, col] = first as [number, number];
    const m = mapping[col]!;
    const where = await raw.locate(index);
    const value = raw.rawCell(index, m.index);
    const shown = value === null ? 'a value' : JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    const others = bad > 1 ? ` ${bad} rows in all have such values; nothing was loaded.` : ' Nothing was loaded.';
    throw ingestError(
      m.type === 'datetime' ? 'bad-datetime' : 'bad-value',
      file,
      `${file}, ${where.label}, column ${m.column}: ${shown} is not ${expectedText(m.type)}.${others}`,
      where.position,
    );
  }
  engine.exec(`ALTER TABLE ${quoteIdent(staging)} DROP COLUMN ${quoteIdent(BAD)}`);
  return rows;
}
