import { describe, expect, it } from 'vitest';
import { Task } from '../../../src/ui/state/task.svelte.ts';
import { replayProgressText } from '../../../src/ui/state/progress-text.ts';

/** A request that answers when told, and rejects with an AbortError when its signal aborts (as the worker does). */
function controllable<T>(signal: AbortSignal) {
  let answer!: (v: T) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    signal.addEventListener(
      'abort',
      () => reject(Object.assign(new Error('Cancelled by the user'), { name: 'AbortError' })),
      { once: true },
    );
  });
  return { promise, answer };
}

describe('Task (a cancellable request in the UI)', () => {
  it('runs a request, keeps its latest progress while running, and gives its value', async () => {
    const task = new Task<{ runsDone: number }>();
    let answer!: (v: string) => void;
    const outcome = task.run((signal, onProgress) => {
      const c = controllable<string>(signal);
      answer = c.answer;
      onProgress({ runsDone: 3 });
      return c.promise;
    });
    expect(task.running).toBe(true);
    expect(task.progress).toEqual({ runsDone: 3 });
    answer('report');
    expect(await outcome).toEqual({ done: true, value: 'report' });
    expect([task.running, task.progress, task.cancelled]).toEqual([false, null, false]);
  });

  it('a cancel ends the run as cancelled (not an error), until the next run', async () => {
    const task = new Task();
    const outcome = task.run((signal) => controllable<string>(signal).promise);
    task.cancel();
    expect(await outcome).toEqual({ done: false });
    expect([task.running, task.cancelled]).toEqual([false, true]);
    const next = task.run(async () => 'again');
    expect(task.cancelled).toBe(false);
    expect(await next).toEqual({ done: true, value: 'again' });
  });

  it('a newer run replaces a running one, which ends without being reported as cancelled', async () => {
    const task = new Task();
    const first = task.run((signal) => controllable<string>(signal).promise);
    const second = task.run(async () => 'newer');
    expect(await first).toEqual({ done: false });
    expect(await second).toEqual({ done: true, value: 'newer' });
    expect(task.cancelled).toBe(false);
  });

  it('a failure is thrown as it is, even one named like a cancel when nobody cancelled', async () => {
    const task = new Task();
    await expect(task.run(async () => Promise.reject(new Error('Binder Error')))).rejects.toThrow(
      'Binder Error',
    );
    await expect(
      task.run(async () => Promise.reject(Object.assign(new Error('x'), { name: 'AbortError' }))),
    ).rejects.toThrow('x');
    expect([task.running, task.cancelled]).toEqual([false, false]);
  });
});

describe('replay progress in words', () => {
  it('says which run of how many, and which rule of a library', () => {
    expect(replayProgressText(null)).toBe('');
    expect(replayProgressText({ step: 'run', runsDone: 140, runsTotal: 721 })).toBe(
      'run 140 of 721',
    );
    expect(
      replayProgressText({
        step: 'run',
        runsDone: 1200,
        runsTotal: 4032,
        rule: { index: 2, total: 5, name: 'Risky sign-ins' },
      }),
    ).toBe('rule 2 of 5, Risky sign-ins: run 1,200 of 4,032');
    expect(replayProgressText({ step: 'run', runsDone: 0, runsTotal: 1 })).toBe(
      'running its query',
    );
    expect(replayProgressText({ step: 'count', runsDone: 168, runsTotal: 721 })).toBe(
      'counting results: 168 of 721 runs',
    );
  });
});
