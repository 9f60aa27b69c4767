/**
 * Messages between the conformance runner and the child process that runs the cases (see
 * run-isolated.ts for why a child process).
 */
import type { CaseResult } from './run-case.ts';

export type ToChild = { readonly type: 'run'; readonly casesPath: string; readonly ids: readonly string[]; readonly now: string };

export type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly result: CaseResult }
  | { readonly type: 'done'; readonly leaked: readonly string[] }
  | { readonly type: 'error'; readonly message: string };
