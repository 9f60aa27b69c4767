/** The tab's limit (src/ui/state/tab-capacity.ts): what fits, what is refused and how it is said. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TAB_LIMIT_BYTES,
  isOutOfMemory,
  outOfMemoryProblem,
  replayOutOfMemoryProblem,
  tabCapacityProblem,
  tabLimitBytes,
} from '../../../src/ui/state/tab-capacity.ts';

const MB = 1024 ** 2;

describe('the tab capacity guard', () => {
  it('takes the limit from ?tab-limit-mb=N, else 4 GB; nonsense values give the default', () => {
    expect(tabLimitBytes('')).toBe(DEFAULT_TAB_LIMIT_BYTES);
    expect(DEFAULT_TAB_LIMIT_BYTES).toBe(4 * 1024 ** 3);
    expect(tabLimitBytes('?tab-limit-mb=1')).toBe(MB);
    expect(tabLimitBytes('?x=1&tab-limit-mb=2.5')).toBe(2.5 * MB);
    for (const bad of [
      '?tab-limit-mb=0',
      '?tab-limit-mb=-3',
      '?tab-limit-mb=lots',
      '?tab-limit-mb=',
    ])
      expect(tabLimitBytes(bad)).toBe(DEFAULT_TAB_LIMIT_BYTES);
  });

  it('lets a file in while the files loaded and it fit, and refuses it past the limit, naming the native engine', () => {
    expect(
      tabCapacityProblem({ name: 'a.csv', size: 600 * MB }, 400 * MB, 1024 * MB),
    ).toBeUndefined();
    const e = tabCapacityProblem(
      { name: 'NonInteractive.csv', size: 5 * 1024 ** 3 },
      0,
      DEFAULT_TAB_LIMIT_BYTES,
    )!;
    expect(e.code).toBe('too-large-for-tab');
    expect(e.stage).toBe('ingest');
    expect(e.position.file).toBe('NonInteractive.csv');
    expect(e.message).toBe(
      'NonInteractive.csv is 5.0 GB: more than this browser tab holds (4.0 GB; its database lives in a 4 GB WebAssembly heap). ' +
        'Replay it with Loupe\'s command line on native DuckDB, which reads it from disk: npm run --silent loupe -- replay --engine native --rule RULE.yaml "NonInteractive.csv" (add --db FILE to work out of memory). Nothing was loaded from it; the tables already loaded are unchanged.',
    );
    expect(
      tabCapacityProblem({ name: 'b.csv', size: 600 * MB }, 500 * MB, 1024 * MB)!.message,
    ).toMatch(/^b\.csv is 600 MB on top of the 500 MB already loaded: /);
  });

  it('recognises the wasm heap running out, and says it as the tab’s limit', () => {
    expect(isOutOfMemory('Out of Memory Error: failed to allocate data of size 256.0 MiB')).toBe(
      true,
    );
    expect(isOutOfMemory('RangeError: Array buffer allocation failed')).toBe(true);
    expect(isOutOfMemory('memory access out of bounds')).toBe(true);
    expect(isOutOfMemory('Conversion Error: Could not convert string')).toBe(false);
    expect(outOfMemoryProblem('big.csv', 'Out of Memory Error: x').message).toContain(
      '--engine native',
    );
  });

  it('says a replay that ran the tab out of memory as the tab’s limit, with the loaded files in the native command', () => {
    const e = replayOutOfMemoryProblem(
      ['Signins.csv', 'AADRiskyUsers.csv'],
      'Out of Memory Error: failed to allocate data of size 64.0 MiB (3.9 GiB/3.9 GiB used)',
    );
    expect(e.stage).toBe('replay');
    expect(e.code).toBe('too-large-for-tab');
    expect(e.message).toContain('ran this browser tab out of memory (Out of Memory Error:');
    expect(e.message).toContain(
      'npm run --silent loupe -- replay --engine native --rule RULE.yaml "Signins.csv" "AADRiskyUsers.csv"',
    );
    expect(replayOutOfMemoryProblem([], 'memory access out of bounds').message).toContain(
      '--rule RULE.yaml FILES',
    );
  });
});
