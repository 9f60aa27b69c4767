/**
 * Messages between the conformance runner and the child process that runs the cases (see
 * run-isolated.ts for why a child process).
 */
import type { CaseResult } from './run-case.ts';

/** Which examples a child runs: the conformance corpus (Kusto's answers) or the reference examples (the pages' tables). */
export type Suite = 'corpus' | 'reference';

export type ToChild = {
  readonly type: 'run';
  readonly suite: Suite;
  /** The corpus file (suite `corpus`); the reference examples are read from their place in the repository. */
  readonly casesPath: string;
  readonly ids: readonly string[];
  readonly now: string;
};

export type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly result: CaseResult }
  | { readonly type: 'done'; readonly leaked: readonly string[] }
  | { readonly type: 'error'; readonly message: string };
