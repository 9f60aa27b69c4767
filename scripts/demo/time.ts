/**
 * Instants with Entra's precision: Log Analytics keeps 100-ns ticks (7 fractional digits in the API
 * JSON), the portal export shows milliseconds. An instant is epoch milliseconds plus the ticks below
 * the millisecond, so every format can be written from one value.
 */
export interface Instant {
  /** Epoch milliseconds (UTC). */
  readonly ms: number;
  /** 100-ns ticks below the millisecond, 0–9999. */
  readonly ticks: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function at(iso: string, ticks = 0): Instant {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${iso}`);
  return { ms, ticks };
}

export function plus(t: Instant, ms: number, ticks = t.ticks): Instant {
  return { ms: t.ms + ms, ticks };
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.ticks - b.ticks;
}

/** `2026-06-15T09:56:49.9751234Z`: the Log Analytics API and Kusto form. */
export function iso7(t: Instant): string {
  return `${new Date(t.ms).toISOString().slice(0, 23)}${String(t.ticks).padStart(4, '0')}Z`;
}

/** `2026-06-15T09:56:49.9751234+00:00`: as Entra writes authenticationStepDateTime. */
export function isoOffset(t: Instant): string {
  return iso7(t).replace(/Z$/, '+00:00');
}

/** `2026-06-15T09:56:49.975Z`: JavaScript's form, used by Graph's riskyUsers dates. */
export function isoMs(t: Instant): string {
  return new Date(t.ms).toISOString();
}

/** `2026-06-15T09:56:49Z`: the Entra admin center download's "Date (UTC)". */
export function isoSeconds(t: Instant): string {
  return new Date(t.ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `6/15/2026, 9:56:49.975 AM`: the Log Analytics portal's "Export to CSV" form (UTC, 12-hour clock). */
export function portalTime(t: Instant): string {
  const d = new Date(t.ms);
  const h = d.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** `6/15/2026 9:56`: the same cell after Excel opened and re-saved the file (seconds dropped). */
export function excelTime(t: Instant): string {
  const d = new Date(t.ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
