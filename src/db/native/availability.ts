/**
 * Whether native DuckDB can run on this machine, and if not, why, in words an analyst can act on.
 *
 * `@duckdb/node-api` is an optional dependency pinned to the DuckDB of the wasm build (1.4.3). Its
 * bindings package pulls one platform package with the compiled library (linux-x64, linux-arm64,
 * darwin-x64, darwin-arm64, win32-x64); npm installs the one for this machine, skips the others,
 * and skips the whole engine where npm cannot (an unsupported platform, `--omit=optional`, a
 * registry without that binary). The browser app and `--engine wasm` never need it.
 */

/** The package, pinned in package.json's optionalDependencies: DuckDB 1.4.3, as @duckdb/duckdb-wasm 1.32.0. */
export const NATIVE_PACKAGE = '@duckdb/node-api';
export const NATIVE_VERSION = '1.4.3-r.3';

/** The platform package that holds the compiled DuckDB for this machine. */
export function platformPackage(
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return `@duckdb/node-bindings-${platform}-${arch}`;
}

/** Why loading the native package failed, as one sentence naming what to do. */
export function unavailableReason(
  error: unknown,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const binary = platformPackage(platform, arch);
  if (message.includes(binary) || /unsupported arch|native binding/i.test(message)) {
    return `there is no native DuckDB binary for this machine (${platform}-${arch}): the optional package ${binary}@${NATIVE_VERSION} is not installed (npm installs it only on the platforms DuckDB publishes it for: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64)`;
  }
  if (/Cannot find (module|package)/i.test(message) && message.includes(NATIVE_PACKAGE)) {
    return `the optional package ${NATIVE_PACKAGE}@${NATIVE_VERSION} is not installed (run npm ci without --omit=optional)`;
  }
  return `native DuckDB could not be loaded: ${message.split('\n')[0]}`;
}
