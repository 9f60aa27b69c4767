/**
 * An error as the UI shows it: what went wrong and where (file, line, column), taken from the
 * LoupeError the core threw. Plain data, so it can live in reactive state.
 */
import { isLoupeError } from '../../errors.ts';

export interface Problem {
  readonly message: string;
  readonly stage?: string;
  readonly code?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly length?: number;
}

export function problemOf(e: unknown): Problem {
  if (isLoupeError(e)) {
    const { file, line, column, length } = e.position;
    return {
      message: e.message,
      stage: e.stage,
      code: e.code,
      ...(file !== undefined && { file }),
      ...(line !== undefined && { line }),
      ...(column !== undefined && { column }),
      ...(length !== undefined && { length }),
    };
  }
  if (e instanceof Error) return { message: e.message };
  return { message: String(e) };
}

/** "line 7, column 12" (or the part known), for messages and labels. */
export function whereOf(p: Problem): string {
  if (p.line === undefined) return '';
  return p.column !== undefined ? `line ${p.line}, column ${p.column}` : `line ${p.line}`;
}
