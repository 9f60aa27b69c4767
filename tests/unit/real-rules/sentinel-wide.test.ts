/**
 * The 68 published identity rules of tests/fixtures/rules/sentinel-wide/ (MIT) replayed through the
 * real command line, `replay --rules DIR --json`, each rule's outcome pinned in
 * ./expectations-wide.ts (issue 13, "Tests over the library"). Over the generated demo always; over
 * the la-export-bec export when ../shared is beside the repository (it may not be redistributed).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, fixturePath } from '../../support/material.ts';
import { WIDE_EXPECTED, WIDE_EXTERNAL_FILES, WIDE_TARGET_RUNNING } from './expectations-wide.ts';
import {
  checkAgainstTable,
  csvLogsIn,
  replayLibrary,
  type PinnedLibrary,
} from './library-table.ts';
import { SAMPLES_DIR, samplesMissing } from './shared-material.ts';

const WIDE: PinnedLibrary<string> = {
  dir: fixturePath('rules', 'sentinel-wide'),
  tableFile: 'tests/unit/real-rules/expectations-wide.ts',
  expected: WIDE_EXPECTED,
  externalFiles: WIDE_EXTERNAL_FILES,
  target: WIDE_TARGET_RUNNING,
};

describe('the published identity rules (sentinel-wide) through replay --rules', () => {
  it('the table pins 68 rules; only broken-as-published ones may fail once issue 13 is done', () => {
    const entries = Object.values(WIDE_EXPECTED);
    expect(entries.length).toBe(68);
    const broken = entries.filter((e) => e !== 'runs' && e.because === 'broken-as-published');
    expect(entries.length - broken.length).toBeGreaterThanOrEqual(WIDE_TARGET_RUNNING);
  });

  it('over the generated demo, each rule runs or fails as the table says', () => {
    checkAgainstTable(WIDE, replayLibrary(WIDE, csvLogsIn(DEMO_DIR)));
  }, 480_000);

  it.skipIf(samplesMissing('the sentinel-wide rules over the la-export-bec export'))(
    'over the la-export-bec export, each rule runs or fails as the table says',
    () => {
      checkAgainstTable(WIDE, replayLibrary(WIDE, csvLogsIn(SAMPLES_DIR)));
    },
    480_000,
  );
});
