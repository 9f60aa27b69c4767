/**
 * Where the corpus and the known-failures list live, from the repository root, so that any
 * checkout finds them wherever it is run from.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file is src/conformance/paths.ts. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The corpus, kept in the repository (KQL examples from the Kusto documentation with the Kusto
 * engine's answers, harvested by duckdb-kql; sources and licences in THIRD_PARTY_NOTICES.md).
 */
export const DEFAULT_CASES_PATH = resolve(REPO_ROOT, 'tests', 'conformance', 'cases.json');

export const KNOWN_FAILURES_PATH = resolve(
  REPO_ROOT,
  'tests',
  'conformance',
  'known-failures.json',
);
