/**
 * How the columns of a file become the columns of a table: a mapping, as data, from each source
 * field to a table column and its KQL type, with the reason for the type. The UI shows it; the
 * loader turns it into SQL.
 */
import type { KqlType } from '../schema/kql-types.ts';
import { columnType, type TableSchema } from '../schema/catalog.ts';
import { ingestError } from './errors.ts';
import { quotedValue } from './shown-text.ts';

/** Why a column has its type. */
export type TypeOrigin =
  /** The schema catalog's column (Microsoft's table reference). */
  | 'catalog'
  /** A type the file declares itself (Log Analytics API JSON column types). */
  | 'declared'
  /** A portal CSV header ending in ` [UTC]`, which the portal adds to datetime columns only. */
  | 'utc-header'
  /** TimeGenerated, which every Log Analytics table has as a datetime (custom `_CL` tables too). */
  | 'standard-column'
  /** A column the catalog does not know: kept, as a string (no guessing from values). */
  | 'unknown-string'
  /** Renamed by the analyst (LoadOptions.columns). */
  | 'override';

export interface ColumnMapping {
  /** The field as the file names it (e.g. `TimeGenerated [UTC]`). */
  readonly source: string;
  /** Its position in the file's header or column list (0-based). */
  readonly index: number;
  /** The table column it fills. */
  readonly column: string;
  readonly type: KqlType;
  readonly origin: TypeOrigin;
}

/** A field of the file before typing: its header text and any type the file itself declares. */
export interface SourceField {
  readonly source: string;
  /** The column it fills, when the reader's shape mapping decided it (record shapes, Entra downloads). */
  readonly column?: string;
  readonly declared?: KqlType;
}

const UTC_SUFFIX = / \[UTC\]$/;

/** The column name a header stands for: the portal's ` [UTC]` suffix removed, spaces trimmed. */
export function columnNameOf(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(UTC_SUFFIX, '')
    .trim();
}

/**
 * The mapping of a file's fields. `renames` (source → column) are the analyst's overrides; a
 * renamed column takes the catalog type of its new name.
 */
export function planColumns(
  file: string,
  fields: readonly SourceField[],
  table: TableSchema | undefined,
  renames: Readonly<Record<string, string>> = {},
): ColumnMapping[] {
  const seen = new Map<string, number>();
  for (const [source, to] of Object.entries(renames)) {
    if (!fields.some((f) => f.source === source)) {
      throw ingestError(
        'bad-mapping',
        file,
        `the rename of ${quotedValue(source)} names no field of this file; expected one of ${fields
          .slice(0, 6)
          .map((f) => `"${f.source}"`)
          .join(', ')}${fields.length > 6 ? ', …' : ''}.`,
      );
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(to)) {
      throw ingestError(
        'bad-mapping',
        file,
        `${quotedValue(to)} is not a valid column name for ${quotedValue(source)}: expected letters, digits and underscores.`,
      );
    }
  }
  return fields.map((f, index) => {
    // Field names are the file's (attacker-written) text: `__proto__` or `constructor` is a name
    // like any other, never a property inherited from Object.prototype.
    const renamed = Object.hasOwn(renames, f.source) ? renames[f.source] : undefined;
    let column = renamed ?? f.column ?? columnNameOf(f.source);
    if (column === '') column = `Column${index + 1}`;
    // DuckDB identifiers are case-insensitive, so `Type` and `type` would be the same column.
    const key = column.toLowerCase();
    const prior = seen.get(key);
    if (prior !== undefined) {
      throw ingestError(
        'duplicate-column',
        file,
        `fields ${prior + 1} (${quotedValue(fields[prior]!.source)}) and ${index + 1} (${quotedValue(f.source)}) of the header name the same column ${quotedValue(column)}; expected each column once.`,
        { line: 1 },
      );
    }
    seen.set(key, index);
    const known = table ? columnType(table, column) : undefined;
    if (renamed !== undefined)
      return {
        source: f.source,
        index,
        column,
        type: known ?? f.declared ?? (column === 'TimeGenerated' ? 'datetime' : 'string'),
        origin: 'override' as const,
      };
    if (known) return { source: f.source, index, column, type: known, origin: 'catalog' as const };
    if (f.declared)
      return { source: f.source, index, column, type: f.declared, origin: 'declared' as const };
    if (UTC_SUFFIX.test(f.source.trim()))
      return {
        source: f.source,
        index,
        column,
        type: 'datetime' as const,
        origin: 'utc-header' as const,
      };
    if (column === 'TimeGenerated')
      return {
        source: f.source,
        index,
        column,
        type: 'datetime' as const,
        origin: 'standard-column' as const,
      };
    return {
      source: f.source,
      index,
      column,
      type: 'string' as const,
      origin: 'unknown-string' as const,
    };
  });
}
