/**
 * Run-time helpers for less common KQL functions: time zones (through Intl, which both Node and
 * browsers ship with the IANA database), JSON paths, versions, punycode (RFC 3492), and Windows
 * command lines / CSV records split into dynamic arrays.
 */
import { parseJsonPath } from './json-path.ts';
import { udf } from './udf.ts';

// ---------- time zones ----------
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(tz: string): Intl.DateTimeFormat | null {
  if (!formatters.has(tz)) {
    try {
      formatters.set(
        tz,
        new Intl.DateTimeFormat('en-US', {
          timeZone: tz,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
      );
    } catch {
      formatters.set(tz, null);
    }
  }
  return formatters.get(tz)!;
}

/** The zone's UTC offset in ms at the instant `utcMs`. */
function offsetAt(f: Intl.DateTimeFormat, utcMs: number): number {
  const parts = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** datetime_utc_to_local(dt, tz): µs in, µs text out; null for an unknown zone. */
export function utcToLocal(us: number | null, tz: string | null): string | null {
  if (us === null || tz === null) return null;
  const f = formatter(tz);
  if (!f) return null;
  return String(us + offsetAt(f, us / 1000) * 1000);
}

/**
 * datetime_local_to_utc(dt, tz). Around a transition a wall time may exist twice (fall back: the
 * later, standard-time reading is taken, as .NET does) or not at all (spring forward: the offset
 * after the change is used — Kusto docs: 02:00 in Brussels on 2022-03-27 gives 00:00 UTC).
 */
export function localToUtc(us: number | null, tz: string | null): string | null {
  if (us === null || tz === null) return null;
  const f = formatter(tz);
  if (!f) return null;
  const localMs = us / 1000;
  const before = offsetAt(f, localMs - 12 * 3_600_000);
  const after = offsetAt(f, localMs + 12 * 3_600_000);
  if (before === after) return String(us - before * 1000);
  const validBefore = offsetAt(f, localMs - before) === before;
  const validAfter = offsetAt(f, localMs - after) === after;
  const off = validAfter || !validBefore ? after : before;
  return String(us - off * 1000);
}

// ---------- JSON ----------
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k]!)]),
    );
  return v;
}

/** dynamic_to_json: JSON text with the keys of every bag sorted (so equal bags give equal text). */
export function dynamicToJson(text: string | null): string {
  if (text === null) return '';
  return JSON.stringify(sortKeys(JSON.parse(text) as Json));
}

/** extract_json(path, json): `$.a.b`, `$['a']`, `$.a[0]` paths; the value's JSON text or null. */
export function extractJson(path: string | null, text: string | null): string | null {
  if (path === null || text === null) return null;
  let v: Json;
  try {
    v = JSON.parse(text) as Json;
  } catch {
    return null;
  }
  const steps = parseJsonPath(path);
  if (!steps) return null;
  for (const step of steps) {
    if (typeof step === 'string') {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, step))
        return null;
      v = v[step]!;
    } else {
      if (!Array.isArray(v)) return null;
      v = v[step < 0 ? v.length + step : step] ?? null;
    }
  }
  return v === null ? null : JSON.stringify(v);
}

// ---------- versions ----------
/** parse_version: up to four dot-separated parts of up to 8 digits, as one number (part i × 10^(8·(3−i))). */
export function parseVersion(text: string | null): string | null {
  const m = /^\s*(\d{1,8})(?:\.(\d{1,8}))?(?:\.(\d{1,8}))?(?:\.(\d{1,8}))?\s*$/.exec(text ?? '');
  if (!m) return null;
  let v = 0n;
  for (let i = 1; i <= 4; i++) v = v * 100_000_000n + BigInt(m[i] ?? 0);
  return v.toString();
}

// ---------- punycode (RFC 3492) ----------
const BASE = 36,
  TMIN = 1,
  TMAX = 26,
  SKEW = 38,
  DAMP = 700,
  INITIAL_BIAS = 72,
  INITIAL_N = 128;

function adapt(delta: number, numPoints: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

const digit = (d: number): string => String.fromCharCode(d < 26 ? 97 + d : 22 + d);

export function punycodeEncode(text: string | null): string {
  const input = [...(text ?? '')].map((c) => c.codePointAt(0)!);
  let out = input
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join('');
  const basic = out.length;
  let h = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N,
    delta = 0,
    bias = INITIAL_BIAS;
  while (h < input.length) {
    const m = Math.min(...input.filter((c) => c >= n));
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of input) {
      if (c < n) delta++;
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
          if (q < t) break;
          out += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digit(q);
        bias = adapt(delta, h + 1, h === basic);
        delta = 0;
        h++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

export function punycodeDecode(text: string | null): string {
  const input = text ?? '';
  const dash = input.lastIndexOf('-');
  const out = dash > 0 ? [...input.slice(0, dash)].map((c) => c.codePointAt(0)!) : [];
  let n = INITIAL_N,
    i = 0,
    bias = INITIAL_BIAS;
  for (let p = dash > 0 ? dash + 1 : 0; p < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (p >= input.length) return '';
      const c = input.charCodeAt(p++);
      const d = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : BASE;
      if (d >= BASE) return '';
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

/**
 * punycode_domain_from_string / _to_string: label by label (IDNA dots 。｡． separate labels too),
 * `xn--` marking encoded labels. Non-ASCII labels are encoded by both directions, as Kusto does
 * (docs example: punycode_domain_to_string('Lê Lợi。Thuận Thiên。com') is 'xn--L Li-gpa4517b.…').
 */
export function punycodeDomain(text: string | null, encode: number | null): string {
  return (text ?? '')
    .split(/[.\u3002\uff0e\uff61]/)
    .map((label) => {
      if (!/^[\x00-\x7f]*$/.test(label)) return `xn--${punycodeEncode(label)}`;
      return !encode && label.toLowerCase().startsWith('xn--')
        ? punycodeDecode(label.slice(4))
        : label;
    })
    .join('.');
}

// ---------- command lines and CSV ----------
/** parse_command_line(cmd, "windows"): CommandLineToArgvW's rules for quotes and backslashes. */
export function parseCommandLine(text: string | null): string {
  const s = text ?? '';
  const args: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i >= s.length) break;
    let arg = '';
    let quoted = false;
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\') {
        let n = 0;
        while (s[i] === '\\') {
          n++;
          i++;
        }
        if (s[i] === '"') {
          arg += '\\'.repeat(n >> 1);
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
      } else if (c === '"') quoted = !quoted;
      else if ((c === ' ' || c === '\t') && !quoted) break;
      else arg += c;
    }
    args.push(arg);
  }
  return JSON.stringify(args);
}

/** parse_csv(text): the fields of the first record (quotes with doubled "" inside). */
export function parseCsv(text: string | null): string {
  const s = text ?? '';
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur);
      cur = '';
    } else if (c === '\n' || c === '\r') break;
    else cur += c;
  }
  fields.push(cur);
  return JSON.stringify(fields);
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const UTC_TO_LOCAL = udf('kql_utc_to_local', ['DOUBLE', 'VARCHAR'], 'VARCHAR', utcToLocal);
export const LOCAL_TO_UTC = udf('kql_local_to_utc', ['DOUBLE', 'VARCHAR'], 'VARCHAR', localToUtc);
export const DYNAMIC_TO_JSON = udf('kql_dynamic_to_json', ['VARCHAR'], 'VARCHAR', dynamicToJson);
export const EXTRACT_JSON = udf('kql_extract_json', ['VARCHAR', 'VARCHAR'], 'VARCHAR', extractJson);
export const PARSE_VERSION = udf('kql_parse_version', ['VARCHAR'], 'VARCHAR', parseVersion);
export const PUNYCODE_ENCODE = udf('kql_punycode_encode', ['VARCHAR'], 'VARCHAR', punycodeEncode);
export const PUNYCODE_DECODE = udf('kql_punycode_decode', ['VARCHAR'], 'VARCHAR', punycodeDecode);
export const PUNYCODE_DOMAIN = udf(
  'kql_punycode_domain',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  punycodeDomain,
);
export const PARSE_COMMAND_LINE = udf(
  'kql_parse_command_line',
  ['VARCHAR'],
  'VARCHAR',
  parseCommandLine,
);
export const PARSE_CSV = udf('kql_parse_csv', ['VARCHAR'], 'VARCHAR', parseCsv);
