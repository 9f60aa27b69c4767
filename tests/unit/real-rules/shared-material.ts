/**
 * Where the shared, read-only test material lives: `../shared` next to the repository root, so
 * the real-rule tests run the same from this checkout and from a fresh clone beside `shared/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');
export const RULES_DIR = join(SHARED_DIR, 'rules', 'sentinel');
export const SAMPLES_DIR = join(SHARED_DIR, 'samples', 'la-export-bec');

/** True when the shared rules and samples are present (they are not part of the repository). */
export const SHARED_PRESENT = existsSync(RULES_DIR) && existsSync(SAMPLES_DIR);

export function ruleFileNames(): string[] {
  return readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.json') || f.endsWith('.kql'))
    .sort();
}

export function sampleFileNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.csv') || f.endsWith('.json'))
    .sort();
}

export function readRuleText(name: string): string {
  return readFileSync(join(RULES_DIR, name), 'utf8');
}

export function readSample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES_DIR, name)));
}

/** A file of tests/fixtures/real-rules/ (material made for these tests, in the real formats). */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'real-rules', name)));
}

/** The text of a file from a 1-based line and column on, up to the end of that line. */
export function textAt(text: string, line: number, column: number): string {
  return (text.split(/\r?\n/)[line - 1] ?? '').slice(column - 1);
}
