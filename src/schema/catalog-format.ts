/**
 * The format of the generated schema catalog (`src/schema/catalog/sentinel-tables.json`), written
 * by `scripts/catalog/generate.ts` and read by `catalog.ts`. Compact on purpose: it is shipped in
 * the engine worker, so a table's columns are one string (`Name:type,Name:type`), split only when a
 * query or a file needs that table.
 */
import type { KqlType } from './kql-types.ts';

export const CATALOG_FORMAT = 'loupe-schema-catalog/1';

/** Where a table's columns come from. */
export type CatalogSourceId = 'azure-monitor-reference' | 'azure-sentinel-validation';

export interface CatalogSource {
  readonly title: string;
  /** `owner/name` of the public repository. */
  readonly repository: string;
  /** The commit read, when one commit holds every file of the source. */
  readonly commit?: string;
  /** SPDX identifier of the licence the facts are used under. */
  readonly licence: string;
  readonly url: string;
  /** What was found while reading the source as a whole (files skipped, duplicates…). */
  readonly notes: readonly string[];
}

export interface CatalogTableEntry {
  readonly source: CatalogSourceId;
  /** The file of the source repository the columns were read from. */
  readonly path: string;
  /** The commit of that file, when the source has no single commit. */
  readonly commit?: string;
  /** `Name:type` pairs joined by commas, in the source's order. */
  readonly columns: string;
  /** Disagreements and corrections found for this table (partial, misnamed, types…). */
  readonly notes?: readonly string[];
}

export interface CatalogDocument {
  readonly format: typeof CATALOG_FORMAT;
  /** The script that wrote it, and how it was invoked (relative paths only). */
  readonly generator: string;
  readonly sources: Readonly<Record<CatalogSourceId, CatalogSource>>;
  /** By table name, in ordinal order of the names. */
  readonly tables: Readonly<Record<string, CatalogTableEntry>>;
}

/** One column of an entry's `columns` string. */
export interface EncodedColumn {
  readonly name: string;
  readonly type: KqlType;
}

export function encodeColumns(columns: readonly EncodedColumn[]): string {
  return columns.map((c) => `${c.name}:${c.type}`).join(',');
}
