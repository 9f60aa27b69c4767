/**
 * A nanosecond timestamp cell (DuckDB TIMESTAMP_NS, which Loupe's KQL gives a datetime carrying
 * 100 ns ticks below the microsecond: docs/kql.md, "Datetime precision") as a plain value.
 * - Whole microseconds: the epoch milliseconds a microsecond TIMESTAMP gives (`micros` reads them
 *   as that engine reads a TIMESTAMP), so a value without ticks looks the same at either precision.
 * - Ticks below the microsecond: Kusto's ISO text with 7 fraction digits
 *   (`2016-12-31T23:59:59.9999999Z`), which no double of milliseconds can hold (17 digits).
 */
export function nanosecondCell(nanos: bigint, micros: (us: bigint) => number): number | string {
  const below = ((nanos % 1000n) + 1000n) % 1000n;
  if (below === 0n) return micros(nanos / 1000n);
  return ticksIso(nanos);
}

/** Epoch nanoseconds → `yyyy-mm-ddThh:mm:ss.fffffffZ` (to the 100 ns tick, rounded down). */
export function ticksIso(nanos: bigint): string {
  const inSecond = ((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  const seconds = (nanos - inSecond) / 1_000_000_000n;
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}.${(inSecond / 100n).toString().padStart(7, '0')}Z`;
}

/** Whether a datetime cell is such text (ticksIso's form). */
export const TICKS_ISO = /^-?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
