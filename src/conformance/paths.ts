/**
 * Where the corpus and the known-failures list live, from the repository root, so that a fresh
 * clone next to `shared/` finds them wherever it is run from.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file is src/conformance/paths.ts. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The corpus shared by every Loupe checkout: ../shared/kql-conformance/cases.json. */
export const DEFAULT_CASES_PATH = resolve(REPO_ROOT, '..', 'shared', 'kql-conformance', 'cases.json');

export const KNOWN_FAILURES_PATH = resolve(REPO_ROOT, 'tests', 'conformance', 'known-failures.json');
