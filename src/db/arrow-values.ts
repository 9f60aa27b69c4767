/**
 * Converts Arrow results (what DuckDB-WASM hands back) into plain JavaScript values that can be
 * JSON-serialised, compared in tests and posted between threads.
 */
import { DataType, TimeUnit, Type, type Table, type Vector } from 'apache-arrow';
import type { ResultColumn, ResultTable } from './engine.ts';
import { nanosecondCell } from './ticks.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** DuckDB's name for an Arrow type, close enough to `typeof` in SQL for display and typing. */
export function sqlTypeOfArrow(t: DataType): string {
  switch (t.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'VARCHAR';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Int: {
      const bits = (t as unknown as { bitWidth: number }).bitWidth;
      return bits === 64
        ? 'BIGINT'
        : bits === 32
          ? 'INTEGER'
          : bits === 16
            ? 'SMALLINT'
            : 'TINYINT';
    }
    case Type.Float:
      return 'DOUBLE';
    case Type.Decimal:
      return 'DECIMAL';
    case Type.Timestamp:
    case Type.Date:
      return 'TIMESTAMP';
    case Type.Interval:
    case Type.Duration:
      return 'INTERVAL';
    case Type.List:
    case Type.FixedSizeList:
      return 'LIST';
    case Type.Struct:
      return 'STRUCT';
    case Type.Map:
      return 'MAP';
    case Type.Null:
      return 'NULL';
    default:
      return String(t);
  }
}

/** One Arrow cell to a plain value (see ResultTable for the representation). */
export function plainValue(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
  switch (t.typeId) {
    case Type.Decimal: {
      // Arrow decimals arrive as scaled integers; DuckDB gives DECIMAL for numeric literals.
      const scale = (t as unknown as { scale: number }).scale;
      const raw = (v as { valueOf(): unknown }).valueOf();
      const n = typeof raw === 'bigint' ? Number(raw) : Number(String(v));
      return n / 10 ** scale;
    }
    case Type.Timestamp:
    case Type.Date:
      return typeof v === 'number' ? v : Number(v);
    case Type.List:
    case Type.FixedSizeList: {
      const child = (t as unknown as { children: { type: DataType }[] }).children[0]!.type;
      return Array.from(v as Iterable<unknown>, (x) => plainValue(x, child));
    }
    case Type.Struct: {
      const fields = (t as unknown as { children: { name: string; type: DataType }[] }).children;
      const out: Record<string, unknown> = {};
      const row = v as Record<string, unknown>;
      for (const f of fields) out[f.name] = plainValue(row[f.name], f.type);
      return out;
    }
    case Type.Interval:
    case Type.Duration:
      return typeof v === 'object' && v !== null && 'valueOf' in v
        ? Number((v as { valueOf(): unknown }).valueOf())
        : v;
    default:
      return v;
  }
}

export function tableToResult(table: Table): ResultTable {
  const columns: ResultColumn[] = table.schema.fields.map((f) => ({
    name: f.name,
    sqlType: sqlTypeOfArrow(f.type),
  }));
  const vectors: Vector[] = table.schema.fields.map((_, i) => table.getChildAt(i)!);
  // Arrow reads a nanosecond timestamp as a double of milliseconds, which cannot hold 100 ns
  // ticks (and rounds .9999999 up to the next second): those columns are read from their integers.
  const nanos = table.schema.fields.map((f, i) =>
    f.type.typeId === Type.Timestamp &&
    (f.type as unknown as { unit: TimeUnit }).unit === TimeUnit.NANOSECOND
      ? nanosecondColumn(vectors[i]!)
      : undefined,
  );
  const rows: unknown[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row = new Array(columns.length);
    for (let c = 0; c < columns.length; c++)
      row[c] = nanos[c]
        ? nanos[c]![r]
        : plainValue(vectors[c]!.get(r), table.schema.fields[c]!.type);
    rows[r] = row;
  }
  return { columns, rows };
}

/** The cells of a nanosecond timestamp column (ticks.ts), read chunk by chunk from its BigInt64 values. */
function nanosecondColumn(v: Vector): unknown[] {
  const out: unknown[] = [];
  for (const chunk of v.data) {
    const values = chunk.values as unknown as BigInt64Array;
    for (let i = 0; i < chunk.length; i++)
      out.push(
        chunk.getValid(i) ? nanosecondCell(values[i]!, (us) => divideBigInts(us, 1000n)) : null,
      );
  }
  return out;
}

/** apache-arrow's reading of a microsecond timestamp (util/bigint divideBigInts), for the same doubles. */
function divideBigInts(n: bigint, d: bigint): number {
  return Number(n / d) + Number(n % d) / Number(d);
}
