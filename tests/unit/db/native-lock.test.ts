/**
 * How the optional native engine installs (README, "Installing it"): package.json pins
 * @duckdb/node-api exactly as an optional dependency, and package-lock.json names every platform's
 * binary package (scripts/lock-native-platforms.mjs), so that `npm ci` from a fresh clone accepts
 * the lock on every platform; where the binary is missing the engine says what to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NATIVE_PACKAGE,
  NATIVE_VERSION,
  platformPackage,
  unavailableReason,
} from '../../../src/db/native/availability.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    {
      version?: string;
      os?: string[];
      cpu?: string[];
      optional?: boolean;
      optionalDependencies?: Record<string, string>;
    }
  >;
};

describe('native engine packaging', () => {
  it('@duckdb/node-api is an optional dependency pinned to the version the engine expects (DuckDB 1.4.3, as the wasm build)', () => {
    expect(pkg.optionalDependencies?.[NATIVE_PACKAGE]).toBe(NATIVE_VERSION);
    expect(pkg.dependencies?.[NATIVE_PACKAGE]).toBeUndefined();
    expect(lock.packages[`node_modules/${NATIVE_PACKAGE}`]).toMatchObject({
      version: NATIVE_VERSION,
      optional: true,
    });
  });

  it('the lock holds every platform binary the bindings name, each optional and limited to its os and cpu', () => {
    const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
    const platforms = Object.keys(bindings?.optionalDependencies ?? {});
    expect(platforms.sort()).toEqual(
      ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-x64'].map(
        (p) => `@duckdb/node-bindings-${p}`,
      ),
    );
    for (const name of platforms) {
      const [os, cpu] = name.replace('@duckdb/node-bindings-', '').split('-');
      expect(lock.packages[`node_modules/${name}`], name).toMatchObject({
        version: NATIVE_VERSION,
        os: [os],
        cpu: [cpu],
        optional: true,
      });
    }
  });

  it("says what to do when the package or this machine's binary is missing", () => {
    expect(platformPackage('linux', 'x64')).toBe('@duckdb/node-bindings-linux-x64');
    expect(
      unavailableReason(
        new Error("Cannot find module '@duckdb/node-bindings-freebsd-x64/duckdb.node'"),
        'freebsd',
        'x64',
      ),
    ).toMatch(
      /no native DuckDB binary for this machine \(freebsd-x64\).*@duckdb\/node-bindings-freebsd-x64@1\.4\.3-r\.3/,
    );
    expect(
      unavailableReason(new Error("Cannot find package '@duckdb/node-api' imported from /x")),
    ).toMatch(/npm ci without --omit=optional/);
  });
});
