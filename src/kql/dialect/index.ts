/** The SQL dialect the translation writes (see sql-dialect.ts for the seam and what it covers). */
import { DUCKDB } from './duckdb.ts';
import type { SqlDialect } from './sql-dialect.ts';

export type { SqlDialect };

export const SQL: SqlDialect = DUCKDB;
