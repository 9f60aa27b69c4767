/**
 * The strict comparison of Loupe's result with Kusto's. A lenient comparator would hide exactly
 * the bugs the corpus exists to find, so each check below only normalises *representation*
 * (see normalize.ts), never meaning:
 * 1. the same column names in the same order;
 * 2. the same column types (Loupe's KQL types mapped to Kusto's CLR names);
 * 3. the same number of rows;
 * 3. DuckDB's own type for each result column is the one the translator declares it has (a long
 *    computed as INTEGER, or a number as VARCHAR, is a bug even when the values look equal);
 * 4. equal values, each read as its declared type without conversion (5 is not "5", true not 1):
 *    integers exactly, reals within 1e-9 relative (NaN equals NaN), datetimes and timespans to the
 *    tick, guids as written, dynamic values as JSON (bags regardless of key order; integers
 *    exactly, reals with the tolerance; arrays in order, except the outer array of a column a set
 *    function produced — make_set, set_union… — whose order Kusto leaves undefined);
 * 5. rows in order when the query sorts (and no partition, summarize, join, union or distinct
 *    follows its last sort: query-shape.ts), as a multiset otherwise.
 * The first difference found is returned, in that order of checks.
 */
import { sqlStorageType, type KqlType } from '../schema/kql-types.ts';
import type { ExpectedResult, KustoType } from './cases.ts';
import {
  kustoTypeOf,
  normalizeActual,
  normalizeExpected,
  showNorm,
  type Norm,
} from './normalize.ts';

/** Loupe's answer: the translation's declared columns, DuckDB's type for each, and the engine's raw rows. */
export interface ActualResult {
  readonly columns: readonly { readonly name: string; readonly type: KqlType }[];
  /** DuckDB's type of each result column, as the engine reports it (`BIGINT`, `VARCHAR`…). */
  readonly sqlTypes: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface CompareOptions {
  /** The query sorts its output (sort/order/top/serialize): rows must come in Kusto's order. */
  readonly orderedRows: boolean;
  /** Result columns whose outer array is compared as a multiset (from make_set, set_union…: query-shape.ts). */
  readonly unorderedColumns: ReadonlySet<string>;
}

/**
 * DuckDB's type of a result column of each KQL type: the storage type (src/schema/kql-types.ts),
 * except timespans, which the translator's final SELECT outputs as BIGINT microseconds.
 */
export function resultSqlType(t: KqlType): string {
  return t === 'timespan' ? 'BIGINT' : sqlStorageType(t);
}

/** The first column whose DuckDB type is not its declared type's (a column of SQL NULLs has DuckDB's NULL type and holds nothing to misread). */
export function sqlTypeMismatch(actual: ActualResult): Mismatch | undefined {
  for (let i = 0; i < actual.columns.length; i++) {
    const c = actual.columns[i]!;
    const got = actual.sqlTypes[i] ?? '?';
    if (got !== resultSqlType(c.type) && got !== 'NULL')
      return { kind: 'sql-type', column: c.name, declared: c.type, sqlType: got };
  }
  return undefined;
}

export type Mismatch =
  | {
      readonly kind: 'column-names';
      readonly expected: readonly string[];
      readonly actual: readonly string[];
    }
  | {
      readonly kind: 'column-type';
      readonly column: string;
      readonly expected: KustoType;
      readonly actual: KustoType;
    }
  | {
      readonly kind: 'sql-type';
      readonly column: string;
      readonly declared: KqlType;
      readonly sqlType: string;
    }
  | { readonly kind: 'row-count'; readonly expected: number; readonly actual: number }
  | {
      readonly kind: 'value';
      readonly row: number;
      readonly column: string;
      readonly type: KustoType;
      readonly expected: string;
      readonly actual: string;
    }
  | { readonly kind: 'missing-row'; readonly row: number; readonly expected: string }
  | { readonly kind: 'row-order'; readonly row: number };

/** Relative tolerance for reals: Kusto and DuckDB may round the last bits differently. */
export const REAL_TOLERANCE = 1e-9;

export function realsEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true; // also equal infinities
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= REAL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * JSON values: integers exactly (BigInt beyond ±2^53), other numbers by realsEqual, bags by key
 * set, arrays in order — or, when `unorderedOuter`, this array as a multiset (its elements still
 * compared in order inside).
 */
export function jsonEqual(a: unknown, b: unknown, unorderedOuter = false): boolean {
  if (a === null || b === null) return a === b;
  const num = (x: unknown) => typeof x === 'number' || typeof x === 'bigint';
  if (num(a) || num(b)) {
    if (!num(a) || !num(b)) return false;
    if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      // One side beyond ±2^53: equal only when the other is the same integer exactly.
      const big = (typeof a === 'bigint' ? a : b) as bigint;
      const other = (typeof a === 'bigint' ? b : a) as number;
      return Number.isInteger(other) && BigInt(other) === big;
    }
    // Two integers are a long's values: no tolerance (1000000000 is not 1000000001). A number
    // beyond ±2^53 here was written with a fraction or an exponent (parseJsonLossless reads a
    // plain integer that large as a BigInt): a real, compared with the tolerance.
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a === b;
    return realsEqual(a as number, b as number);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    if (!unorderedOuter) return a.every((x, i) => jsonEqual(x, b[i]));
    const used = new Array<boolean>(b.length).fill(false);
    return a.every((x) => {
      const j = b.findIndex((y, k) => !used[k] && jsonEqual(x, y));
      if (j < 0) return false;
      used[j] = true;
      return true;
    });
  }
  if (typeof a === 'object' || typeof b === 'object') {
    if (typeof a !== 'object' || typeof b !== 'object') return false;
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length) return false;
    return ka.every(
      (k) =>
        Object.hasOwn(b as object, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return a === b; // strings and booleans: exact
}

export function normsEqual(a: Norm, b: Norm, unorderedOuter: boolean): boolean {
  if (a.k === 'unreadable' || b.k === 'unreadable') return false;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'null':
      return true;
    case 'real':
      return realsEqual(a.v, (b as typeof a).v);
    case 'json':
      return jsonEqual(a.v, (b as typeof a).v, unorderedOuter);
    default:
      return a.v === (b as typeof a).v;
  }
}

export function compareResults(
  expected: ExpectedResult,
  actual: ActualResult,
  options: CompareOptions,
): Mismatch | undefined {
  const actualNames = actual.columns.map((c) => c.name);
  if (
    actualNames.length !== expected.columns.length ||
    actualNames.some((n, i) => n !== expected.columns[i])
  ) {
    return { kind: 'column-names', expected: expected.columns, actual: actualNames };
  }
  for (let i = 0; i < expected.columns.length; i++) {
    const got = kustoTypeOf(actual.columns[i]!.type);
    if (got !== expected.columnTypes[i])
      return {
        kind: 'column-type',
        column: expected.columns[i]!,
        expected: expected.columnTypes[i]!,
        actual: got,
      };
  }
  const sqlType = sqlTypeMismatch(actual);
  if (sqlType) return sqlType;
  if (actual.rows.length !== expected.rows.length)
    return { kind: 'row-count', expected: expected.rows.length, actual: actual.rows.length };

  const types = expected.columnTypes;
  const exp = expected.rows.map((r) => r.map((v, i) => normalizeExpected(v, types[i]!)));
  const act = actual.rows.map((r) => r.map((v, i) => normalizeActual(v, actual.columns[i]!.type)));
  const unordered = expected.columns.map((n) => options.unorderedColumns.has(n));
  return compareNormRows(exp, act, {
    orderedRows: options.orderedRows,
    unordered,
    types,
    columns: expected.columns,
  });
}

/** How two tables of normalised cells are compared (also used for the documentation's tables, reference/compare-doc.ts). */
export interface RowCompareOptions {
  readonly orderedRows: boolean;
  /** Per column: its arrays are compared as multisets. */
  readonly unordered: readonly boolean[];
  /** Per column: the type, for showing values. */
  readonly types: readonly KustoType[];
  readonly columns: readonly string[];
}

/** Rows in order (or as a multiset), cell by cell; the first difference found, or undefined. */
export function compareNormRows(
  exp: readonly (readonly Norm[])[],
  act: readonly (readonly Norm[])[],
  options: RowCompareOptions,
): Mismatch | undefined {
  const { types, unordered } = options;
  const cellEqual = (e: Norm, a: Norm, i: number) => normsEqual(e, a, unordered[i]!);
  const rowEqual = (e: readonly Norm[], a: readonly Norm[]) =>
    e.every((x, i) => cellEqual(x, a[i]!, i));

  if (options.orderedRows) {
    for (let r = 0; r < exp.length; r++) {
      const c = exp[r]!.findIndex((x, i) => !cellEqual(x, act[r]![i]!, i));
      if (c < 0) continue;
      // Tell a wrong order apart from wrong values: it points at a different translator bug.
      if (matchAsMultiset(exp, act, rowEqual) === undefined) return { kind: 'row-order', row: r };
      return valueMismatch(r, c, exp[r]![c]!, act[r]![c]!);
    }
    return undefined;
  }
  const used = new Array<boolean>(act.length).fill(false);
  const missing = matchAsMultiset(exp, act, rowEqual, used);
  if (missing === undefined) return undefined;
  // Point at a cell: the actual row left unpaired that shares the most cells with the missing one.
  const partner = closestRow(exp[missing]!, act, used, cellEqual);
  if (partner !== undefined) {
    const c = exp[missing]!.findIndex((x, i) => !cellEqual(x, act[partner]![i]!, i));
    if (c >= 0) return valueMismatch(missing, c, exp[missing]![c]!, act[partner]![c]!);
  }
  return {
    kind: 'missing-row',
    row: missing,
    expected: exp[missing]!.map((x, i) => showNorm(x, types[i]!)).join(', '),
  };

  function valueMismatch(row: number, col: number, e: Norm, a: Norm): Mismatch {
    const type = types[col]!;
    return {
      kind: 'value',
      row,
      column: options.columns[col]!,
      type,
      expected: showNorm(e, type),
      actual: showNorm(a, type),
    };
  }
}

/** Pairs each expected row with an unused equal actual row; returns the first expected row left without one. */
function matchAsMultiset(
  exp: readonly (readonly Norm[])[],
  act: readonly (readonly Norm[])[],
  eq: (e: readonly Norm[], a: readonly Norm[]) => boolean,
  used: boolean[] = new Array<boolean>(act.length).fill(false),
): number | undefined {
  for (let r = 0; r < exp.length; r++) {
    const j = act.findIndex((a, k) => !used[k] && eq(exp[r]!, a));
    if (j < 0) return r;
    used[j] = true;
  }
  return undefined;
}

/** Among the actual rows not paired yet, the one sharing the most cells with `row`. */
function closestRow(
  row: readonly Norm[],
  act: readonly (readonly Norm[])[],
  used: readonly boolean[],
  cellEqual: (e: Norm, a: Norm, i: number) => boolean,
): number | undefined {
  let best: number | undefined;
  let bestScore = -1;
  act.forEach((a, j) => {
    if (used[j]) return;
    const score = row.filter((x, i) => cellEqual(x, a[i]!, i)).length;
    if (score > bestScore) {
      best = j;
      bestScore = score;
    }
  });
  return best;
}

/** One line saying what differs, for the known-failures list and the report. */
export function describeMismatch(m: Mismatch): string {
  switch (m.kind) {
    case 'column-names':
      return `columns differ: expected [${m.expected.join(', ')}], got [${m.actual.join(', ')}]`;
    case 'column-type':
      return `column ${m.column}: expected type ${m.expected}, got ${m.actual}`;
    case 'sql-type':
      return `column ${m.column}: declared ${m.declared}, but DuckDB returns ${m.sqlType}`;
    case 'row-count':
      return `expected ${m.expected} rows, got ${m.actual}`;
    case 'value':
      return `row ${m.row}, column ${m.column} (${m.type}): expected ${m.expected}, got ${m.actual}`;
    case 'missing-row':
      return `expected row ${m.row} [${m.expected}] not found`;
    case 'row-order':
      return `rows in a different order from row ${m.row} (the query sorts)`;
  }
}

/** A short category for grouping failures in the summary (what to fix, not which case). */
export function mismatchGroup(m: Mismatch): string {
  switch (m.kind) {
    case 'column-names':
      return 'wrong column names or order';
    case 'column-type':
      return `wrong column type: ${m.expected} expected, got ${m.actual}`;
    case 'sql-type':
      return `DuckDB's column type differs from the declared one: ${m.declared} as ${m.sqlType}`;
    case 'row-count':
      return 'wrong number of rows';
    case 'value':
      return `wrong value in a ${m.type} column`;
    case 'missing-row':
      return 'rows differ';
    case 'row-order':
      return 'rows in the wrong order';
  }
}
