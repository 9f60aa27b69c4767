/**
 * Where test material comes from. Material Loupe may redistribute is in the repository
 * (tests/fixtures/, tests/conformance/, static/demo/; each source and licence is in
 * THIRD_PARTY_NOTICES.md), so a clone with nothing beside it runs the tests. Material Loupe may
 * not redistribute is read from `../shared` beside the repository when it is there (CI has it);
 * without it, the tests that need it are skipped, and each skip prints one line saying what was
 * skipped and why — never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');
export const DEMO_DIR = join(REPO_ROOT, 'static', 'demo');

/** A path under tests/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return join(FIXTURES_DIR, ...parts);
}

/** A file of the generated demo (static/demo/), its bytes as the file holds them. */
export function demoBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DEMO_DIR, name)));
}

/** A demo file's content as the portal exported it (gzipped files inflated). */
export function demoCsv(name: string): Uint8Array {
  const bytes = demoBytes(name);
  return name.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : bytes;
}

/** Material that lives only in ../shared, and why it is not in the repository. */
export interface SharedMaterial {
  /** Path under ../shared. */
  readonly relative: string;
  readonly why: string;
  readonly present: boolean;
  path(...parts: string[]): string;
  read(...parts: string[]): Uint8Array;
}

function shared(relative: string, why: string): SharedMaterial {
  const dir = join(SHARED_DIR, relative);
  return {
    relative,
    why,
    present: existsSync(dir),
    path: (...parts) => join(dir, ...parts),
    read: (...parts) => new Uint8Array(readFileSync(join(dir, ...parts))),
  };
}

/** The real Log Analytics export of the BEC lab (IsaacDunham/bec_telemetry): published without a licence. */
export const LA_EXPORT_BEC = shared(
  'samples/la-export-bec',
  'a real export published without a licence, so Loupe may not ship it',
);

const announced = new Set<string>();

/**
 * True when `material` is missing, after printing (once per test file) the line that says which
 * tests are skipped and why. Use as `describe.skipIf(missing(LA_EXPORT_BEC, 'the seed rule over the real export'))`.
 */
export function missing(material: SharedMaterial, what: string): boolean {
  if (material.present) return false;
  const line = `skipped: ${what} — needs ../shared/${material.relative} (${material.why}), which is not beside this checkout`;
  if (!announced.has(line)) {
    announced.add(line);
    console.log(line);
  }
  return true;
}
