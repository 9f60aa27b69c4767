/**
 * Loupe's result against the table a documentation page shows. The page gives cell *texts* as
 * Kusto displays values, not typed values, so each cell is read as the type of Loupe's column
 * (its declared KQL type) and compared by meaning, as strictly as the text allows:
 * - long/int: the text must be an integer, equal exactly;
 * - real/decimal: a number (or NaN/Infinity/-Infinity), within 1e-9 relative: the pages show
 *   Kusto's full-precision display, so a hand-rounded page value is a documented override;
 * - bool: `true`/`false` (any case: the pages mix Kusto.Explorer's True and the web's true), or
 *   `1`/`0`, as pages made with Kusto's older clients show a bool (its CLR type is SByte);
 * - datetime: an ISO instant (`2023-01-01T00:00:00Z`, `2023-01-01 00:00:00.0000000`), equal to
 *   the 100-ns tick; timespan: `[-][d.]hh:mm:ss[.fffffff]`, equal to the tick;
 * - dynamic: JSON (bags regardless of key order, arrays in order unless the column comes from
 *   make_set/set_union…, numbers as in compare.ts); a cell that is not JSON is a dynamic string;
 * - string and guid: the exact text (guids case and all);
 * - an empty cell is how Kusto displays null (and, for a string, the empty string).
 * Columns must have the same names in the same order, DuckDB's type of each the declared one's,
 * rows the same count; rows are in order when the query sorts, a multiset otherwise (as in
 * compare.ts).
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { compareNormRows, sqlTypeMismatch, type ActualResult, type Mismatch } from '../compare.ts';
import { parseJsonLossless } from '../lossless-json.ts';
import {
  isoToTicks,
  kustoTypeOf,
  normalizeActual,
  timespanToTicks,
  type Norm,
} from '../normalize.ts';
import type { DocTable } from './fixtures.ts';

const unreadable = (v: unknown): Norm => ({ k: 'unreadable', v });

/** A documented cell text read as a value of `type`. */
export function readDocCell(text: string, type: KqlType): Norm {
  const t = text.trim();
  if (type === 'string') return { k: 'text', v: text };
  // A guid is never empty: an empty cell is a null guid, as Loupe's result has it.
  if (t === '') return type === 'dynamic' ? { k: 'json', v: null } : { k: 'null' };
  if (type === 'guid') return { k: 'text', v: text };
  switch (type) {
    case 'long':
    case 'int':
      return /^-?\d+$/.test(t) ? { k: 'int', v: BigInt(t) } : unreadable(text);
    case 'real':
    case 'decimal': {
      if (t === 'NaN') return { k: 'real', v: NaN };
      if (/^\+?(Infinity|∞)$/.test(t)) return { k: 'real', v: Infinity };
      if (/^-(Infinity|∞)$/.test(t)) return { k: 'real', v: -Infinity };
      return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)
        ? { k: 'real', v: Number(t) }
        : unreadable(text);
    }
    case 'bool':
      return /^(true|1)$/i.test(t)
        ? { k: 'bool', v: true }
        : /^(false|0)$/i.test(t)
          ? { k: 'bool', v: false }
          : unreadable(text);
    case 'datetime': {
      const ticks = isoToTicks(t);
      return ticks === undefined ? unreadable(text) : { k: 'ticks', v: ticks };
    }
    case 'timespan': {
      const ticks = timespanToTicks(t);
      return ticks === undefined ? unreadable(text) : { k: 'ticks', v: ticks };
    }
    case 'dynamic':
      try {
        return { k: 'json', v: parseJsonLossless(t) };
      } catch {
        return { k: 'json', v: t };
      }
  }
}

export interface DocCompareOptions {
  /** The query sorts its output: rows must come in the page's order. */
  readonly orderedRows: boolean;
  /** Result columns whose outer array Kusto leaves unordered (make_set, set_union…). */
  readonly unorderedColumns: ReadonlySet<string>;
}

export function compareWithDocTable(
  expected: DocTable,
  actual: ActualResult,
  options: DocCompareOptions,
): Mismatch | undefined {
  const names = actual.columns.map((c) => c.name);
  if (names.length !== expected.columns.length || names.some((n, i) => n !== expected.columns[i])) {
    return { kind: 'column-names', expected: expected.columns, actual: names };
  }
  const sqlType = sqlTypeMismatch(actual);
  if (sqlType) return sqlType;
  if (actual.rows.length !== expected.rows.length)
    return { kind: 'row-count', expected: expected.rows.length, actual: actual.rows.length };
  const types = actual.columns.map((c) => c.type);
  const exp = expected.rows.map((r) => r.map((text, i) => readDocCell(text, types[i]!)));
  const act = actual.rows.map((r) => r.map((v, i) => normalizeActual(v, types[i]!)));
  return compareNormRows(exp, act, {
    orderedRows: options.orderedRows,
    unordered: names.map((n) => options.unorderedColumns.has(n)),
    types: types.map(kustoTypeOf),
    columns: names,
  });
}
