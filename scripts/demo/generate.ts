/**
 * Writes Loupe's demo and the test fixtures cut from it (scripts/demo/outputs.ts lists them).
 *
 *   npx tsx scripts/demo/generate.ts           write every file
 *   npx tsx scripts/demo/generate.ts --check   exit 1 naming each file that differs from a fresh run
 *
 * Deterministic: a fixed seed, no clock, no network. tests/unit/demo/generator.test.ts runs the
 * same check, so a change to the generator must come with the regenerated files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'fflate';
import { demoOutputs, failedPortalLogons, ingestOutputs, type Outputs } from './outputs.ts';
import { makeTenant } from './tenant-story.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function generateAll(): Outputs {
  const tenant = makeTenant();
  return new Map([...demoOutputs(tenant), ...ingestOutputs(tenant), ...failedPortalLogons()]);
}

/** The content to compare: a gzip file by what it holds (its bytes could differ with another compressor build). */
export function comparable(path: string, bytes: Uint8Array): Uint8Array {
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Paths whose committed file is missing or differs from `outputs`. */
export function differences(outputs: Outputs, root = REPO_ROOT): string[] {
  const bad: string[] = [];
  for (const [path, bytes] of outputs) {
    const file = join(root, path);
    if (
      !existsSync(file) ||
      !sameBytes(comparable(path, new Uint8Array(readFileSync(file))), comparable(path, bytes))
    )
      bad.push(path);
  }
  return bad;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outputs = generateAll();
  if (process.argv.includes('--check')) {
    const bad = differences(outputs);
    for (const p of bad) console.error(`differs from a fresh run: ${p}`);
    process.exit(bad.length === 0 ? 0 : 1);
  }
  for (const [path, bytes] of outputs) {
    mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
    writeFileSync(join(REPO_ROOT, path), bytes);
  }
  console.error(`wrote ${outputs.size} files`);
}
