/**
 * Errors as values with a code and a position, shown to the analyst as they are. Every stage of
 * Loupe throws (or returns) a LoupeError subclass so that the UI and CLI can say *where*: the file,
 * the line and column in it, and what was expected there.
 */

/** A place in a source: a log file, a rule file or a KQL query. Lines and columns are 1-based. */
export interface SourcePosition {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Length of the offending text, when known (for underlining). */
  readonly length?: number;
}

export type ErrorStage = 'ingest' | 'kql' | 'rule' | 'replay' | 'engine' | 'cli';

export class LoupeError extends Error {
  constructor(
    readonly stage: ErrorStage,
    readonly code: string,
    message: string,
    readonly position: SourcePosition = {},
  ) {
    super(message);
    this.name = 'LoupeError';
  }

  /** "file:line:column: message", the form compilers use, for the CLI and logs. */
  describe(): string {
    const { file, line, column } = this.position;
    const where = [file, line, line !== undefined ? column : undefined].filter((x) => x !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export function isLoupeError(e: unknown): e is LoupeError {
  return e instanceof LoupeError;
}
