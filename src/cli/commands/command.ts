import type { LoupeError } from '../../errors.ts';

/** One CLI command: its name, a one-line summary for `loupe --help`, its usage text, and its body. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code. Throws UsageError (exit 2) or LoupeError (exit 1). */
  run(argv: string[]): Promise<number>;
  /** How to fix an input error with this command's flags, printed under the error (e.g. replay's --external). */
  remedy?(e: LoupeError): string | undefined;
}
