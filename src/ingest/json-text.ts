/**
 * Reading a JSON document with an error an analyst can act on: the line and column of the first
 * syntax error and what was expected there.
 */
import { ingestError } from './errors.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { positionInText } from './positions.ts';

export function parseJsonDocument(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = findJsonSyntaxError(text);
    const offset = found?.offset ?? text.length;
    const pos = positionInText(text, offset);
    const expected = found?.expected ?? (e instanceof Error ? e.message : 'a complete JSON document');
    throw ingestError('bad-json', file, `${file}:${pos.line}:${pos.column}: invalid JSON: expected ${expected}.`, pos);
  }
}

/** Text of a JSON value for a raw VARCHAR cell: strings as they are, other values as JSON. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
