/**
 * Errors of the KQL stage. Every error carries the 1-based line/column and length of the KQL text
 * it is about, computed from the character offsets the lexer and parser keep on every token and node.
 */
import { LoupeError, type ErrorDetail } from '../errors.ts';
import type { KqlErrorCode } from './api.ts';
import type { Span } from './ast.ts';

export class KqlError extends LoupeError {
  constructor(
    override readonly code: KqlErrorCode,
    message: string,
    position: { line: number; column: number; length: number },
    detail?: ErrorDetail,
  ) {
    super('kql', code, message, position, detail);
    this.name = 'KqlError';
  }
}

/** 1-based line and column of `offset` in `text` (a column counts UTF-16 code units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Builds a KqlError pointing at `span` of `text` (with the typed detail a front end acts on, if any). */
export function kqlError(
  text: string,
  code: KqlErrorCode,
  message: string,
  span: Span,
  detail?: ErrorDetail,
): KqlError {
  const { line, column } = lineColumn(text, span.start);
  return new KqlError(
    code,
    `${message} (line ${line}, column ${column})`,
    { line, column, length: Math.max(1, span.end - span.start) },
    detail,
  );
}
