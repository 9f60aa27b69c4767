/**
 * Native DuckDB (`@duckdb/node-api`), the baseline the ingest benchmark compares Loupe with.
 *
 * It is a benchmark-only dependency, installed on first use into bench/.native/ rather than listed
 * in package.json: its package declares platform binaries for macOS, Windows and ARM that this
 * workplace's registry does not serve, and a lock file without them makes `npm ci` (and so a fresh
 * clone's `npm test`) fail. Nothing in the app or the tests uses it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const VERSION = '1.4.3-r.3'; // the same DuckDB (1.4.3) as @duckdb/duckdb-wasm 1.32.0
const dir = fileURLToPath(new URL('./.native/', import.meta.url));

/** The part of @duckdb/node-api the benchmark uses (typed here: the package is not installed for type-checking). */
export interface NativeDuckDB {
  DuckDBInstance: {
    create(
      path: string,
      options?: Record<string, string>,
    ): Promise<{
      connect(): Promise<{
        run(sql: string): Promise<unknown>;
        runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
      }>;
    }>;
  };
}

/** The portal's datetime form, given to native DuckDB's CSV reader. */
const PORTAL_FORMAT = '%m/%d/%Y, %I:%M:%S.%g %p';

/**
 * Native DuckDB's baseline for a portal CSV: one `CREATE TABLE t AS` over `read_csv` with automatic
 * typing and the portal's datetime form (what the ingest benchmarks compare Loupe with).
 */
export function nativeCsvTableSql(path: string): string {
  return `CREATE TABLE t AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true, timestampformat = '${PORTAL_FORMAT}')`;
}

export async function loadNativeDuckDB(): Promise<NativeDuckDB> {
  if (!existsSync(`${dir}node_modules/@duckdb/node-api/package.json`)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(
      `bench: installing @duckdb/node-api@${VERSION} into bench/.native (benchmark only)\n`,
    );
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `@duckdb/node-api@${VERSION}`,
      ],
      { stdio: ['ignore', 2, 2] },
    );
  }
  const require = createRequire(`${dir}package.json`);
  return require('@duckdb/node-api') as NativeDuckDB;
}
