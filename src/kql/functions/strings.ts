/** String functions. KQL strings are never null, so every string result is coalesced to "". */
import { toJsonSql, toStringSql } from '../convert.ts';
import { fractionText } from '../ticks.ts';
import { microsFromInterval } from '../sql.ts';
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import { CONVERSION_FUNCTIONS } from './conversion.ts';
import { DATETIME_FUNCTIONS } from './datetime.ts';
import { DYNAMIC_FUNCTIONS } from './dynamic.ts';
import { checkRegexLiteral, re2PatternSql } from '../runtime/regex.ts';
import { REPLACE_STRINGS } from '../runtime/arrays.ts';
import {
  PARSE_COMMAND_LINE,
  PARSE_CSV,
  PARSE_VERSION,
  PUNYCODE_DECODE,
  PUNYCODE_DOMAIN,
  PUNYCODE_ENCODE,
} from '../runtime/misc.ts';
import {
  BASE64_DECODE,
  BASE64_DECODE_TOARRAY,
  BASE64_ENCODE,
  BASE64_FROM_ARRAY,
  BASE64_TO_GUID,
  CODEPOINTS_FROM_STRING,
  CODEPOINTS_TO_STRING,
  COUNTOF,
  EXTRACT_ALL,
  FORMAT_BYTES,
  HAS_ANY_INDEX,
  HASH,
  HASH_TICKS,
  INDEXOF,
  INDEXOF_REGEX,
  PARSE_PATH,
  PARSE_URL,
  PARSE_URLQUERY,
  RANGE,
  REGEX_QUOTE,
  TO_UTF8,
  URL_DECODE,
  URL_ENCODE,
} from '../runtime/text.ts';
import { GUID_TO_BASE64, TRANSLATE_CHARS } from '../runtime/text-more.ts';

/** extract()'s typeof(T) argument: the conversion function that reads text as a T. */
const EXTRACT_CONVERSIONS: Readonly<Record<string, string>> = {
  int: 'toint',
  long: 'tolong',
  real: 'toreal',
  double: 'toreal',
  decimal: 'todecimal',
  bool: 'tobool',
  boolean: 'tobool',
  datetime: 'todatetime',
  date: 'todatetime',
  timespan: 'totimespan',
  time: 'totimespan',
  guid: 'toguid',
  dynamic: 'parse_json',
};

/** A conversion function of another family, by name or alias (looked up when called). */
function conversion(name: string): ScalarFunction | undefined {
  return [...CONVERSION_FUNCTIONS, ...DATETIME_FUNCTIONS, ...DYNAMIC_FUNCTIONS].find(
    (f) => f.name === name || f.aliases?.includes(name),
  );
}

/**
 * range() of datetimes in SQL alone (the same text as runtime/text.ts numberRange writes, which a
 * JavaScript call per row makes slow: join-time-window's 1.7 million ranges): start, stop and step
 * in µs; null for a null bound or a zero step; at most 2^20 elements, as Kusto.
 */
function datetimeRange(start: string, stop: string, step: string | undefined): Typed {
  const [s, e] = [`CAST(${start} AS BIGINT)`, `CAST(${stop} AS BIGINT)`];
  const st = step === undefined ? 'CAST(3600000000 AS BIGINT)' : `CAST(${step} AS BIGINT)`;
  const count = `least(CASE WHEN (${st} > 0 AND ${e} >= ${s}) OR (${st} < 0 AND ${e} <= ${s}) THEN (${e} - ${s}) // ${st} + 1 ELSE 0 END, 1048576)`;
  const micros = `list_transform(range(${count}), i -> ${s} + i * ${st})`;
  const text = `'"' || strftime(make_timestamp(u), '%Y-%m-%dT%H:%M:%S') || '.' || lpad(CAST(((u % 1000000) + 1000000) % 1000000 AS VARCHAR), 6, '0') || '0Z"'`;
  return {
    sql: `CASE WHEN ${s} IS NULL OR ${e} IS NULL OR ${st} IS NULL OR ${st} = 0 THEN NULL ELSE '[' || coalesce(array_to_string(list_transform(${micros}, u -> ${text}), ','), '') || ']' END`,
    type: 'dynamic',
  };
}

export const STRING_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'strlen',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `CAST(length(${toStringSql(expectType(a, 0, s, 'string', 'guid', 'dynamic'))}) AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'tolower',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `lower(${toStringSql(a[0]!)})`, type: 'string' }),
  },
  {
    name: 'toupper',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `upper(${toStringSql(a[0]!)})`, type: 'string' }),
  },
  // strcat converts every argument with tostring, so a null never turns the result into null.
  {
    name: 'strcat',
    minArgs: 1,
    maxArgs: 64,
    translate: (a) => {
      // Constant parts make a constant, which `table()` accepts as a name (Kusto: "a string constant expression").
      const constant = a.every((x) => typeof x.literal === 'string')
        ? { literal: a.map((x) => x.literal).join(''), folded: true as const }
        : {};
      return { sql: `(${a.map(toStringSql).join(' || ')})`, type: 'string', ...constant };
    },
  },
  {
    name: 'isempty',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'string') return { sql: `(${x.sql} = '')`, type: 'bool' };
      if (x.type === 'guid') return { sql: `(coalesce(${x.sql}, '') = '')`, type: 'bool' };
      if (x.type === 'dynamic')
        return { sql: `(${x.sql} IS NULL OR ${x.sql} = '""')`, type: 'bool' };
      return { sql: `(${x.sql} IS NULL)`, type: 'bool' };
    },
  },
  {
    name: 'isnotempty',
    aliases: ['notempty'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'string') return { sql: `(${x.sql} <> '')`, type: 'bool' };
      if (x.type === 'guid') return { sql: `(coalesce(${x.sql}, '') <> '')`, type: 'bool' };
      if (x.type === 'dynamic')
        return { sql: `(${x.sql} IS NOT NULL AND ${x.sql} <> '""')`, type: 'bool' };
      return { sql: `(${x.sql} IS NOT NULL)`, type: 'bool' };
    },
  },
  {
    // substring(text, start[, length]): 0-based start in KQL, 1-based in SQL.
    name: 'substring',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const text = toStringSql(a[0]!);
      const start = expectType(a, 1, s, 'long', 'int').sql;
      const len = a[2] ? `, greatest(${expectType(a, 2, s, 'long', 'int').sql}, 0)` : '';
      return {
        sql: `coalesce(substring(${text}, greatest(${start}, 0) + 1${len}), '')`,
        type: 'string',
      };
    },
  },
];

/** Arguments for runtime UDFs: only VARCHAR/DOUBLE/INTEGER, and a bare NULL has no type. */
const varchar = (sql: string) => `CAST(${sql} AS VARCHAR)`;
const double = (sql: string) => `CAST(${sql} AS DOUBLE)`;
const str = (a: readonly Typed[], i: number) => toStringSql(a[i]!);
/** An optional integer argument as DOUBLE (NULL when absent). */
const optLong = (a: readonly Typed[], i: number, s: CallSite) =>
  a[i] ? double(expectType(a, i, s, 'long', 'int').sql) : 'CAST(NULL AS DOUBLE)';
/**
 * A regex argument of DuckDB's regexp_* (RE2): Kusto's syntax translated to RE2's, a literal once
 * and checked here, anything else row by row (src/kql/runtime/regex.ts).
 */
const regex = (a: readonly Typed[], i: number, s: CallSite) => {
  const arg = expectType(a, i, s, 'string');
  return re2PatternSql(
    { sql: toStringSql(arg), ...(arg.literal !== undefined && { literal: arg.literal }) },
    (m) => s.fail(m, i),
  );
};
/** A regex argument of a runtime function (which compiles it itself): a literal is checked here. */
const jsRegex = (a: readonly Typed[], i: number, s: CallSite) => {
  const arg = expectType(a, i, s, 'string');
  checkRegexLiteral(arg, (m) => s.fail(m, i));
  return toStringSql(arg);
};

/**
 * The text hash_sha1, hash_sha256, hash_md5 and reverse read: tostring, except datetimes, which
 * Kusto writes in their 7-fraction-digit round-trip form (docs: hash_sha1(datetime(2020-01-01))
 * digests "2020-01-01T00:00:00.0000000Z"; reverse(datetime(2017-10-15 12:00)) is
 * "Z0000000.00:00:21T51-01-7102").
 */
function roundTripText(x: Typed): string {
  if (x.type !== 'datetime') return toStringSql(x);
  return `coalesce(strftime(${x.sql}, '%Y-%m-%dT%H:%M:%S') || '.' || ${fractionText(x, 'Z').digits}, '')`;
}

export const TEXT_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // strcat_delim(delimiter, a, b, …): every argument through tostring, so nulls become "".
    name: 'strcat_delim',
    minArgs: 3,
    maxArgs: 65,
    translate: (a) => ({
      sql: `(${a
        .slice(1)
        .map(toStringSql)
        .join(` || ${str(a, 0)} || `)})`,
      type: 'string',
    }),
  },
  {
    // trim(regex, text): removes every leading and trailing match of the regex.
    name: 'trim',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `regexp_replace(regexp_replace(${str(a, 1)}, '^(?:' || ${regex(a, 0, s)} || ')+', ''), '(?:' || ${regex(a, 0, s)} || ')+$', '')`,
      type: 'string',
    }),
  },
  {
    name: 'trim_start',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `regexp_replace(${str(a, 1)}, '^(?:' || ${regex(a, 0, s)} || ')+', '')`,
      type: 'string',
    }),
  },
  {
    name: 'trim_end',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `regexp_replace(${str(a, 1)}, '(?:' || ${regex(a, 0, s)} || ')+$', '')`,
      type: 'string',
    }),
  },
  {
    // replace_string(text, lookup, rewrite): every non-overlapping occurrence, case-sensitive.
    name: 'replace_string',
    minArgs: 3,
    maxArgs: 3,
    translate: (a) => ({
      sql: `CASE WHEN ${str(a, 1)} = '' THEN ${str(a, 0)} ELSE replace(${str(a, 0)}, ${str(a, 1)}, ${str(a, 2)}) END`,
      type: 'string',
    }),
  },
  {
    // replace_regex(text, regex, rewrite): all matches; \1 in the rewrite is a capture group (RE2, as in Kusto).
    name: 'replace_regex',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: `regexp_replace(${str(a, 0)}, ${regex(a, 1, s)}, ${str(a, 2)}, 'g')`,
      type: 'string',
    }),
  },
  {
    // The deprecated replace(regex, rewrite, text), arguments in that order.
    name: 'replace',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: `regexp_replace(${str(a, 2)}, ${regex(a, 0, s)}, ${str(a, 1)}, 'g')`,
      type: 'string',
    }),
  },
  {
    // extract(regex, group, text[, typeof(T)]): "" when nothing matches (KQL), as DuckDB's
    // regexp_extract gives; with a type, the match converted as toT() converts text (null when
    // nothing matches or the conversion fails: extract docs, `typeof(int)` gives 12 for "-12-").
    name: 'extract',
    minArgs: 3,
    maxArgs: 4,
    translate: (a, s) => {
      const g = a[1]!;
      if (typeof g.literal !== 'number')
        return s.fail('extract() needs a constant capture group number', 1);
      const text: Typed = {
        sql: `coalesce(regexp_extract(${str(a, 2)}, ${regex(a, 0, s)}, ${g.literal}), '')`,
        type: 'string',
      };
      if (a.length < 4) return text;
      const t = String(a[3]!.literal ?? '');
      if (!t.startsWith('typeof:'))
        return s.fail('extract() takes typeof(T) as its 4th argument', 3);
      const type = t.slice('typeof:'.length);
      if (type === 'string') return text;
      const convert = EXTRACT_CONVERSIONS[type];
      const fn = convert === undefined ? undefined : conversion(convert);
      if (!fn) return s.fail(`extract() cannot convert to ${type}`, 3);
      return fn.translate([text], s);
    },
  },
  {
    name: 'extract_all',
    aliases: ['extractall'],
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const groups =
        a.length === 3 ? varchar(expectType(a, 1, s, 'dynamic').sql) : 'CAST(NULL AS VARCHAR)';
      return {
        sql: EXTRACT_ALL.call(jsRegex(a, 0, s), groups, str(a, a.length - 1)),
        type: 'dynamic',
      };
    },
  },
  {
    // indexof(source, lookup[, start[, length[, occurrence]]]): non-strings are converted with tostring.
    name: 'indexof',
    minArgs: 2,
    maxArgs: 5,
    translate: (a, s) => {
      if (a.length === 2)
        return { sql: `CAST(strpos(${str(a, 0)}, ${str(a, 1)}) - 1 AS BIGINT)`, type: 'long' };
      return {
        sql: `CAST(${INDEXOF.call(str(a, 0), str(a, 1), optLong(a, 2, s), optLong(a, 3, s), optLong(a, 4, s))} AS BIGINT)`,
        type: 'long',
      };
    },
  },
  {
    // indexof_regex(source, regex[, start[, length[, occurrence]]]): matches do not overlap; null
    // for a negative start or occurrence or a length below -1 (runtime/text.ts).
    name: 'indexof_regex',
    minArgs: 2,
    maxArgs: 5,
    translate: (a, s) => ({
      sql: `CAST(${INDEXOF_REGEX.call(str(a, 0), jsRegex(a, 1, s), optLong(a, 2, s), optLong(a, 3, s), optLong(a, 4, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    // has_any_index(source, values): index in `values` of the first one `source` has as a term.
    name: 'has_any_index',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${HAS_ANY_INDEX.call(str(a, 0), varchar(expectType(a, 1, s, 'dynamic').sql))} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    // strcmp(a, b): -1, 0 or 1 by ordinal comparison ("abc" > "ABC"); DuckDB compares strings by
    // their UTF-8 bytes, which orders like code points.
    name: 'strcmp',
    minArgs: 2,
    maxArgs: 2,
    translate: (a) => {
      const [x, y] = [str(a, 0), str(a, 1)];
      return {
        sql: `CAST(CASE WHEN ${x} < ${y} THEN -1 WHEN ${x} > ${y} THEN 1 ELSE 0 END AS INTEGER)`,
        type: 'int',
      };
    },
  },
  // isascii(s): every character below U+0080, i.e. as many UTF-8 bytes (strlen) as characters.
  {
    name: 'isascii',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `(strlen(${str(a, 0)}) = length(${str(a, 0)}))`, type: 'bool' }),
  },
  {
    // format_bytes(size[, precision[, units]]): "19.08 MB" (runtime/text.ts).
    name: 'format_bytes',
    minArgs: 1,
    maxArgs: 3,
    translate: (a, s) => {
      const size = double(expectType(a, 0, s, 'long', 'int', 'real', 'decimal').sql);
      const units = a[2] ? toStringSql(expectType(a, 2, s, 'string')) : 'CAST(NULL AS VARCHAR)';
      return {
        sql: `coalesce(${FORMAT_BYTES.call(size, optLong(a, 1, s), units)}, '')`,
        type: 'string',
      };
    },
  },
  {
    name: 'countof',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const kind = a[2]?.literal;
      if (a[2] && kind !== 'normal' && kind !== 'regex')
        return s.fail('countof() kind must be "normal" or "regex"', 2);
      const search = kind === 'regex' ? jsRegex(a, 1, s) : str(a, 1);
      return {
        sql: `CAST(${COUNTOF.call(str(a, 0), search, `${kind === 'regex' ? 1 : 0}`)} AS BIGINT)`,
        type: 'long',
      };
    },
  },
  {
    name: 'reverse',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `reverse(${roundTripText(a[0]!)})`, type: 'string' }),
  },
  {
    // strrep(value, n[, delimiter]): n copies joined by the delimiter.
    name: 'strrep',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const n = expectType(a, 1, s, 'long', 'int').sql;
      const d = a[2] ? str(a, 2) : `''`;
      return {
        sql: `CASE WHEN ${n} > 0 THEN repeat(${str(a, 0)} || ${d}, CAST(${n} AS BIGINT) - 1) || ${str(a, 0)} ELSE '' END`,
        type: 'string',
      };
    },
  },
  {
    // hash(x[, mod]): xxHash64 of the UTF-8 text (Kusto's values, e.g. hash("World") = 1846988464401551951).
    name: 'hash',
    aliases: ['hash_xxhash64'],
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => {
      const x = a[0]!;
      if (x.type === 'datetime') {
        // xxHash64 of the ticks' 8 little-endian bytes (runtime/text.ts, checked on the page's value).
        const ticks = `CAST(epoch_us(${x.sql}) * 10 + 621355968000000000 AS VARCHAR)`;
        return {
          sql: `CAST(${HASH_TICKS.call(ticks, optLong(a, 1, s))} AS BIGINT)`,
          type: 'long',
        };
      }
      // Other types: no documented value shows which bytes Kusto hashes, so Loupe does not guess.
      if (x.type !== 'string' && x.type !== 'guid')
        throw s.ctx.error(
          'unsupported',
          `hash() of a ${x.type} (only strings and datetimes hash like Kusto so far)`,
          s.span,
        );
      return { sql: `CAST(${HASH.call(x.sql, optLong(a, 1, s))} AS BIGINT)`, type: 'long' };
    },
  },
  {
    name: 'hash_sha256',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `sha256(${roundTripText(a[0]!)})`, type: 'string' }),
  },
  {
    name: 'hash_sha1',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `sha1(${roundTripText(a[0]!)})`, type: 'string' }),
  },
  {
    name: 'hash_md5',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `md5(${roundTripText(a[0]!)})`, type: 'string' }),
  },
  {
    name: 'base64_encode_tostring',
    aliases: ['base64_encodestring'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: BASE64_ENCODE.call(str(a, 0)), type: 'string' }),
  },
  {
    name: 'base64_decode_tostring',
    aliases: ['base64_decodestring'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: BASE64_DECODE.call(str(a, 0)), type: 'string' }),
  },
  {
    name: 'base64_decode_toarray',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: BASE64_DECODE_TOARRAY.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'url_encode',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: URL_ENCODE.call(str(a, 0), '0'), type: 'string' }),
  },
  {
    name: 'url_encode_component',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: URL_ENCODE.call(str(a, 0), '1'), type: 'string' }),
  },
  {
    name: 'url_decode',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: URL_DECODE.call(str(a, 0)), type: 'string' }),
  },
  {
    name: 'parse_url',
    aliases: ['parseurl'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PARSE_URL.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'parse_urlquery',
    aliases: ['parseurlquery'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PARSE_URLQUERY.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'parse_path',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PARSE_PATH.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'unicode_codepoints_from_string',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: CODEPOINTS_FROM_STRING.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'unicode_codepoints_to_string',
    aliases: ['make_string'],
    minArgs: 1,
    maxArgs: 64,
    translate: (a, s) => ({
      sql: CODEPOINTS_TO_STRING.call(
        ...a.map((_, i) => toJsonSql(expectType(a, i, s, 'dynamic', 'long', 'int'))),
      ),
      type: 'string',
    }),
  },
  {
    // range(start, stop[, step]) as a scalar function: the dynamic array of those numbers.
    name: 'range',
    minArgs: 2,
    maxArgs: 3,
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
      const bound =
        kind === 1
          ? (['datetime'] as const)
          : kind === 2
            ? (['timespan'] as const)
            : (['long', 'int', 'real'] as const);
      const step = kind ? (['timespan'] as const) : (['long', 'int', 'real'] as const);
      if (kind === 1)
        return datetimeRange(
          num(0, ...bound),
          num(1, ...bound),
          a[2] ? num(2, ...step) : undefined,
        );
      return {
        sql: RANGE.call(num(0, ...bound), num(1, ...bound), num(2, ...step), `${kind}`),
        type: 'dynamic',
      };
    },
  },
  {
    name: 'to_utf8',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: TO_UTF8.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'regex_quote',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: REGEX_QUOTE.call(str(a, 0)), type: 'string' }),
  },
  // A KQL string is always valid UTF-8 once read (invalid bytes were replaced at ingestion).
  {
    name: 'isutf8',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `(${str(a, 0)} IS NOT NULL)`, type: 'bool' }),
  },
  {
    name: 'replace_strings',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: REPLACE_STRINGS.call(
        str(a, 0),
        varchar(expectType(a, 1, s, 'dynamic').sql),
        varchar(expectType(a, 2, s, 'dynamic').sql),
      ),
      type: 'string',
    }),
  },
  {
    name: 'base64_decode_toguid',
    minArgs: 1,
    maxArgs: 1,
    // Text that is not 16 bytes of base64 gives the null guid: SQL NULL, as Kusto answers.
    translate: (a) => ({ sql: BASE64_TO_GUID.call(str(a, 0)), type: 'guid' }),
  },
  {
    // base64_encode_fromguid(guid): the guid's bytes in .NET order as base64 (../runtime/text-more.ts).
    name: 'base64_encode_fromguid',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: GUID_TO_BASE64.call(expectType(a, 0, s, 'guid').sql),
      type: 'string',
    }),
  },
  {
    // translate(searchList, replacementList, source): character for character (../runtime/text-more.ts).
    name: 'translate',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: TRANSLATE_CHARS.call(
        expectType(a, 0, s, 'string').sql,
        expectType(a, 1, s, 'string').sql,
        expectType(a, 2, s, 'string').sql,
      ),
      type: 'string',
    }),
  },
  {
    name: 'base64_encode_fromarray',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: BASE64_FROM_ARRAY.call(varchar(expectType(a, 0, s, 'dynamic').sql)),
      type: 'string',
    }),
  },
  {
    name: 'punycode_from_string',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PUNYCODE_ENCODE.call(str(a, 0)), type: 'string' }),
  },
  {
    name: 'punycode_to_string',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PUNYCODE_DECODE.call(str(a, 0)), type: 'string' }),
  },
  {
    name: 'punycode_domain_from_string',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PUNYCODE_DOMAIN.call(str(a, 0), '1'), type: 'string' }),
  },
  {
    name: 'punycode_domain_to_string',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PUNYCODE_DOMAIN.call(str(a, 0), '0'), type: 'string' }),
  },
  {
    // parse_version: four parts of up to 8 digits as one comparable number (a decimal, held in a DOUBLE).
    name: 'parse_version',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({
      sql: `CAST(${PARSE_VERSION.call(str(a, 0))} AS DOUBLE)`,
      type: 'decimal',
    }),
  },
  {
    name: 'parse_command_line',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      if (String(a[1]!.literal).toLowerCase() !== 'windows')
        return s.fail('parse_command_line() supports the "windows" parser only', 1);
      return { sql: PARSE_COMMAND_LINE.call(str(a, 0)), type: 'dynamic' };
    },
  },
  {
    name: 'parse_csv',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: PARSE_CSV.call(str(a, 0)), type: 'dynamic' }),
  },
  {
    name: 'string_size',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: `CAST(octet_length(encode(${str(a, 0)})) AS BIGINT)`, type: 'long' }),
  },
];
