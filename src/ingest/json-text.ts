/** JSON values as the text of raw cells. */
import { stringifyJson } from '../json/stringify.ts';

/** Text of a JSON value for a raw VARCHAR cell: strings as they are, other values as JSON (of any depth). */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return stringifyJson(v);
}
