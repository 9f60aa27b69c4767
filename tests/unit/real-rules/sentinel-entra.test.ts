/**
 * The published identity rules of tests/fixtures/rules/sentinel-entra/ (MIT; SOURCES.tsv gives
 * each one's path and commit in Azure/Azure-Sentinel) — the ones none of the other fixture folders
 * held when they were swept (docs/real-rules.md) — replayed through the real command line,
 * `replay --rules DIR --json`, each rule's outcome pinned in ./expectations-entra.ts. Over the
 * generated demo always; over the la-export-bec export when ../shared is beside the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, fixturePath } from '../../support/material.ts';
import { ENTRA_EXPECTED, ENTRA_TARGET_RUNNING } from './expectations-entra.ts';
import {
  checkAgainstTable,
  csvLogsIn,
  replayLibrary,
  ruleFilesIn,
  type PinnedLibrary,
} from './library-table.ts';
import { SAMPLES_DIR, samplesMissing } from './shared-material.ts';

const ENTRA_DIR = fixturePath('rules', 'sentinel-entra');
const ENTRA: PinnedLibrary<string> = {
  dir: ENTRA_DIR,
  tableFile: 'tests/unit/real-rules/expectations-entra.ts',
  expected: ENTRA_EXPECTED,
  externalFiles: {},
  target: ENTRA_TARGET_RUNNING,
};

describe('published identity rules Loupe had not seen (sentinel-entra) through replay --rules', () => {
  it('the table pins every rule of the folder; SOURCES.tsv names each file once; no other folder has it', () => {
    const files = ruleFilesIn(ENTRA_DIR);
    expect(files).toHaveLength(18);
    expect(Object.keys(ENTRA_EXPECTED).sort()).toEqual(files);
    const sources = readFileSync(join(ENTRA_DIR, 'SOURCES.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
    expect(sources.map((s) => s[0]).sort()).toEqual(files);
    for (const s of sources) {
      expect(s[1], s[0]).toMatch(/^(Detections|Solutions)\/.+\.yaml$/);
      expect(s[1]!.endsWith(`/${s[0]}`), s[0]).toBe(true);
      expect(s[2], s[0]).toMatch(/^[0-9a-f]{40}$/);
    }
    const seen = ['sentinel', 'sentinel-wide', 'sentinel-more'].flatMap((d) =>
      ruleFilesIn(fixturePath('rules', d)),
    );
    expect(files.filter((f) => seen.includes(f))).toEqual([]);
    const entries = Object.values(ENTRA_EXPECTED);
    const unsupported = entries.filter((e) => e !== 'runs' && e.because === 'unsupported');
    expect(entries.length - unsupported.length).toBeGreaterThanOrEqual(ENTRA_TARGET_RUNNING);
  });

  it('over the generated demo, each rule runs or fails as the table says', () => {
    const report = replayLibrary(ENTRA, csvLogsIn(DEMO_DIR));
    checkAgainstTable(ENTRA, report);
    // The ASIM parser the phishing rule reads is a function to load, not a table to export.
    const phishing = report.results.find((r) => r.file.startsWith('Possible_Phishing'));
    expect(phishing).toMatchObject({
      status: 'error',
      detail: { kind: 'function-not-loaded', name: '_Im_NetworkSession' },
    });
  }, 480_000);

  it.skipIf(samplesMissing('the sentinel-entra rules over the la-export-bec export'))(
    'over the la-export-bec export, each rule runs or fails as the table says',
    () => {
      checkAgainstTable(ENTRA, replayLibrary(ENTRA, csvLogsIn(SAMPLES_DIR)));
    },
    480_000,
  );
});
