/**
 * Runs the corpus in a child process, so that a case that hangs cannot stall the run.
 *
 * DuckDB-WASM's Node build is synchronous: a query that never ends (or a translator loop) blocks
 * the thread it runs on, beyond the reach of any timer there. The cases therefore run in a child
 * process that reports each result as it is known; when none arrives within the per-case timeout,
 * the child is killed, that case fails as timed out, and a fresh child goes on with the next case.
 * One child normally runs every case, so the engine is instantiated once (1–2 s).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LoupeError } from '../errors.ts';
import type { FromChild, Suite, ToChild } from './child-protocol.ts';
import { REPO_ROOT } from './paths.ts';
import type { CaseResult } from './run-case.ts';
import type { CorpusRun } from './run-corpus.ts';

export interface ChildRunOptions {
  /** The examples: the conformance corpus (default) or the reference examples. */
  readonly suite?: Suite;
  /** The corpus file (suite `corpus`). */
  readonly casesPath: string;
  /** The cases to run, in order. */
  readonly ids: readonly string[];
  /** now() for the run. */
  readonly now: Date;
  /** How long one case may take before it is declared hung. */
  readonly caseTimeoutMs: number;
  /** How long the engine may take to start in a fresh child. */
  readonly startTimeoutMs?: number;
  readonly log?: (message: string) => void;
  /** The child's script (tests substitute one that hangs or crashes on purpose). Default: child.ts. */
  readonly childScript?: string;
}

export interface ChildRun extends CorpusRun {
  /** Children started (1 unless cases hung or crashed). */
  readonly children: number;
  /** Wall time including the children's start-up (durationMs counts only the time running cases). */
  readonly wallMs: number;
}

const CHILD_SCRIPT = fileURLToPath(new URL('./child.ts', import.meta.url));

type Outcome = (
  | { kind: 'done'; leaked: readonly string[] }
  | { kind: 'stopped'; reason: string; group: string; elapsedMs: number }
) & {
  /** Time from the engine being ready to the end. */
  runningMs: number;
};

export async function runCorpusInChild(options: ChildRunOptions): Promise<ChildRun> {
  const started = performance.now();
  const results: CaseResult[] = [];
  const leaked: string[] = [];
  let children = 0;
  let runningMs = 0;
  let remaining = [...options.ids];
  while (remaining.length) {
    children++;
    const before = results.length;
    const outcome = await runChild(options, remaining, (r) => results.push(r));
    const ran = results.length - before;
    runningMs += outcome.runningMs;
    if (outcome.kind === 'done') {
      leaked.push(...outcome.leaked);
      break;
    }
    // The case after the last reported one is the one that hung or crashed the child.
    const culprit = remaining[ran]!;
    options.log?.(
      `${options.suite === 'reference' ? 'reference examples' : 'conformance'}: ${culprit}: ${outcome.reason}; continuing in a fresh engine`,
    );
    results.push({
      id: culprit,
      status: 'fail',
      reason: outcome.reason,
      group: outcome.group,
      durationMs: outcome.elapsedMs,
    });
    remaining = remaining.slice(ran + 1);
  }
  return { results, durationMs: runningMs, wallMs: performance.now() - started, leaked, children };
}

function runChild(
  options: ChildRunOptions,
  ids: readonly string[],
  onResult: (r: CaseResult) => void,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // `--import tsx` lets the child load Loupe's TypeScript sources as the CLI and Vitest do.
    const child: ChildProcess = fork(options.childScript ?? CHILD_SCRIPT, [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // Anything the child prints is diagnostics: keep it off standard output (--json owns it).
    child.stdout?.on('data', (d: Buffer) => process.stderr.write(d));
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    let settled = false;
    let ready = false;
    let readyAt = 0;
    const running = () => (ready ? performance.now() - readyAt : 0);
    let timer: NodeJS.Timeout | undefined;
    let caseStarted = performance.now();
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const arm = (ms: number, onTimeout: () => void) => {
      clearTimeout(timer);
      caseStarted = performance.now();
      timer = setTimeout(onTimeout, ms);
    };
    const caseTimeout = () => {
      child.kill('SIGKILL');
      const s = options.caseTimeoutMs / 1000;
      finish(() =>
        resolve({
          kind: 'stopped',
          reason: `timed out after ${s} s`,
          group: 'timed out',
          elapsedMs: options.caseTimeoutMs,
          runningMs: running(),
        }),
      );
    };
    arm(options.startTimeoutMs ?? 120_000, () => {
      child.kill('SIGKILL');
      finish(() => reject(childError('the conformance process did not start its engine in time')));
    });
    child.on('message', (m: FromChild) => {
      switch (m.type) {
        case 'ready':
          ready = true;
          readyAt = performance.now();
          arm(options.caseTimeoutMs, caseTimeout);
          break;
        case 'result':
          onResult(m.result);
          arm(options.caseTimeoutMs, caseTimeout);
          break;
        case 'done':
          finish(() => resolve({ kind: 'done', leaked: m.leaked, runningMs: running() }));
          break;
        case 'error':
          child.kill('SIGKILL');
          finish(() => reject(childError(`the conformance process failed: ${m.message}`)));
          break;
      }
    });
    child.on('exit', (code, signal) => {
      const reason = `the engine process died (${signal ?? `exit code ${code}`})`;
      if (!ready)
        return finish(() =>
          reject(childError(`${reason} before its engine started (its error is above)`)),
        );
      finish(() =>
        resolve({
          kind: 'stopped',
          reason,
          group: 'engine process died',
          elapsedMs: performance.now() - caseStarted,
          runningMs: running(),
        }),
      );
    });
    child.on('error', (e) => finish(() => reject(e)));
    const message: ToChild = {
      type: 'run',
      suite: options.suite ?? 'corpus',
      casesPath: options.casesPath,
      ids,
      now: options.now.toISOString(),
    };
    child.send(message);
  });
}

/** The run itself cannot go on (not a case's fault): a CLI error, not a crash. */
function childError(message: string): LoupeError {
  return new LoupeError('cli', 'conformance', message);
}
