/**
 * `parse_xml(text)` at run time: XML text → a dynamic value, as Kusto's page describes it
 * (data-explorer/kusto/query/parse-xml-function.md):
 *   <e/>                         → {"e": null}
 *   <e>text</e>                  → {"e": "text"}
 *   <e name="value" />           → {"e": {"@name": "value"}}
 *   <e name="value">text</e>     → {"e": {"@name": "value", "#text": "text"}}
 *   <e> <a>text</a> <b>text</b> </e> → {"e": {"a": "text", "b": "text"}}
 *   <e> <a>text</a> <a>text</a> </e> → {"e": {"a": ["text", "text"]}}
 *   <e> text <a>text</a> </e>    → {"e": {"#text": "text", "a": "text"}}
 * Only elements, attributes and text are translated (comments, processing instructions and the
 * XML declaration are skipped); values are strings; repeated child elements become one array at
 * the place of the first; text is trimmed of XML white space, and text of white space only is
 * dropped; CDATA sections are text; `<e></e>` is "" (as .NET's XML-to-JSON writer gives it).
 * Anything that is not well-formed XML gives null.
 *
 * The text comes from logs, which attackers write, so the reader is bounded:
 * - input over 1 MB (1,048,576 bytes of UTF-8) gives null, Kusto's documented limit;
 * - elements nested deeper than a dynamic value may be (src/ingest/limits.ts, jsonDepth) give null;
 * - no DTD is read: a document with a `<!DOCTYPE …>` gives null (as .NET's XmlReader refuses DTDs
 *   by default), so there are no external entities and no entity expansion (billion laughs) —
 *   only the five predefined entities and character references are replaced;
 * - the reader is one pass over the text with an explicit stack (no recursion), so its time and
 *   memory are linear in the input.
 */
import { DEFAULT_LIMITS } from '../../ingest/limits.ts';
import { stringifyJson } from '../../json/stringify.ts';
import { udf } from './udf.ts';

/** Kusto's documented input limit, in bytes of UTF-8. */
export const XML_MAX_BYTES = 1024 * 1024;

type Json = null | string | Json[] | { [k: string]: Json };

/** An element being read: its attributes, child values by name (first-seen order) and text. */
interface Open {
  readonly name: string;
  readonly attrs: [string, string][];
  readonly children: Map<string, Json[]>;
  readonly texts: string[];
  /** `<e/>` (null when empty) rather than `<e></e>` ("" when empty). */
  selfClosed: boolean;
}

class NotXml extends Error {}

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Whether a code point may appear in an XML 1.0 document. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** Text with its entity and character references replaced; throws on an unknown or bare `&`. */
function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<]{0,32});|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new NotXml();
    if (ref.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#[0-9]{1,7}$/.test(ref)
          ? parseInt(ref.slice(1), 10)
          : NaN;
      if (!isXmlChar(code)) throw new NotXml();
      return String.fromCodePoint(code);
    }
    const named = PREDEFINED[ref];
    if (named === undefined) throw new NotXml();
    return named;
  });
}

const NAME = /[A-Za-z_:\u00c0-\uffff][-A-Za-z0-9._:\u00b7\u00c0-\uffff]*/y;
const SPACE = /[ \t\r\n]*/y;

/** An object with own properties only (no prototype: a key such as `__proto__` is a plain key). */
function bag(entries: Iterable<readonly [string, Json]>): { [k: string]: Json } {
  const o = Object.create(null) as { [k: string]: Json };
  for (const [k, v] of entries) o[k] = v;
  return o;
}

/** The value of an element once its end tag is read. */
function valueOf(e: Open): Json {
  const text = e.texts.join('').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (e.attrs.length === 0 && e.children.size === 0) {
    if (text !== '' || e.texts.length > 0) return text;
    return e.selfClosed ? null : '';
  }
  const entries: [string, Json][] = e.attrs.map(([k, v]) => [`@${k}`, v]);
  if (text !== '') entries.push(['#text', text]);
  for (const [name, values] of e.children)
    entries.push([name, values.length === 1 ? values[0]! : values]);
  return bag(entries);
}

/** The value parse_xml gives for `xml`: a dynamic value, or undefined for text that is not XML. */
export function xmlToJson(
  xml: string,
  maxDepth: number = DEFAULT_LIMITS.jsonDepth,
): Json | undefined {
  try {
    return read(xml, maxDepth);
  } catch (e) {
    if (e instanceof NotXml) return undefined;
    throw e;
  }
}

function read(xml: string, maxDepth: number): Json | undefined {
  const s = xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const stack: Open[] = [];
  let root: Json | undefined;
  let rootName = '';
  let i = 0;
  const fail = (): never => {
    throw new NotXml();
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(s);
    if (!m) fail();
    i += m![0].length;
    return m![0];
  };
  const space = (): number => {
    SPACE.lastIndex = i;
    const n = SPACE.exec(s)![0].length;
    i += n;
    return n;
  };
  /** Skips to just after `end`, or fails. */
  const skipPast = (end: string): string => {
    const j = s.indexOf(end, i);
    if (j < 0) fail();
    const body = s.slice(i, j);
    i = j + end.length;
    return body;
  };
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i) {
      const raw = s.slice(i, textEnd);
      i = textEnd;
      const top = stack[stack.length - 1];
      if (!top) {
        if (/[^ \t\n]/.test(raw)) fail(); // text outside the root element
      } else {
        if (raw.includes(']]>')) fail();
        if (/[^ \t\n]/.test(raw)) top.texts.push(decodeReferences(raw));
      }
      continue;
    }
    // s[i] === '<'
    const top = stack[stack.length - 1];
    if (s.startsWith('<!--', i)) {
      i += 4;
      skipPast('-->');
    } else if (s.startsWith('<![CDATA[', i)) {
      if (!top) fail();
      i += 9;
      top!.texts.push(skipPast(']]>'));
    } else if (s.startsWith('<!', i)) {
      fail(); // <!DOCTYPE …>: no DTD is read (no entity expansion, no external entities)
    } else if (s.startsWith('<?', i)) {
      i += 2;
      const target = name();
      if (/^xml$/i.test(target) && (target !== 'xml' || stack.length > 0 || root !== undefined))
        fail();
      skipPast('?>');
    } else if (s.startsWith('</', i)) {
      i += 2;
      const n = name();
      space();
      if (s[i] !== '>' || !top || top.name !== n) fail();
      i++;
      stack.pop();
      const v = valueOf(top!);
      const parent = stack[stack.length - 1];
      if (parent) {
        const list = parent.children.get(n);
        if (list) list.push(v);
        else parent.children.set(n, [v]);
      } else {
        root = v;
        rootName = n;
      }
    } else {
      i++;
      if (!top && root !== undefined) fail(); // a second root element
      if (stack.length >= maxDepth) fail();
      const n = name();
      const e: Open = { name: n, attrs: [], children: new Map(), texts: [], selfClosed: false };
      const seen = new Set<string>();
      for (;;) {
        const gap = space();
        if (s[i] === '>' || s.startsWith('/>', i)) break;
        if (gap === 0) fail();
        const a = name();
        space();
        if (s[i] !== '=') fail();
        i++;
        space();
        const q = s[i];
        if (q !== '"' && q !== "'") fail();
        i++;
        const end = s.indexOf(q!, i);
        if (end < 0) fail();
        const raw = s.slice(i, end);
        i = end + 1;
        if (raw.includes('<') || seen.has(a)) fail();
        seen.add(a);
        e.attrs.push([a, decodeReferences(raw.replace(/[\t\n]/g, ' '))]);
      }
      if (s[i] === '>') {
        i++;
        stack.push(e);
      } else {
        i += 2; // '/>'
        e.selfClosed = true;
        const v = valueOf(e);
        if (top) {
          const list = top.children.get(n);
          if (list) list.push(v);
          else top.children.set(n, [v]);
        } else {
          root = v;
          rootName = n;
        }
      }
    }
  }
  if (stack.length > 0 || root === undefined) fail();
  for (const c of s) if (!isXmlChar(c.codePointAt(0)!)) fail();
  return bag([[rootName, root!]]);
}

/** UTF-8 bytes of `s`, counted without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Bytes(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        k++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** parse_xml(text): the value's JSON text; null for empty text, text over 1 MB or text that is not XML. */
export function parseXml(text: string | null): string | null {
  if (text === null || text === '') return null;
  if (text.length > XML_MAX_BYTES || utf8Bytes(text) > XML_MAX_BYTES) return null;
  const v = xmlToJson(text);
  return v === undefined ? null : stringifyJson(v);
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const PARSE_XML = udf('kql_parse_xml', ['VARCHAR'], 'VARCHAR', parseXml);
