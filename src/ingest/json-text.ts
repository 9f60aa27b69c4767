/** JSON values as the text of raw cells. */

/** Text of a JSON value for a raw VARCHAR cell: strings as they are, other values as JSON. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
