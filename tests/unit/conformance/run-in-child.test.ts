/** A case that hangs or kills its engine must not stall or end the corpus run. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCorpusInChild } from '../../../src/conformance/run-in-child.ts';

const childScript = fileURLToPath(new URL('./fixtures/misbehaving-child.ts', import.meta.url));

describe('runCorpusInChild', () => {
  it('fails a hung case after the timeout and a crashed one, and runs the rest in fresh children', async () => {
    const logged: string[] = [];
    const run = await runCorpusInChild({
      casesPath: 'unused',
      ids: ['a', 'b-hang', 'c', 'd-crash', 'e'],
      now: new Date(),
      caseTimeoutMs: 1500,
      childScript,
      log: (m) => logged.push(m),
    });
    expect(run.results.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['a', 'pass', ''],
      ['b-hang', 'fail', 'timed out after 1.5 s'],
      ['c', 'pass', ''],
      ['d-crash', 'fail', 'the engine process died (exit code 3)'],
      ['e', 'pass', ''],
    ]);
    expect(run.children).toBe(3);
    expect(logged).toHaveLength(2);
  }, 60_000);
});
