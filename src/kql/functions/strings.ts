/** String functions. KQL strings are never null, so every string result is coalesced to "". */
import { toJsonSql, toStringSql } from '../convert.ts';
import { microsFromInterval } from '../sql.ts';
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';

export const STRING_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'strlen', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(length(${toStringSql(expectType(a, 0, s, 'string', 'guid', 'dynamic'))}) AS BIGINT)`, type: 'long' }),
  },
  { name: 'tolower', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `lower(${toStringSql(a[0]!)})`, type: 'string' }) },
  { name: 'toupper', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `upper(${toStringSql(a[0]!)})`, type: 'string' }) },
  // strcat converts every argument with tostring, so a null never turns the result into null.
  {
    name: 'strcat', minArgs: 1, maxArgs: 64,
    translate: (a) => {
      // Constant parts make a constant, which `table()` accepts as a name (Kusto: "a string constant expression").
      const constant = a.every((x) => typeof x.literal === 'string') ? { literal: a.map((x) => x.literal).join('') } : {};
      return { sql: `(${a.map(toStringSql).join(' || ')})`, type: 'string', ...constant };
    },
  },
  {
    name: 'isempty', minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'string' || x.type === 'guid') return { sql: `(${x.sql} = '')`, type: 'bool' };
      if (x.type === 'dynamic') return { sql: `(${x.sql} IS NULL OR ${x.sql} = '""')`, type: 'bool' };
      return { sql: `(${x.sql} IS NULL)`, type: 'bool' };
    },
  },
  {
    name: 'isnotempty', aliases: ['notempty'], minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'string' || x.type === 'guid') return { sql: `(${x.sql} <> '')`, type: 'bool' };
      if (x.type === 'dynamic') return { sql: `(${x.sql} IS NOT NULL AND ${x.sql} <> '""')`, type: 'bool' };
      return { sql: `(${x.sql} IS NOT NULL)`, type: 'bool' };
    },
  },
  {
    // substring(text, start[, length]): 0-based start in KQL, 1-based in SQL.
    name: 'substring', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const text = toStringSql(a[0]!);
      const start = expectType(a, 1, s, 'long', 'int').sql;
      const len = a[2] ? `, greatest(${expectType(a, 2, s, 'long', 'int').sql}, 0)` : '';
      return { sql: `coalesce(substring(${text}, greatest(${start}, 0) + 1${len}), '')`, type: 'string' };
    },
  },
];

/** Arguments for runtime UDFs: only VARCHAR/DOUBLE/INTEGER, and a bare NULL has no type. */
const varchar = (sql: string) => `CAST(${sql} AS VARCHAR)`;
const double = (sql: string) => `CAST(${sql} AS DOUBLE)`;
const str = (a: readonly Typed[], i: number) => toStringSql(a[i]!);
/** An optional integer argument as DOUBLE (NULL when absent). */
const optLong = (a: readonly Typed[], i: number, s: CallSite) => (a[i] ? double(expectType(a, i, s, 'long', 'int').sql) : 'CAST(NULL AS DOUBLE)');
/** A regex argument: KQL regexes are RE2, DuckDB's too, so patterns pass through unchanged. */
const regex = (a: readonly Typed[], i: number, s: CallSite) => toStringSql(expectType(a, i, s, 'string'));

/**
 * The text hash_sha1, hash_sha256 and hash_md5 digest: tostring, except datetimes, which Kusto hashes in
 * their 7-fraction-digit form (docs: hash_sha1(datetime(2020-01-01)) digests "2020-01-01T00:00:00.0000000Z").
 */
function hashInput(x: Typed): string {
  if (x.type !== 'datetime') return toStringSql(x);
  const frac = `lpad(CAST(((epoch_us(${x.sql}) % 1000000) + 1000000) % 1000000 AS VARCHAR), 6, '0')`;
  return `coalesce(strftime(${x.sql}, '%Y-%m-%dT%H:%M:%S') || '.' || ${frac} || '0Z', '')`;
}

export const TEXT_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // strcat_delim(delimiter, a, b, …): every argument through tostring, so nulls become "".
    name: 'strcat_delim', minArgs: 3, maxArgs: 65,
    translate: (a) => ({ sql: `(${a.slice(1).map(toStringSql).join(` || ${str(a, 0)} || `)})`, type: 'string' }),
  },
  {
    // trim(regex, text): removes every leading and trailing match of the regex.
    name: 'trim', minArgs: 2, maxArgs: 2,
    translate: (a, s) => ({ sql: `regexp_replace(regexp_replace(${str(a, 1)}, '^(?:' || ${regex(a, 0, s)} || ')+', ''), '(?:' || ${regex(a, 0, s)} || ')+$', '')`, type: 'string' }),
  },
  { name: 'trim_start', minArgs: 2, maxArgs: 2, translate: (a, s) => ({ sql: `regexp_replace(${str(a, 1)}, '^(?:' || ${regex(a, 0, s)} || ')+', '')`, type: 'string' }) },
  { name: 'trim_end', minArgs: 2, maxArgs: 2, translate: (a, s) => ({ sql: `regexp_replace(${str(a, 1)}, '(?:' || ${regex(a, 0, s)} || ')+$', '')`, type: 'string' }) },
  {
    // replace_string(text, lookup, rewrite): every non-overlapping occurrence, case-sensitive.
    name: 'replace_string', minArgs: 3, maxArgs: 3,
    translate: (a) => ({ sql: `CASE WHEN ${str(a, 1)} = '' THEN ${str(a, 0)} ELSE replace(${str(a, 0)}, ${str(a, 1)}, ${str(a, 2)}) END`, type: 'string' }),
  },
  {
    // replace_regex(text, regex, rewrite): all matches; \1 in the rewrite is a capture group (RE2, as in Kusto).
    name: 'replace_regex', minArgs: 3, maxArgs: 3,
    translate: (a, s) => ({ sql: `regexp_replace(${str(a, 0)}, ${regex(a, 1, s)}, ${str(a, 2)}, 'g')`, type: 'string' }),
  },
  {
    // The deprecated replace(regex, rewrite, text), arguments in that order.
    name: 'replace', minArgs: 3, maxArgs: 3,
    translate: (a, s) => ({ sql: `regexp_replace(${str(a, 2)}, ${regex(a, 0, s)}, ${str(a, 1)}, 'g')`, type: 'string' }),
  },
  {
    // extract(regex, group, text): "" when nothing matches (KQL), as DuckDB's regexp_extract gives.
    name: 'extract', minArgs: 3, maxArgs: 3,
    translate: (a, s) => {
      const g = a[1]!;
      if (typeof g.literal !== 'number') return s.fail('extract() needs a constant capture group number', 1);
      return { sql: `coalesce(regexp_extract(${str(a, 2)}, ${regex(a, 0, s)}, ${g.literal}), '')`, type: 'string' };
    },
  },
  {
    name: 'extract_all', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const groups = a.length === 3 ? varchar(expectType(a, 1, s, 'dynamic').sql) : 'CAST(NULL AS VARCHAR)';
      return { sql: `kql_extract_all(${regex(a, 0, s)}, ${groups}, ${str(a, a.length - 1)})`, type: 'dynamic' };
    },
  },
  {
    // indexof(source, lookup[, start[, length[, occurrence]]]): non-strings are converted with tostring.
    name: 'indexof', minArgs: 2, maxArgs: 5,
    translate: (a, s) => {
      if (a.length === 2) return { sql: `CAST(strpos(${str(a, 0)}, ${str(a, 1)}) - 1 AS BIGINT)`, type: 'long' };
      return { sql: `CAST(kql_indexof(${str(a, 0)}, ${str(a, 1)}, ${optLong(a, 2, s)}, ${optLong(a, 3, s)}, ${optLong(a, 4, s)}) AS BIGINT)`, type: 'long' };
    },
  },
  {
    name: 'countof', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const kind = a[2]?.literal;
      if (a[2] && kind !== 'normal' && kind !== 'regex') return s.fail('countof() kind must be "normal" or "regex"', 2);
      return { sql: `CAST(kql_countof(${str(a, 0)}, ${str(a, 1)}, CAST(${kind === 'regex' ? 1 : 0} AS INTEGER)) AS BIGINT)`, type: 'long' };
    },
  },
  { name: 'reverse', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `reverse(${str(a, 0)})`, type: 'string' }) },
  {
    // strrep(value, n[, delimiter]): n copies joined by the delimiter.
    name: 'strrep', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const n = expectType(a, 1, s, 'long', 'int').sql;
      const d = a[2] ? str(a, 2) : `''`;
      return { sql: `CASE WHEN ${n} > 0 THEN repeat(${str(a, 0)} || ${d}, CAST(${n} AS BIGINT) - 1) || ${str(a, 0)} ELSE '' END`, type: 'string' };
    },
  },
  {
    // hash(x[, mod]): xxHash64 of the UTF-8 text (Kusto's values, e.g. hash("World") = 1846988464401551951).
    name: 'hash', aliases: ['hash_xxhash64'], minArgs: 1, maxArgs: 2,
    translate: (a, s) => {
      const x = a[0]!;
      if (x.type !== 'string' && x.type !== 'guid') throw s.ctx.error('unsupported', `hash() of a ${x.type} (only strings hash like Kusto so far)`, s.span);
      return { sql: `CAST(kql_hash(${x.sql}, ${optLong(a, 1, s)}) AS BIGINT)`, type: 'long' };
    },
  },
  { name: 'hash_sha256', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `sha256(${hashInput(a[0]!)})`, type: 'string' }) },
  { name: 'hash_sha1', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `sha1(${hashInput(a[0]!)})`, type: 'string' }) },
  { name: 'hash_md5', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `md5(${hashInput(a[0]!)})`, type: 'string' }) },
  { name: 'base64_encode_tostring', aliases: ['base64_encodestring'], minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_base64_encode(${str(a, 0)})`, type: 'string' }) },
  { name: 'base64_decode_tostring', aliases: ['base64_decodestring'], minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_base64_decode(${str(a, 0)})`, type: 'string' }) },
  { name: 'base64_decode_toarray', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_base64_decode_toarray(${str(a, 0)})`, type: 'dynamic' }) },
  { name: 'url_encode', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_url_encode(${str(a, 0)}, CAST(0 AS INTEGER))`, type: 'string' }) },
  { name: 'url_encode_component', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_url_encode(${str(a, 0)}, CAST(1 AS INTEGER))`, type: 'string' }) },
  { name: 'url_decode', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_url_decode(${str(a, 0)})`, type: 'string' }) },
  { name: 'parse_url', aliases: ['parseurl'], minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_parse_url(${str(a, 0)})`, type: 'dynamic' }) },
  { name: 'parse_urlquery', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_parse_urlquery(${str(a, 0)})`, type: 'dynamic' }) },
  { name: 'parse_path', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_parse_path(${str(a, 0)})`, type: 'dynamic' }) },
  { name: 'unicode_codepoints_from_string', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_codepoints_from_string(${str(a, 0)})`, type: 'dynamic' }) },
  {
    name: 'unicode_codepoints_to_string', minArgs: 1, maxArgs: 64,
    translate: (a, s) => ({ sql: `kql_codepoints_to_string(${a.map((x, i) => varchar(toJsonSql(expectType(a, i, s, 'dynamic', 'long', 'int')))).join(', ')})`, type: 'string' }),
  },
  {
    // range(start, stop[, step]) as a scalar function: the dynamic array of those numbers.
    name: 'range', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const first = expectType(a, 0, s, 'long', 'int', 'real', 'datetime', 'timespan');
      const kind = first.type === 'datetime' ? 1 : first.type === 'timespan' ? 2 : 0;
      const num = (i: number, ...types: Typed['type'][]) => {
        if (!a[i]) return 'CAST(NULL AS DOUBLE)';
        const x = expectType(a, i, s, ...types);
        if (x.type === 'datetime') return `CAST(epoch_us(${x.sql}) AS DOUBLE)`;
        if (x.type === 'timespan') return `CAST(${microsFromInterval(x.sql)} AS DOUBLE)`;
        return double(x.sql);
      };
      const bound = kind === 1 ? (['datetime'] as const) : kind === 2 ? (['timespan'] as const) : (['long', 'int', 'real'] as const);
      const step = kind ? (['timespan'] as const) : (['long', 'int', 'real'] as const);
      return { sql: `kql_range(${num(0, ...bound)}, ${num(1, ...bound)}, ${num(2, ...step)}, CAST(${kind} AS INTEGER))`, type: 'dynamic' };
    },
  },
  { name: 'to_utf8', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_to_utf8(${str(a, 0)})`, type: 'dynamic' }) },
  { name: 'regex_quote', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_regex_quote(${str(a, 0)})`, type: 'string' }) },
  // A KQL string is always valid UTF-8 once read (invalid bytes were replaced at ingestion).
  { name: 'isutf8', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `(${str(a, 0)} IS NOT NULL)`, type: 'bool' }) },
  {
    name: 'replace_strings', minArgs: 3, maxArgs: 3,
    translate: (a, s) => ({ sql: `kql_replace_strings(${str(a, 0)}, ${varchar(expectType(a, 1, s, 'dynamic').sql)}, ${varchar(expectType(a, 2, s, 'dynamic').sql)})`, type: 'string' }),
  },
  { name: 'base64_decode_toguid', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `coalesce(kql_base64_to_guid(${str(a, 0)}), '')`, type: 'guid' }) },
  {
    name: 'base64_encode_fromarray', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `kql_base64_from_array(${varchar(expectType(a, 0, s, 'dynamic').sql)})`, type: 'string' }),
  },
  { name: 'punycode_from_string', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_punycode_encode(${str(a, 0)})`, type: 'string' }) },
  { name: 'punycode_to_string', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_punycode_decode(${str(a, 0)})`, type: 'string' }) },
  { name: 'punycode_domain_from_string', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_punycode_domain(${str(a, 0)}, CAST(1 AS INTEGER))`, type: 'string' }) },
  { name: 'punycode_domain_to_string', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_punycode_domain(${str(a, 0)}, CAST(0 AS INTEGER))`, type: 'string' }) },
  {
    // parse_version: four parts of up to 8 digits as one comparable number (a decimal, held in a DOUBLE).
    name: 'parse_version', minArgs: 1, maxArgs: 1,
    translate: (a) => ({ sql: `CAST(kql_parse_version(${str(a, 0)}) AS DOUBLE)`, type: 'decimal' }),
  },
  {
    name: 'parse_command_line', minArgs: 2, maxArgs: 2,
    translate: (a, s) => {
      if (String(a[1]!.literal).toLowerCase() !== 'windows') return s.fail('parse_command_line() supports the "windows" parser only', 1);
      return { sql: `kql_parse_command_line(${str(a, 0)})`, type: 'dynamic' };
    },
  },
  { name: 'parse_csv', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `kql_parse_csv(${str(a, 0)})`, type: 'dynamic' }) },
  {
    name: 'string_size', minArgs: 1, maxArgs: 1,
    translate: (a) => ({ sql: `CAST(octet_length(encode(${str(a, 0)})) AS BIGINT)`, type: 'long' }),
  },
];
