/**
 * row_window_session at run time. Kusto's definition is sequential: over the serialized rows, a
 * session starts at the first row, when Restart is true, when the value is more than
 * MaxDistanceBetweenNeighbors after the previous row's, or more than MaxDistanceFromFirst after
 * the session's first value; every row gets its session's first value. Because the last rule
 * depends on where the session started, it is computed here in one pass over the whole ordered
 * column (passed as text, the only list form DuckDB-WASM UDFs accept).
 */
import { udf } from './udf.ts';

/**
 * `values`: comma-separated numbers (µs for datetimes, '' for null) in row order; `restarts`: a
 * '1'/'0' per row. Returns the session start of each row, comma-separated ('' for a null value,
 * which neither starts nor extends a session).
 */
export function rowWindowSession(
  values: string | null,
  restarts: string | null,
  maxFromFirst: number | null,
  maxBetween: number | null,
): string | null {
  if (values === null || restarts === null || maxFromFirst === null || maxBetween === null)
    return null;
  if (values === '') return '';
  const xs = values.split(',');
  const rs = restarts.split(',');
  const out: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (let i = 0; i < xs.length; i++) {
    const text = xs[i]!;
    if (text === '') {
      out.push('');
      continue;
    }
    const x = Number(text);
    if (
      start === undefined ||
      prev === undefined ||
      rs[i] === '1' ||
      x - prev > maxBetween ||
      x - start > maxFromFirst
    )
      start = x;
    prev = x;
    out.push(String(start));
  }
  return out.join(',');
}

export const ROW_WINDOW_SESSION = udf(
  'kql_row_window_session',
  ['VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  rowWindowSession,
);
