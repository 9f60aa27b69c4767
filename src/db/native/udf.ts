/**
 * Loupe's JavaScript scalar functions (the KQL runtime, ingest's dynamic canonicaliser) on native
 * DuckDB's connection, called exactly as DuckDB-WASM 1.32 calls them, so that a query gives the
 * same answer, or the same error, on both engines:
 *
 * - arguments: VARCHAR → string, DOUBLE/INTEGER → number, SQL NULL → null; any other argument type
 *   fails the query with DuckDB-WASM's message ("Unsupported UDF argument type BIGINT"); the
 *   function is called for NULL arguments too (DuckDB's C API would skip them without
 *   "special handling");
 * - results: VARCHAR as `String(value || '')` (DuckDB-WASM encodes `value || ""`), INTEGER through a
 *   32-bit integer conversion (an Int32Array store), and DOUBLE **declared FLOAT**, as DuckDB-WASM
 *   declares it (docs/kql.md: its Arrow type switch matches the generic Float id first), so a real
 *   returned as DOUBLE keeps 32 bits on both engines; null/undefined → NULL;
 * - an exception fails the query with DuckDB-WASM's message, `Invalid Error: ` + String(error)
 *   (native-worker.ts rewrites the query's error with the first one recorded here).
 *
 * The functions run on the native engine's worker thread: DuckDB's threads call into it and wait.
 */
import {
  DuckDBScalarFunction,
  DuckDBTypeId,
  FLOAT,
  INTEGER,
  VARCHAR,
  ANY,
  type DuckDBType,
} from '@duckdb/node-api';
import type { ScalarUdf, UdfType } from '../engine.ts';

const ARGUMENT_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.INTEGER,
]);

function returnTypeOf(t: UdfType): DuckDBType {
  switch (t) {
    case 'VARCHAR':
      return VARCHAR;
    case 'DOUBLE':
      return FLOAT;
    case 'INTEGER':
      return INTEGER;
  }
}

/** A function's result as DuckDB-WASM stores it for the declared type. */
export function resultAs(t: UdfType, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  switch (t) {
    case 'VARCHAR':
      return String(v || '');
    case 'INTEGER':
      return Number(v) | 0;
    case 'DOUBLE':
      return Math.fround(Number(v));
  }
}

/** How a SQL type is named in DuckDB-WASM's "Unsupported UDF argument type" message. */
function argumentTypeName(t: DuckDBType): string {
  return t.typeId === DuckDBTypeId.SQLNULL ? '"NULL"' : t.toString();
}

/** The first failure of a function during the statement running now (the worker reads and clears it). */
export interface UdfFailures {
  first: string | undefined;
}

export function nativeScalarFunction(udf: ScalarUdf, failures: UdfFailures): DuckDBScalarFunction {
  const fail = (info: { setError(e: string): void }, message: string) => {
    failures.first ??= message;
    info.setError(message);
  };
  return DuckDBScalarFunction.create({
    name: udf.name,
    returnType: returnTypeOf(udf.returns),
    varArgsType: ANY,
    specialHandling: true,
    mainFunction: (info, input, output) => {
      const columns = Array.from({ length: input.columnCount }, (_, i) => input.getColumnVector(i));
      for (const c of columns) {
        if (!ARGUMENT_TYPES.has(c.type.typeId))
          return fail(info, `Unsupported UDF argument type ${argumentTypeName(c.type)}`);
      }
      const args: unknown[] = new Array(columns.length);
      for (let r = 0; r < input.rowCount; r++) {
        for (let i = 0; i < columns.length; i++) args[i] = columns[i]!.getItem(r);
        let value: unknown;
        try {
          value = udf.fn(...args);
        } catch (e) {
          return fail(info, String(e));
        }
        (output as { setItem(i: number, v: unknown): void }).setItem(
          r,
          resultAs(udf.returns, value),
        );
      }
      output.flush();
    },
  });
}
