/**
 * Brings a Kusto cell and a Loupe cell to one comparable form per column type, so that the
 * comparison can be exact about meaning without being fooled by representation — and without
 * converting anything: a value must already have its type's representation on each side.
 * - long/int as BigInt (Kusto's JSON gives integers, BigInt beyond ±2^53 with the lossless
 *   reader; DuckDB-WASM gives numbers, or text beyond ±2^53 for BIGINT);
 * - datetime and timespan as 100-ns ticks (Kusto gives ISO text and `[-][d.]hh:mm:ss[.fffffff]`;
 *   Loupe gives epoch milliseconds and microseconds);
 * - bool as boolean (JSON booleans on both sides: not 1/0);
 * - guid as text, exactly (Kusto writes guids lower-case); a null guid is null on both sides;
 * - real and decimal as numbers (Kusto writes NaN and ±Infinity as text; decimals as text);
 * - dynamic as the JSON value (Loupe keeps it as canonical JSON text).
 * A value that is not of its type's representation becomes `{ unreadable }`, which equals nothing.
 */
import type { KqlType } from '../schema/kql-types.ts';
import type { KustoType } from './cases.ts';
import { parseJsonLossless } from './lossless-json.ts';
import { TICKS_ISO } from '../db/ticks.ts';

export type Norm =
  | { readonly k: 'null' }
  | { readonly k: 'int'; readonly v: bigint }
  | { readonly k: 'real'; readonly v: number }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'ticks'; readonly v: bigint }
  | { readonly k: 'text'; readonly v: string }
  | { readonly k: 'json'; readonly v: unknown }
  | { readonly k: 'unreadable'; readonly v: unknown };

const NULL: Norm = { k: 'null' };
const unreadable = (v: unknown): Norm => ({ k: 'unreadable', v });

/** Loupe's KQL type → the CLR type name Kusto reports for a column of that type. */
export function kustoTypeOf(t: KqlType): KustoType {
  switch (t) {
    case 'string':
      return 'String';
    case 'long':
      return 'Int64';
    case 'int':
      return 'Int32';
    case 'real':
      return 'Double';
    case 'decimal':
      return 'SqlDecimal';
    case 'bool':
      return 'SByte';
    case 'datetime':
      return 'DateTime';
    case 'timespan':
      return 'TimeSpan';
    case 'dynamic':
      return 'Object';
    case 'guid':
      return 'Guid';
  }
}

const TICKS_PER_MS = 10_000n;

/** `2017-08-01T00:00:00Z`, `2017-08-01T00:00:00.1234567Z` (also without Z: Kusto datetimes are UTC). */
export function isoToTicks(text: string): bigint | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,7}))?)?)?Z?$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  if (!Number.isFinite(ms)) return undefined;
  // Date.UTC maps years 0–99 to 1900–1999; Kusto's datetime range starts at year 1.
  const fixed = Number(m[1]) < 100 ? new Date(ms).setUTCFullYear(Number(m[1])) : ms;
  const frac = BigInt((m[7] ?? '').padEnd(7, '0'));
  return BigInt(fixed) * TICKS_PER_MS + frac;
}

/** `[-][d.]hh:mm:ss[.fffffff]` → ticks. */
export function timespanToTicks(text: string): bigint | undefined {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d\d):(\d\d)(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) return undefined;
  const seconds =
    ((BigInt(m[2] ?? 0) * 24n + BigInt(m[3]!)) * 60n + BigInt(m[4]!)) * 60n + BigInt(m[5]!);
  const ticks = seconds * 10_000_000n + BigInt((m[6] ?? '').padEnd(7, '0'));
  return m[1] ? -ticks : ticks;
}

/** An integer as JSON or JavaScript holds one; text only where a side writes big integers as text (`digitsAllowed`). */
function toBigInt(v: unknown, digitsAllowed: boolean): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined;
  if (digitsAllowed && typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  return undefined;
}

/** A real as a number; the text `NaN`/`Infinity`/`-Infinity` where Kusto writes those (`specialsAsText`). */
function toReal(v: unknown, specialsAsText: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (specialsAsText && typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
  }
  return undefined;
}

/** Kusto's decimal (SqlDecimal) is written as decimal text, or as a number. */
function decimalOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

const boolOf = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

const orUnreadable = <T>(v: unknown, x: T | undefined, wrap: (x: T) => Norm): Norm =>
  x === undefined ? unreadable(v) : wrap(x);

/** A cell of Kusto's answer, read as its column's CLR type. */
export function normalizeExpected(v: unknown, t: KustoType): Norm {
  // A null dynamic is the JSON null (Kusto makes no difference between dynamic(null) and null).
  if (t === 'Object') return { k: 'json', v: v ?? null };
  if (v === null || v === undefined) return NULL;
  switch (t) {
    case 'Int64':
    case 'Int32':
      return orUnreadable(v, toBigInt(v, false), (x) => ({ k: 'int', v: x }));
    case 'Double':
      return orUnreadable(v, toReal(v, true), (x) => ({ k: 'real', v: x }));
    case 'SqlDecimal':
      return orUnreadable(v, decimalOf(v), (x) => ({ k: 'real', v: x }));
    case 'SByte':
      return orUnreadable(v, boolOf(v), (x) => ({ k: 'bool', v: x }));
    case 'DateTime':
      return orUnreadable(v, typeof v === 'string' ? isoToTicks(v) : undefined, (x) => ({
        k: 'ticks',
        v: x,
      }));
    case 'TimeSpan':
      return orUnreadable(v, typeof v === 'string' ? timespanToTicks(v) : undefined, (x) => ({
        k: 'ticks',
        v: x,
      }));
    case 'String':
      return typeof v === 'string' ? { k: 'text', v } : unreadable(v);
    case 'Guid':
      return typeof v === 'string' ? { k: 'text', v } : unreadable(v);
  }
}

/**
 * A cell of Loupe's result as DuckDB-WASM returned it (src/db/arrow-values.ts), read as the KQL
 * type the translator declared for the column. This follows decodeValue (src/kql/values.ts) —
 * strings and guids are never null, dynamic is JSON text — but keeps what decodeValue rounds for
 * display: datetimes below the millisecond, and integers beyond ±2^53 inside dynamic values.
 */
export function normalizeActual(v: unknown, t: KqlType): Norm {
  // KQL strings are never null: Kusto answers "" where SQL has NULL.
  if (t === 'string')
    return v === null || v === undefined
      ? { k: 'text', v: '' }
      : typeof v === 'string'
        ? { k: 'text', v }
        : unreadable(v);
  if (t === 'dynamic' && (v === null || v === undefined)) return { k: 'json', v: null };
  if (v === null || v === undefined) return NULL;
  switch (t) {
    case 'guid':
      return typeof v === 'string' ? { k: 'text', v } : unreadable(v);
    case 'long':
    case 'int':
      // DuckDB-WASM hands a BIGINT beyond ±2^53 over as its decimal text.
      return orUnreadable(v, toBigInt(v, t === 'long'), (x) => ({ k: 'int', v: x }));
    case 'real':
    case 'decimal':
      return orUnreadable(v, toReal(v, false), (x) => ({ k: 'real', v: x }));
    case 'bool':
      return orUnreadable(v, boolOf(v), (x) => ({ k: 'bool', v: x }));
    case 'datetime': {
      // Epoch milliseconds, fractional below the millisecond: TIMESTAMP keeps microseconds. Ticks
      // exceed 2^53, so whole milliseconds and microseconds are converted apart, in integers. A
      // value with ticks below the microsecond is Kusto's 7-digit ISO text (src/db/ticks.ts).
      if (typeof v === 'string' && TICKS_ISO.test(v))
        return orUnreadable(v, isoToTicks(v), (x) => ({ k: 'ticks', v: x }));
      if (typeof v !== 'number' || !Number.isFinite(v)) return unreadable(v);
      const ms = v;
      const whole = Math.floor(ms);
      return {
        k: 'ticks',
        v: BigInt(whole) * TICKS_PER_MS + BigInt(Math.round((ms - whole) * 1000)) * 10n,
      };
    }
    case 'timespan': {
      // The translator outputs timespans as BIGINT microseconds (text beyond ±2^53).
      const us = toBigInt(v, true);
      return us === undefined ? unreadable(v) : { k: 'ticks', v: us * 10n };
    }
    case 'dynamic':
      if (typeof v !== 'string') return unreadable(v);
      try {
        return { k: 'json', v: parseJsonLossless(v) };
      } catch {
        return unreadable(v);
      }
  }
}

/** How a normalised value is shown in a failure message (short, one line). */
export function showNorm(n: Norm, t: KustoType): string {
  switch (n.k) {
    case 'null':
      return 'null';
    case 'int':
      return n.v.toString();
    case 'real':
      return String(n.v);
    case 'bool':
      return String(n.v);
    case 'ticks':
      return t === 'DateTime'
        ? ticksToIso(n.v)
        : t === 'TimeSpan'
          ? ticksToTimespan(n.v)
          : `${n.v.toString()} ticks`;
    case 'text':
      return JSON.stringify(n.v);
    case 'json':
      return showJson(n.v);
    case 'unreadable':
      return `unreadable ${showJson(n.v)}`;
  }
}

export function showJson(v: unknown): string {
  const s =
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function ticksToIso(ticks: bigint): string {
  const ms = ticks / TICKS_PER_MS;
  const rest = ticks % TICKS_PER_MS;
  const d = new Date(Number(rest < 0n ? ms - 1n : ms));
  if (Number.isNaN(d.getTime())) return `${ticks.toString()} ticks`;
  const sub = (rest < 0n ? rest + TICKS_PER_MS : rest).toString().padStart(4, '0');
  return d.toISOString().replace('Z', `${sub}Z`);
}

function ticksToTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const frac = t % 10_000_000n;
  t /= 10_000_000n;
  const s = t % 60n;
  t /= 60n;
  const m = t % 60n;
  t /= 60n;
  const h = t % 24n;
  const d = t / 24n;
  const p2 = (x: bigint) => x.toString().padStart(2, '0');
  return `${neg ? '-' : ''}${d ? `${d}.` : ''}${p2(h)}:${p2(m)}:${p2(s)}${frac ? `.${frac.toString().padStart(7, '0')}` : ''}`;
}
