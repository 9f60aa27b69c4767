import { describe, expect, it } from 'vitest';
import { parseXml, xmlToJson, XML_MAX_BYTES } from '../../../src/kql/runtime/xml.ts';
import { functionCases } from './function-cases.ts';

const parsed = (xml: string) => {
  const t = parseXml(xml);
  return t === null ? null : (JSON.parse(t) as unknown);
};

describe('parse_xml: the conversion table of parse-xml-function.md', () => {
  it.each([
    ['<e/>', { e: null }],
    ['<e>text</e>', { e: 'text' }],
    ['<e name="value" />', { e: { '@name': 'value' } }],
    ['<e name="value">text</e>', { e: { '@name': 'value', '#text': 'text' } }],
    ['<e> <a>text</a> <b>text</b> </e>', { e: { a: 'text', b: 'text' } }],
    ['<e> <a>text</a> <a>text</a> </e>', { e: { a: ['text', 'text'] } }],
    ['<e> text <a>text</a> </e>', { e: { '#text': 'text', a: 'text' } }],
  ])('%s', (xml, json) => {
    expect(parsed(xml)).toEqual(json);
  });

  it("reads the page's example: declaration skipped, values strings", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<duration>
    <value>118.0</value>
    <count>5.0</count>
    <min>100.0</min>
</duration>`;
    expect(parsed(xml)).toEqual({ duration: { value: '118.0', count: '5.0', min: '100.0' } });
  });
});

describe('parse_xml: what the page leaves to XML', () => {
  it('groups repeated children into one array at the place of the first', () => {
    expect(JSON.stringify(xmlToJson('<e><a>1</a><b/><a>2</a></e>'))).toBe(
      '{"e":{"a":["1","2"],"b":null}}',
    );
  });
  it('reads entities, character references, CDATA, comments and namespaces', () => {
    expect(
      parsed(
        '<x:e xmlns:x="urn:a" t="a&amp;b&#x41;"><!-- c --><![CDATA[<raw>]]> &lt;&#65;&gt;</x:e>',
      ),
    ).toEqual({ 'x:e': { '@xmlns:x': 'urn:a', '@t': 'a&bA', '#text': '<raw> <A>' } });
  });
  it('an element with nothing between its tags is "", a self-closed one null', () => {
    expect(parsed('<e><a></a><b/><c>  </c></e>')).toEqual({ e: { a: '', b: null, c: '' } });
  });
  it('keeps a key named __proto__ as a plain key', () => {
    expect(parseXml('<e><__proto__>x</__proto__></e>')).toBe('{"e":{"__proto__":"x"}}');
  });
  it('reads the Sysmon EventData the Log4J IOC rule parses (Data[9]["#text"])', () => {
    const data = Array.from({ length: 16 }, (_, k) => `<Data Name="F${k}">v${k}</Data>`).join('');
    const v = parsed(
      `<DataItem type="System.XmlData" time="2021-12-11T00:00:00Z"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${data}</EventData></DataItem>`,
    ) as { DataItem: { EventData: { Data: { '@Name': string; '#text': string }[] } } };
    expect(v.DataItem.EventData.Data[9]).toEqual({ '@Name': 'F9', '#text': 'v9' });
    expect(v.DataItem.EventData.Data).toHaveLength(16);
  });
  it.each([
    ['', 'empty text'],
    ['not xml', 'text'],
    ['<a>', 'an unclosed element'],
    ['<a></b>', 'a mismatched end tag'],
    ['<a/><b/>', 'two root elements'],
    ['<a>x</a>trailing', 'text after the root'],
    ['<a x="1" x="2"/>', 'a repeated attribute'],
    ['<a x=1/>', 'an unquoted attribute'],
    ['<a>&nbsp;</a>', 'an entity XML does not predefine'],
    ['<a>AT&T</a>', 'a bare ampersand'],
    ['<a>&#0;</a>', 'a reference to a character XML forbids'],
    ['<a><?xml version="1.0"?></a>', 'a declaration inside the document'],
  ])('null for %j (%s)', (xml) => {
    expect(parseXml(xml)).toBeNull();
  });
});

describe('parse_xml: hostile input stays bounded', () => {
  it('reads no DTD: internal entities (billion laughs) and external ones give null', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from(
        { length: 9 },
        (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`,
      ).join('') +
      ']><lolz>&lol9;</lolz>';
    const started = performance.now();
    expect(parseXml(laughs)).toBeNull();
    expect(parseXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });
  it('gives null past 1 MB of UTF-8 (Kusto’s limit), counting bytes, not characters', () => {
    const fill = (n: number) => `<a>${'x'.repeat(n - 7)}</a>`;
    expect(parseXml(fill(XML_MAX_BYTES))).not.toBeNull();
    expect(parseXml(fill(XML_MAX_BYTES + 1))).toBeNull();
    // 400,000 × "é" is 800,000 bytes; × "€" 1,200,000 bytes, under a million characters.
    expect(parseXml(`<a>${'é'.repeat(400_000)}</a>`)).not.toBeNull();
    expect(parseXml(`<a>${'€'.repeat(400_000)}</a>`)).toBeNull();
  });
  it('gives null past the dynamic depth limit, without recursion, in linear time', () => {
    expect(parseXml(`${'<a>'.repeat(128)}${'</a>'.repeat(128)}`)).not.toBeNull();
    expect(parseXml(`${'<a>'.repeat(129)}${'</a>'.repeat(129)}`)).toBeNull();
    const started = performance.now();
    expect(parseXml('<a>'.repeat(300_000))).toBeNull(); // deep and unclosed, 900 KB
    expect(parseXml(`<r>${'<b x="1"/>'.repeat(90_000)}</r>`)).not.toBeNull(); // wide, 900 KB
    expect(performance.now() - started).toBeLessThan(3000);
  });
  it('bounds a reference inside an attribute and a runaway comment or CDATA', () => {
    expect(parseXml(`<a x="${'&amp;'.repeat(100_000)}"/>`)).not.toBeNull();
    expect(parseXml(`<a><!-- ${'-'.repeat(500_000)}`)).toBeNull();
    expect(parseXml(`<a><![CDATA[${'x'.repeat(500_000)}`)).toBeNull();
  });
});

functionCases('parse_xml in queries', [
  {
    rule: "parse-xml-function.md: the page's query reads d.duration.value and d['duration']['min']",
    kql: `print x = '<?xml version="1.0" encoding="UTF-8"?><duration><value>118.0</value><min>100.0</min></duration>' | extend d = parse_xml(x) | project duration_value = d.duration.value, duration_min = d["duration"]["min"]`,
    rows: [{ duration_value: '118.0', duration_min: '100.0' }],
  },
  {
    rule: 'the Log4J IOC rule: tostring(EventDetail.[1].["#text"]) of a Sysmon event',
    kql: `print EventData = '<DataItem><EventData><Data Name="a">10.0.0.1</Data><Data Name="b">8.8.8.8</Data></EventData></DataItem>' | extend EvData = parse_xml(EventData) | extend EventDetail = EvData.DataItem.EventData.Data | project ip = tostring(EventDetail.[1].["#text"])`,
    rows: [{ ip: '8.8.8.8' }],
  },
  {
    rule: 'invalid XML, empty text and a dynamic that is no XML give null; a dynamic string is read as its text',
    kql: `print a = parse_xml("<a>"), b = parse_xml(""), c = parse_xml(dynamic({"a":1})), d = parse_xml(dynamic("<b>1</b>"))`,
    rows: [{ a: null, b: null, c: null, d: { b: '1' } }],
  },
]);
