/**
 * What the UI shows before a file is loaded: its detected shape, the table it will fill, the
 * mapping of its fields onto that table's columns (which the analyst may override through
 * LoadOptions.table and LoadOptions.columns), and its first rows as text. Reads only the start of
 * the file (a JSON file: its first chunk; a CSV file: its first rows through DuckDB's reader).
 */
import type { SqlEngine } from '../db/engine.ts';
import type { LoadedTable, LoadOptions, LoadSource } from './api.ts';
import type { ColumnMapping } from './column-mapping.ts';
import { ensureDynamicUdf } from './dynamic-text.ts';
import { limitsOf } from './limits.ts';
import { openRaw } from './load.ts';
import { planLoad } from './plan.ts';
import { rawColumn } from './raw-relation.ts';
import { loadedTable } from './registry.ts';
import { byteSource } from './source.ts';
import { quoteIdent } from './sql-text.ts';
import type { TableNameSource } from './table-name.ts';

export interface FilePreview {
  readonly file: string;
  readonly bytes: number;
  readonly format: string;
  readonly table: string;
  readonly tableSource: TableNameSource;
  readonly mapping: readonly ColumnMapping[];
  /** The first rows as the file has them (text, before typing), in mapping order. */
  readonly sampleRows: readonly (readonly (string | null)[])[];
  /** The table as loaded now, when loading this file would replace or append to it. */
  readonly existing: LoadedTable | undefined;
  readonly warnings: readonly string[];
}

export const PREVIEW_ROWS = 20;

export async function previewFile(
  engine: SqlEngine,
  source: LoadSource,
  options: Pick<LoadOptions, 'table' | 'columns' | 'mode' | 'limits'> = {},
): Promise<FilePreview> {
  const src = byteSource(source);
  ensureDynamicUdf(engine);
  const { raw, unwrapped } = await openRaw(engine, src, {
    maxRecords: PREVIEW_ROWS,
    limits: limitsOf(src.name, options.limits),
  });
  try {
    const plan = planLoad(src.name, raw, unwrapped, options);
    const cols = plan.mapping.map((m) => quoteIdent(rawColumn(m.index)));
    const rows = cols.length
      ? engine.query(`SELECT ${cols.join(', ')} FROM ${raw.fromSql} LIMIT ${PREVIEW_ROWS}`).rows
      : [];
    return {
      file: src.name,
      bytes: src.size,
      format: plan.format,
      table: plan.target,
      tableSource: plan.nameSource,
      mapping: plan.mapping,
      sampleRows: rows.map((r) => r.map((v) => (v === null ? null : String(v)))),
      existing: loadedTable(engine, plan.target),
      warnings: plan.warnings,
    };
  } finally {
    raw.dispose();
  }
}
