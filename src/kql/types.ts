/**
 * The typed intermediate form of the translator: a SQL expression with its KQL type, columns in
 * scope, and a relation (one CTE) with its output schema.
 */
import type { ColumnSchema } from '../schema/catalog.ts';
import type { KqlType } from '../schema/kql-types.ts';

export type { KqlType };

/** A translated scalar: SQL text and the KQL type of its value. `null` is KQL's untyped null literal. */
export interface Typed {
  readonly sql: string;
  readonly type: KqlType | 'null';
  /** Set when the expression is a literal, for rules that depend on it (e.g. `string == 0`). */
  readonly literal?: string | number | boolean | null;
  /**
   * Set when `literal` was computed from literals (`strcat("Sign", "inLogs")`), not written: Kusto
   * takes it where a constant is asked (`table()`), not where a literal is (`assert()`'s message).
   */
  readonly folded?: true;
  /**
   * Set on a datetime whose SQL is the dialect's nanosecond timestamp because it may carry 100 ns
   * ticks below the microsecond (`endofday`, `datetime(… .1234567)`): docs/kql.md, "Datetime precision".
   */
  readonly ticks?: true;
}

/** A column visible to an expression: its KQL name and type, and the SQL that reads it. */
export interface ScopeColumn {
  readonly name: string;
  readonly type: KqlType;
  readonly sql: string;
}

/**
 * The defined row order of a relation. `sort` (also `top`, `serialize`, `range`…) numbers its rows
 * once in a hidden column (ORDER_COLUMN) that order-preserving operators (where, extend, project…)
 * pass on, so the order survives even when the sort keys are projected away.
 *
 * The order is a value, not the physical order of a CTE's rows: no CTE sorts its output (re-sorting
 * millions of rows at every later step cost seconds). What depends on the order reads the column
 * explicitly: `take` (ORDER BY … LIMIT), window functions (OVER (ORDER BY …)), list aggregates
 * (CallSite.rowOrder), innerunique join's first row, toscalar, mv-expand/mv-apply renumbering, and
 * the final SELECT's ORDER BY.
 */
export interface RowOrder {
  /** ORDER BY items over the relation's columns (the hidden order column). */
  readonly clause: string;
}

/** The hidden column holding a sorted relation's row rank; never part of `Relation.columns`. */
export const ORDER_COLUMN = '__loupe_order';

/** The result of a tabular operator: a CTE and its KQL schema. */
export interface Relation {
  readonly cte: string;
  readonly columns: readonly ColumnSchema[];
  readonly order?: RowOrder;
  /**
   * Set (by TranslateContext.translateOperator) on a relation without a defined order whose rows
   * come out of a hash aggregate or hash join (summarize, distinct, join, lookup), or out of an
   * operator over such rows: the order its rows arrive in is undefined in Kusto, and in DuckDB it
   * depends on the engine's threads. List aggregates order such rows by their columns' values
   * instead of by arrival (callSite), so that a replay gives the same report on DuckDB-WASM and on
   * multi-threaded native DuckDB, and run after run.
   */
  readonly arrivalEngineDependent?: true;
  /**
   * Set by a plugin whose columns come from the data (bag_unpack) when the data had no rows at
   * all: its schema is the one Kusto gives an empty input, and a later plugin that names a column
   * such rows would have made (pivot's key) knows why it is missing (docs/kql.md).
   */
  readonly schemaFromNoRows?: true;
}

export const isNumeric = (t: Typed['type']): boolean =>
  t === 'long' || t === 'int' || t === 'real' || t === 'decimal';
export const isIntegral = (t: Typed['type']): boolean => t === 'long' || t === 'int';
export const isStringy = (t: Typed['type']): boolean => t === 'string' || t === 'guid';
