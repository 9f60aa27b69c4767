/**
 * Native DuckDB results (`@duckdb/node-api` values) as the same plain JavaScript values the
 * DuckDB-WASM engine gives (src/db/arrow-values.ts), so that everything above the SqlEngine — the
 * replay, its report, the UI — sees one representation whichever engine ran the query. Each rule
 * here mirrors what Arrow hands DuckDB-WASM's results to, including its oddities (an INTERVAL
 * reads as NaN there, a HUGEINT as DECIMAL), which tests/unit/db/native-engine.test.ts compares
 * value by value on both engines.
 */
import {
  DuckDBTypeId,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ResultColumn, ResultTable } from '../engine.ts';
import { nanosecondCell } from '../ticks.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The type name DuckDB-WASM's Arrow results give the same column (sqlTypeOfArrow). */
export function sqlTypeOfNative(t: DuckDBType): string {
  switch (t.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
      return 'VARCHAR';
    case DuckDBTypeId.BOOLEAN:
      return 'BOOLEAN';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.UTINYINT:
      return 'TINYINT';
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.USMALLINT:
      return 'SMALLINT';
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.SQLNULL:
      // A bare NULL column arrives typed INTEGER in DuckDB-WASM's Arrow results.
      return 'INTEGER';
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
      return 'BIGINT';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'DOUBLE';
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return 'DECIMAL';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.DATE:
      return 'TIMESTAMP';
    case DuckDBTypeId.INTERVAL:
      return 'INTERVAL';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return 'LIST';
    case DuckDBTypeId.STRUCT:
      return 'STRUCT';
    case DuckDBTypeId.MAP:
      return 'MAP';
    case DuckDBTypeId.BLOB:
      return 'Binary';
    case DuckDBTypeId.TIME:
      return 'Time64<MICROSECOND>';
    default:
      return t.toString();
  }
}

/** A 64-bit integer as DuckDB-WASM gives it: a number within ±2^53, else its decimal text. */
function bigintValue(v: bigint): number | string {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
}

/** One native value to the plain value DuckDB-WASM's Arrow result would hold (see ResultTable). */
export function plainNativeValue(v: DuckDBValue, t: DuckDBType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
      return bigintValue(v as bigint);
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return Number(v as bigint);
    case DuckDBTypeId.DECIMAL: {
      // The same arithmetic as arrow-values.ts: the scaled integer as a number, then divided.
      const d = v as { value: bigint; scale: number };
      return Number(d.value) / 10 ** d.scale;
    }
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      // Epoch milliseconds with the microseconds as a fraction, as Arrow's microsecond timestamps read.
      return Number((v as { micros: bigint }).micros) / 1000;
    case DuckDBTypeId.TIMESTAMP_MS:
      return Number((v as { millis: bigint }).millis);
    case DuckDBTypeId.TIMESTAMP_S:
      return Number((v as { seconds: bigint }).seconds) * 1000;
    case DuckDBTypeId.TIMESTAMP_NS:
      // As arrow-values.ts reads them (ticks.ts): ticks below the microsecond as 7-digit ISO text.
      return nanosecondCell((v as { nanos: bigint }).nanos, (us) => Number(us) / 1000);
    case DuckDBTypeId.DATE:
      return (v as { days: number }).days * 86_400_000;
    case DuckDBTypeId.TIME:
      return Number((v as { micros: bigint }).micros);
    case DuckDBTypeId.INTERVAL:
      // Arrow's interval vector reads as NaN in DuckDB-WASM's results (arrow-values.ts); Loupe's
      // SQL returns timespans as microseconds, never as INTERVAL, so this only keeps the two alike.
      return NaN;
    case DuckDBTypeId.UUID:
      return String(v);
    case DuckDBTypeId.BLOB:
      return (v as { bytes: Uint8Array }).bytes;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const child = (t as unknown as { valueType: DuckDBType }).valueType;
      return (v as { items: readonly DuckDBValue[] }).items.map((x) => plainNativeValue(x, child));
    }
    case DuckDBTypeId.STRUCT: {
      const s = t as unknown as {
        entryNames: readonly string[];
        entryTypes: readonly DuckDBType[];
      };
      const entries = (v as { entries: Readonly<Record<string, DuckDBValue>> }).entries;
      const out: Record<string, unknown> = {};
      s.entryNames.forEach((name, i) => {
        out[name] = plainNativeValue(entries[name] ?? null, s.entryTypes[i]!);
      });
      return out;
    }
    case DuckDBTypeId.MAP: {
      const m = t as unknown as { keyType: DuckDBType; valueType: DuckDBType };
      const out: Record<string, unknown> = {};
      for (const e of (v as { entries: readonly { key: DuckDBValue; value: DuckDBValue }[] })
        .entries) {
        out[String(plainNativeValue(e.key, m.keyType))] = plainNativeValue(e.value, m.valueType);
      }
      return out;
    }
    default:
      return typeof v === 'bigint' ? bigintValue(v) : v;
  }
}

/** A whole native result as the engine's ResultTable. */
export function nativeResult(reader: DuckDBResultReader): ResultTable {
  const types = reader.columnTypes();
  const columns: ResultColumn[] = reader
    .columnNames()
    .map((name, i) => ({ name, sqlType: sqlTypeOfNative(types[i]!) }));
  const rows = reader.getRows().map((row) => row.map((v, i) => plainNativeValue(v, types[i]!)));
  return { columns, rows };
}
