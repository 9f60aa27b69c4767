// Puts every platform package of native DuckDB into package-lock.json.
//
// @duckdb/node-api (an optional dependency: the CLI's --engine native) reaches its compiled library
// through @duckdb/node-bindings, whose optionalDependencies name one package per platform. `npm ci`
// refuses a lock that lacks any of them ("Missing: @duckdb/node-bindings-darwin-arm64@ from lock
// file"), and `npm install` writes only the packages the registry it asked could serve — a registry
// that serves linux-x64 alone gives a lock on which `npm ci` fails everywhere. This script adds the
// missing ones (version, os, cpu, optional), so that `npm ci` works on every platform: each machine
// installs its own binary from the registry, and one without a binary skips it (the native engine
// then says it is unavailable and why; the app and --engine wasm need nothing from it).
// Run it after `npm install` rewrote the lock; tests/unit/db/native-lock.test.ts checks the result.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const BINDINGS = 'node_modules/@duckdb/node-bindings';

/** The os and cpu of a platform package named @duckdb/node-bindings-<os>-<cpu>. */
function platformOf(name) {
  const m = /^@duckdb\/node-bindings-([a-z0-9]+)-([a-z0-9]+)$/.exec(name);
  if (!m) throw new Error(`lock-native-platforms: unexpected package name ${name}`);
  return { os: [m[1]], cpu: [m[2]] };
}

const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const bindings = lock.packages[BINDINGS];
if (!bindings)
  throw new Error(
    `lock-native-platforms: ${BINDINGS} is not in package-lock.json (npm install first)`,
  );
const added = [];
for (const [name, version] of Object.entries(bindings.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  lock.packages[key] = { version, ...platformOf(name), license: 'MIT', optional: true };
  added.push(`${name}@${version}`);
}
// npm keeps the lock's packages sorted by path.
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(
  added.length
    ? `lock-native-platforms: added ${added.join(', ')}\n`
    : 'lock-native-platforms: every platform package is in the lock\n',
);
