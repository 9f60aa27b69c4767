/**
 * More string functions at run time: `translate(searchList, replacementList, source)` and
 * `base64_encode_fromguid(guid)`. Registered by ./index.ts, called by ../functions/strings.ts.
 */
import { udf } from './udf.ts';

/**
 * translate(searchList, replacementList, source): each character of `source` found in `searchList`
 * becomes the character at the same place in `replacementList`, or its last character when the
 * replacement list is shorter, or nothing when it is empty (Kusto docs: translate("abc", "x",
 * "abc") is "xxx", translate("abc", "", "ab") is ""). Characters are code points; a character
 * listed twice in `searchList` takes its first place.
 */
export function translateChars(
  search: string | null,
  replacement: string | null,
  source: string | null,
): string {
  if (!source) return '';
  const from = [...(search ?? '')];
  const to = [...(replacement ?? '')];
  if (from.length === 0) return source;
  const map = new Map<string, string>();
  from.forEach((c, i) => {
    if (!map.has(c)) map.set(c, to.length === 0 ? '' : (to[Math.min(i, to.length - 1)] ?? ''));
  });
  let out = '';
  for (const c of source) out += map.get(c) ?? c;
  return out;
}

/**
 * base64_encode_fromguid(guid): the base64 of the guid's 16 bytes in .NET's Guid.ToByteArray
 * order — the first three groups little-endian, the last two as written — the inverse of
 * base64_decode_toguid (Kusto docs: ae3133f2-6e22-49ae-b06a-16e6a9b212eb is
 * "8jMxriJurkmwahbmqbIS6w=="). "" for the null guid (held as "").
 */
export function guidToBase64(guid: string | null): string {
  if (!guid) return '';
  const hex = guid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return '';
  const byte = (i: number) => parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return btoa(String.fromCharCode(...order.map(byte)));
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const TRANSLATE_CHARS = udf(
  'kql_translate',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  translateChars,
);
export const GUID_TO_BASE64 = udf('kql_guid_to_base64', ['VARCHAR'], 'VARCHAR', guidToBase64);
