/**
 * The published identity rules of tests/fixtures/rules/sentinel-more/ (MIT; SOURCES.tsv gives
 * each one's path and commit in Azure/Azure-Sentinel) — identity rules not in sentinel-wide —
 * replayed through the real command line, `replay --rules DIR --json`, each rule's outcome pinned
 * in ./expectations-more.ts. Over the generated demo always; over the la-export-bec export when
 * ../shared is beside the repository (it may not be redistributed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, fixturePath } from '../../support/material.ts';
import { MORE_EXPECTED, MORE_EXTERNAL_FILES, MORE_TARGET_RUNNING } from './expectations-more.ts';
import {
  checkAgainstTable,
  csvLogsIn,
  replayLibrary,
  ruleFilesIn,
  type PinnedLibrary,
} from './library-table.ts';
import { SAMPLES_DIR, samplesMissing } from './shared-material.ts';

const MORE_DIR = fixturePath('rules', 'sentinel-more');
const MORE: PinnedLibrary<string> = {
  dir: MORE_DIR,
  tableFile: 'tests/unit/real-rules/expectations-more.ts',
  expected: MORE_EXPECTED,
  externalFiles: MORE_EXTERNAL_FILES,
  target: MORE_TARGET_RUNNING,
};

describe('more published identity rules (sentinel-more) through replay --rules', () => {
  it('the table pins every rule of the folder; SOURCES.tsv names each file once', () => {
    const files = ruleFilesIn(MORE_DIR);
    expect(Object.keys(MORE_EXPECTED).sort()).toEqual(files);
    const sources = readFileSync(join(MORE_DIR, 'SOURCES.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
    expect(sources.map((s) => s[0]).sort()).toEqual(files);
    for (const s of sources) expect(s[2], s[0]).toMatch(/^[0-9a-f]{40}$/);
    // Only rules broken as published, or needing what only a workspace has, may fail.
    const entries = Object.values(MORE_EXPECTED);
    const unsupported = entries.filter((e) => e !== 'runs' && e.because === 'unsupported');
    expect(entries.length - unsupported.length).toBeGreaterThanOrEqual(MORE_TARGET_RUNNING);
  });

  it('over the generated demo, each rule runs or fails as the table says', () => {
    checkAgainstTable(MORE, replayLibrary(MORE, csvLogsIn(DEMO_DIR)));
  }, 480_000);

  it.skipIf(samplesMissing('the sentinel-more rules over the la-export-bec export'))(
    'over the la-export-bec export, each rule runs or fails as the table says',
    () => {
      checkAgainstTable(MORE, replayLibrary(MORE, csvLogsIn(SAMPLES_DIR)));
    },
    480_000,
  );
});
