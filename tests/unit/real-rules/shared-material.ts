/**
 * The real-rule tests' material: the 18 published Sentinel rules, kept in the repository
 * (tests/fixtures/rules/sentinel/, MIT; THIRD_PARTY_NOTICES.md), and the la-export-bec sign-in
 * exports, which Loupe may not redistribute: read from ../shared beside the repository when it is
 * there (tests/support/material.ts), otherwise the tests over them are skipped with a line saying so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fixturePath,
  LA_EXPORT_BEC,
  missing,
  REPO_ROOT,
  SHARED_DIR,
} from '../../support/material.ts';

export { REPO_ROOT, SHARED_DIR };
export const RULES_DIR = fixturePath('rules', 'sentinel');
export const SAMPLES_DIR = LA_EXPORT_BEC.path();

/** True when the la-export-bec samples are missing; says once which tests are skipped for it. */
export function samplesMissing(what: string): boolean {
  return missing(LA_EXPORT_BEC, what);
}

export function ruleFileNames(): string[] {
  return readdirSync(RULES_DIR)
    .filter(
      (f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.json') || f.endsWith('.kql'),
    )
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
  return LA_EXPORT_BEC.read(name);
}

/** A file of tests/fixtures/real-rules/ (material made for these tests, in the real formats). */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath('real-rules', name)));
}

/** The text of a file from a 1-based line and column on, up to the end of that line. */
export function textAt(text: string, line: number, column: number): string {
  return (text.split(/\r?\n/)[line - 1] ?? '').slice(column - 1);
}
