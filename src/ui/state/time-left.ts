/**
 * How long a file's load has left, as its progress bar says it: the rate so far (bytes read since
 * the load started, over the time it took) applied to the bytes still to read. A load reports
 * progress per part it reads (csv-parts.ts) or per chunk (JSON, gzip), so the estimate moves in
 * steps; before 300 ms have passed, or before any bytes were read, the rate says too little.
 */

/** Milliseconds left, or undefined while there is nothing to estimate from (or nothing left to read). */
export function timeLeftMs(
  bytesRead: number,
  total: number,
  elapsedMs: number,
): number | undefined {
  if (elapsedMs < 300 || bytesRead <= 0 || bytesRead >= total) return undefined;
  return ((total - bytesRead) * elapsedMs) / bytesRead;
}

/** "about 8 s left", "about 3 min left", "less than a second left". */
export function formatTimeLeft(ms: number): string {
  if (ms < 1000) return 'less than a second left';
  const s = Math.round(ms / 1000);
  if (s < 90) return `about ${s} s left`;
  return `about ${Math.round(s / 60)} min left`;
}
