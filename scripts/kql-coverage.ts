/**
 * Generates docs/kql-coverage.md: Loupe's registry against Kusto's built-in catalog
 * (src/kql/catalog/coverage.ts), with each entry's reference examples.
 *
 *   npx tsx scripts/kql-coverage.ts [--check]
 *
 * `--check` compares with the committed page instead of writing it (exit 1 when they differ).
 * Regenerate after adding or refusing a built-in, and after `loupe reference --update-known-failures`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KUSTO_CATALOG } from '../src/kql/catalog/builtins.ts';
import { coverageMarkdown } from '../src/kql/catalog/coverage.ts';
import { repositoryCoverage } from '../src/conformance/reference/coverage-inputs.ts';

export const COVERAGE_DOC = resolve(import.meta.dirname, '..', 'docs', 'kql-coverage.md');

const text = coverageMarkdown(repositoryCoverage(), KUSTO_CATALOG.source);
if (process.argv.includes('--check')) {
  if (readFileSync(COVERAGE_DOC, 'utf8') !== text) {
    process.stderr.write(
      `${COVERAGE_DOC} differs from a fresh generation: run npx tsx scripts/kql-coverage.ts\n`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(COVERAGE_DOC, text);
  process.stderr.write(`wrote ${COVERAGE_DOC}\n`);
}
