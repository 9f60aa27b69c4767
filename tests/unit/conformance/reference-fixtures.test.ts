/**
 * The harvested reference examples are what the harvester makes of the documentation (never
 * edited by hand), and their corrections are reviewed overrides with reasons.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadReferencePages,
  loadRunnableExamples,
  pageKinds,
  parseOverrides,
  REFERENCE_OVERRIDES_PATH,
  runnableExamples,
} from '../../../src/conformance/reference/fixtures.ts';
import { REPO_ROOT } from '../../../src/conformance/paths.ts';
import { entriesNamed } from '../../../src/conformance/reference/uses.ts';

const DOCS_MIRROR = '/work/.mirror/MicrosoftDocs+dataexplorer-docs/repo';

describe('reference example fixtures', () => {
  const pages = loadReferencePages();

  it('name every example after its page, once', () => {
    const ids = [...pages].flatMap(([stem, p]) => p.examples.map((e) => [stem, e.id] as const));
    expect(ids.filter(([stem, id]) => !new RegExp(`^${stem}-\\d{2}$`).test(id))).toEqual([]);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
  });

  it('cover only catalog entries of the kinds their page documents', () => {
    for (const [stem, p] of pages)
      expect(
        entriesNamed(p.covers, pageKinds(stem))
          .map((e) => e.name)
          .sort(),
        stem,
      ).toEqual([...new Set(p.covers)].sort());
  });

  it('apply every override, each with a reason, and refuse one naming no example', () => {
    const examples = loadRunnableExamples();
    const overrides = parseOverrides(
      readFileSync(REFERENCE_OVERRIDES_PATH, 'utf8'),
      REFERENCE_OVERRIDES_PATH,
    );
    for (const [id, o] of Object.entries(overrides))
      expect(examples.find((e) => e.id === id)?.override, id).toBe(o.reason);
    expect(() =>
      runnableExamples(pages, { 'no-such-example-00': { reason: 'r', expected: null } }),
    ).toThrow(/no-such-example-00/);
    expect(() =>
      parseOverrides('{ "strcmp-function-00": { "expected": null } }', 'x.json'),
    ).toThrow(/reason/);
  });

  it.skipIf(!existsSync(DOCS_MIRROR))(
    'are what the harvester makes of the documentation',
    () => {
      // Exit status 1 (and the differing files) when a page file differs from a fresh harvest.
      execFileSync(
        'npx',
        ['tsx', 'scripts/harvest-kql-reference.ts', '--check', '--repo', DOCS_MIRROR],
        { cwd: REPO_ROOT, stdio: 'pipe' },
      );
    },
    120_000,
  );
});
