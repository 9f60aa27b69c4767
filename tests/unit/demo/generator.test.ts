/**
 * The demo generator (scripts/demo/) is deterministic, and what is committed is its output: the
 * demo in static/demo/ and the fixtures cut from it. Regenerate with `npx tsx scripts/demo/generate.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { comparable, differences, generateAll, REPO_ROOT } from '../../../scripts/demo/generate.ts';
import { DEMO_FILES } from '../../../scripts/demo/outputs.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('demo generator', () => {
  it('writes the same bytes on every run, whatever the clock says, without Math.random', () => {
    const first = generateAll();
    vi.useFakeTimers({ now: Date.UTC(2031, 0, 1, 3, 4, 5) });
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('the generator must not use Math.random');
    });
    const second = generateAll();
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first)
      expect(Buffer.compare(Buffer.from(second.get(path)!), Buffer.from(bytes)), path).toBe(0);
  });

  it('the committed demo and fixtures are its output (gzip files compared by content)', () => {
    const outputs = generateAll();
    expect(differences(outputs), 'regenerate with: npx tsx scripts/demo/generate.ts').toEqual([]);
    // And the comparison is real: a changed byte is caught.
    const path = 'static/demo/AADRiskyUsers.csv';
    const changed = new Map(outputs);
    const bytes = new Uint8Array(outputs.get(path)!);
    bytes[bytes.length - 2] ^= 1;
    changed.set(path, bytes);
    expect(differences(changed)).toEqual([path]);
  });

  it('writes the demo the app loads: five portal exports, the large ones gzipped', () => {
    const outputs = generateAll();
    for (const name of DEMO_FILES) {
      const content = new TextDecoder().decode(
        comparable(name, outputs.get(`static/demo/${name}`)!),
      );
      expect(content.endsWith('\n') && !content.startsWith('\uFEFF'), name).toBe(true);
      expect(content.split('\n', 1)[0], name).toMatch(/TimeGenerated \[UTC\]/);
    }
    expect(
      JSON.parse(readFileSync(join(REPO_ROOT, 'static/demo/manifest.json'), 'utf8')).files,
    ).toEqual([...DEMO_FILES]);
  });
});
