/**
 * The engine flags `replay` and `translate` share: `--engine wasm` (the default: DuckDB-WASM, the
 * browser's engine) or `--engine native` (native DuckDB 1.4.3, src/db/native/, multi-threaded and
 * out of core), and the native engine's options. An option of the native engine given with the wasm
 * engine is a usage error rather than silently ignored.
 */
import { UsageError, single, type ParsedArgs } from './args.ts';
import type { EngineChoice } from '../session/node.ts';

export const ENGINE_VALUE_FLAGS = ['engine', 'db', 'memory-limit', 'temp-dir', 'threads'] as const;

export const ENGINE_USAGE = `--engine wasm|native chooses the SQL engine: wasm (default) is DuckDB-WASM, the engine the browser
runs; native is native DuckDB 1.4.3 (the optional package @duckdb/node-api), multi-threaded and
out of core, which reads CSV, gzipped CSV and Parquet files in place and expands a quoted glob
FILE ('logs/SigninLogs_*.csv.gz': the matching files, in name order, become one table). Native
options: --db FILE keeps the tables in a DuckDB database file (default: in memory); --memory-limit
SIZE (e.g. 8GB) bounds DuckDB's memory, past which it spills to --temp-dir DIR (default: a new
folder in the system's temp folder, removed at exit); --threads N (default: one per core).`;

const NATIVE_ONLY = ['db', 'memory-limit', 'temp-dir', 'threads'] as const;

export function engineChoice(args: ParsedArgs): EngineChoice {
  const engine = single(args, 'engine') ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'native')
    throw new UsageError(`--engine takes wasm or native, not "${engine}"`);
  if (engine === 'wasm') {
    const given = NATIVE_ONLY.filter((f) => args.values.has(f));
    if (given.length)
      throw new UsageError(
        `${given.map((f) => `--${f}`).join(', ')} ${given.length > 1 ? 'are options' : 'is an option'} of --engine native`,
      );
    return { kind: 'wasm' };
  }
  const threadsText = single(args, 'threads');
  let threads: number | undefined;
  if (threadsText !== undefined) {
    threads = Number(threadsText);
    if (!/^\d+$/.test(threadsText) || threads < 1)
      throw new UsageError(
        `--threads takes a whole number of threads, at least 1, not "${threadsText}"`,
      );
  }
  const memoryLimit = single(args, 'memory-limit');
  if (
    memoryLimit !== undefined &&
    !/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.test(memoryLimit)
  ) {
    throw new UsageError(`--memory-limit takes a size such as 8GB or 512MB, not "${memoryLimit}"`);
  }
  const dbPath = single(args, 'db');
  const tempDirectory = single(args, 'temp-dir');
  return {
    kind: 'native',
    options: {
      ...(dbPath !== undefined && { dbPath }),
      ...(memoryLimit !== undefined && { memoryLimit }),
      ...(tempDirectory !== undefined && { tempDirectory }),
      ...(threads !== undefined && { threads }),
    },
  };
}
