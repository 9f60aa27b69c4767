/**
 * Which Sentinel table a file fills. Sentinel rules name their tables (`SigninLogs`,
 * `AADNonInteractiveUserSignInLogs`), so a loaded file must become the table a rule reads:
 * the analyst's explicit choice wins, then the file's own `Type` column (every Log Analytics record
 * carries its table name there), then a known table name at the start of the file name
 * (`AADNonInteractiveUserSignInLogs_2026-06-15.csv`). Otherwise ingest asks rather than guesses.
 */
import { knownTableNames } from '../schema/catalog.ts';
import { ingestError } from './errors.ts';
import { quotedValue } from './shown-text.ts';

/**
 * Why a file fills its table: the analyst chose it ('option'); the file names it itself
 * ('type-column': its Type column, or what its shape implies — a diagnostic category, a Graph
 * object, an Entra download's file name); or a table name starts its file name ('file-name').
 */
export type TableNameSource = 'option' | 'type-column' | 'file-name';

const TABLE_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isTableIdentifier(name: string): boolean {
  return TABLE_IDENT.test(name);
}

/** The file name without folders and without the extensions of the shapes ingest reads. */
export function fileStem(fileName: string): string {
  let base = fileName.split(/[\\/]/).pop() ?? fileName;
  for (;;) {
    const next = base.replace(/\.(csv|tsv|txt|json|ndjson|jsonl|gz)$/i, '');
    if (next === base) return base;
    base = next;
  }
}

/** A table name found in the file name: a catalog table followed by the end or a separator, or a custom `_CL` table. */
export function tableFromFileName(fileName: string): string | undefined {
  const stem = fileStem(fileName);
  let best: string | undefined;
  for (const t of knownTableNames()) {
    const head = stem.slice(0, t.length);
    const next = stem.charAt(t.length);
    if (head.toLowerCase() === t.toLowerCase() && (next === '' || !/[A-Za-z0-9]/.test(next))) {
      if (!best || t.length > best.length) best = t;
    }
  }
  if (best) return best;
  const custom = /^([A-Za-z][A-Za-z0-9_]*_CL)(?![A-Za-z0-9])/.exec(stem);
  return custom?.[1];
}

export function resolveTableName(
  file: string,
  explicit: string | undefined,
  typeValue: string | undefined,
): { name: string; source: TableNameSource } {
  if (explicit !== undefined) {
    if (!isTableIdentifier(explicit)) {
      throw ingestError(
        'unknown-table',
        file,
        `"${explicit}" is not a valid table name: expected letters, digits and underscores, e.g. SigninLogs.`,
      );
    }
    return { name: explicit, source: 'option' };
  }
  if (typeValue !== undefined && typeValue !== '') {
    if (!isTableIdentifier(typeValue)) {
      throw ingestError(
        'unknown-table',
        file,
        `the Type column holds ${quotedValue(typeValue)}, which is not a table name; choose the table to load it into.`,
      );
    }
    return { name: typeValue, source: 'type-column' };
  }
  const fromName = tableFromFileName(file);
  if (fromName) return { name: fromName, source: 'file-name' };
  throw ingestError(
    'unknown-table',
    file,
    `Cannot tell which Sentinel table this file holds: it has no Type column and its name does not start with a table name. ` +
      `Choose the table (e.g. SigninLogs, AADNonInteractiveUserSignInLogs) or rename the file to <Table>.csv.`,
  );
}
