/**
 * The extraction of `parse-kv` (Kusto docs, parse-kv operator): the text's key/value pairs as a
 * JSON bag of strings (first appearance of a key wins, keys and values trimmed, quotes removed,
 * escapes applied); operators/parse-kv.ts converts the listed keys to their types. Modes:
 * - delimiters given (`pair_delimiter`, `kv_delimiter`): pairs split at the pair delimiter, key
 *   and value at the kv delimiter; in greedy mode an unquoted value runs until the next
 *   `<pair delimiter>key<kv delimiter>` (so it may hold pair delimiters);
 * - no delimiters: each listed key is looked for as a term (non-alphanumeric boundaries), any run
 *   of non-alphanumeric characters after it separates it from its value, and an unquoted value is
 *   the run of alphanumeric characters that follows;
 * - `regex`: every match's first group is a key, its second the value.
 */
import { udf } from './udf.ts';

export interface KvOptions {
  readonly pairDelimiter?: string;
  readonly kvDelimiter?: string;
  /** Opening and closing quote of each quote pair (`'"'` is `""`, `'()'` is `()`). */
  readonly quotes: readonly string[];
  readonly escapes: readonly string[];
  readonly greedy: boolean;
  readonly regex?: string;
  /** The listed keys (used by the mode without delimiters). */
  readonly keys: readonly string[];
}

import { kustoRegex } from './regex.ts';

const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** A quoted run starting at `i` (an opening quote): its unescaped content and the index after the closing quote. */
function readQuoted(
  text: string,
  i: number,
  o: KvOptions,
): { value: string; end: number } | undefined {
  const pair = o.quotes.find((q) => text[i] === q[0]);
  if (!pair) return undefined;
  const close = pair[1] ?? pair[0]!;
  let value = '';
  let j = i + 1;
  while (j < text.length && text[j] !== close) {
    if (o.escapes.includes(text[j]!) && j + 1 < text.length) j++;
    value += text[j]!;
    j++;
  }
  return { value, end: Math.min(j + 1, text.length) };
}

function put(out: Record<string, string>, key: string, value: string): void {
  const k = key.trim();
  if (k && !Object.hasOwn(out, k))
    Object.defineProperty(out, k, {
      value: value.trim(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

function withDelimiters(text: string, o: KvOptions, out: Record<string, string>): void {
  const pd = o.pairDelimiter!;
  const kd = o.kvDelimiter!;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text.startsWith(pd, i) || text[i] === ' '))
      i += text.startsWith(pd, i) ? pd.length : 1;
    if (i >= text.length) break;
    // Key: quoted, or up to the kv delimiter (a pair delimiter first means a key without a value).
    let key: string;
    const qk = readQuoted(text, i, o);
    if (qk) {
      key = qk.value;
      i = qk.end;
      while (text[i] === ' ') i++;
      if (!text.startsWith(kd, i)) continue;
    } else {
      const kdAt = text.indexOf(kd, i);
      const pdAt = text.indexOf(pd, i);
      if (kdAt < 0) break;
      if (pdAt >= 0 && pdAt < kdAt) {
        i = pdAt;
        continue;
      }
      key = text.slice(i, kdAt);
      i = kdAt;
    }
    i += kd.length;
    while (text[i] === ' ' && pd !== ' ') i++;
    const qv = readQuoted(text, i, o);
    if (qv) {
      put(out, key, qv.value);
      i = qv.end;
      continue;
    }
    let end = text.indexOf(pd, i);
    if (end < 0) end = text.length;
    if (o.greedy) {
      // The value ends at the last pair delimiter before the next `key<kv delimiter>` whose key holds no pair delimiter.
      const nextKd = text.indexOf(kd, i);
      end = text.length;
      if (nextKd >= 0) {
        const before = text.lastIndexOf(pd, nextKd);
        if (before >= i) end = before;
      }
    }
    put(out, key, text.slice(i, end));
    i = end;
  }
}

function withoutDelimiters(text: string, o: KvOptions, out: Record<string, string>): void {
  for (const key of o.keys) {
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      if (isAlnum(text[at - 1]) || isAlnum(text[at + key.length])) continue;
      let i = at + key.length;
      const start = i;
      while (i < text.length && !isAlnum(text[i]) && !o.quotes.some((q) => q[0] === text[i])) i++;
      if (i === start || i >= text.length) continue;
      const qv = readQuoted(text, i, o);
      if (qv) put(out, key, qv.value);
      else {
        let j = i;
        while (j < text.length && isAlnum(text[j])) j++;
        put(out, key, text.slice(i, j));
      }
      break;
    }
  }
}

function withRegex(text: string, pattern: string, out: Record<string, string>): void {
  // RE2 semantics in linear time (./regex.ts): the pattern is the rule's, the text the attacker's.
  for (const m of kustoRegex(pattern).matches(text)) {
    const [, key, value] = m.groups;
    if (key !== undefined && value !== undefined) put(out, key, value);
  }
}

/** The UDF: `options` is the JSON of KvOptions (a constant the translator writes). */
export function parseKv(text: string | null, options: string | null): string | null {
  if (text === null || options === null) return null;
  const o = JSON.parse(options) as KvOptions;
  const out: Record<string, string> = {};
  if (o.regex !== undefined) withRegex(text, o.regex, out);
  else if (o.pairDelimiter !== undefined && o.kvDelimiter !== undefined)
    withDelimiters(text, o, out);
  else withoutDelimiters(text, o, out);
  return JSON.stringify(out);
}

export const PARSE_KV = udf('kql_parse_kv', ['VARCHAR', 'VARCHAR'], 'VARCHAR', parseKv);
