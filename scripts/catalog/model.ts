/** What the generator reads from each source, before the sources are merged into the catalog. */
import type { CatalogSourceId } from '../../src/schema/catalog-format.ts';
import type { KqlType } from '../../src/schema/kql-types.ts';

export interface SourceColumn {
  readonly name: string;
  readonly type: KqlType;
  /** The type as the source writes it (`DateTime`, `Int64`…), for disagreement notes. */
  readonly spelling: string;
}

export interface SourceTable {
  readonly name: string;
  readonly source: CatalogSourceId;
  /** The file in the source repository. */
  readonly path: string;
  readonly commit: string;
  readonly columns: readonly SourceColumn[];
  /** What the reader found about this table alone (a fixed type, a column listed twice…). */
  readonly notes: readonly string[];
  /** The table name the file declares inside, when it is not the one its file name gives. */
  readonly declaredName?: string;
}

export interface SourceRead {
  readonly tables: readonly SourceTable[];
  /** What the reader found about the source as a whole (files skipped and why). */
  readonly notes: readonly string[];
  /** The commit every file was read at, when there is one. */
  readonly commit?: string;
}

/** Column and table names the catalog accepts: KQL identifiers, as Log Analytics allows them. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
