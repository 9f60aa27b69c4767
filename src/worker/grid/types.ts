/**
 * The result grid's questions to the engine worker: a page of a relation (a loaded table, a KQL
 * query or a SQL query), filtered and sorted — always by DuckDB, in SQL, never over an array in
 * JavaScript, so that a table of millions of rows pages as fast as one of ten.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';

export type GridSource =
  | { readonly kind: 'table'; readonly name: string }
  | { readonly kind: 'kql'; readonly text: string }
  | { readonly kind: 'sql'; readonly text: string };

/** One column's filter; values are data, turned into SQL literals by the query builder only. */
export type ColumnFilter =
  | { readonly kind: 'text'; readonly column: string; readonly contains: string }
  | {
      readonly kind: 'number';
      readonly column: string;
      readonly min?: number;
      readonly max?: number;
    }
  /** Epoch milliseconds (UTC), inclusive. */
  | {
      readonly kind: 'time';
      readonly column: string;
      readonly from?: number;
      readonly to?: number;
    };

export interface GridSort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export interface GridQuery {
  readonly source: GridSource;
  readonly filters: readonly ColumnFilter[];
  readonly sort: GridSort | null;
  readonly offset: number;
  readonly limit: number;
  /** Whether to count the matching rows (the first page does; later pages reuse its total). */
  readonly count?: boolean;
}

export interface GridPage {
  readonly columns: readonly ColumnSchema[];
  /** Values decoded for display: dynamic parsed, datetimes ISO text. */
  readonly rows: readonly (readonly unknown[])[];
  readonly offset: number;
  /** Rows matching the filters (the whole result, not just this page); null when not counted. */
  readonly total: number | null;
  /** The SQL that produced the rows (without paging), to show and to reuse. */
  readonly sql: string;
}
