/**
 * `parse-kv`: the Kusto docs' examples for each extraction mode (given delimiters, quotes and
 * escapes, greedy values, no delimiters, regex), with the outputs the docs show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

const KEYS_5 = `(['event time']:datetime, src:string, dst:string, bytes:long, failure:string)`;
const ROW_5 = {
  'event time': '2021-01-01T10:00:54.000Z',
  src: '10.1.1.123',
  dst: '10.1.1.124',
  bytes: 125,
  failure: 'connection aborted',
};

const CASES: TableCase[] = [
  {
    rule: 'given delimiters: keys in any order, values trimmed and converted to their types',
    kql: "print str=\"ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info\" | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':') | project-away str",
    columns: 'Text:string, ThreadId:long, Machine:string',
    rows: [{ Text: 'The service is up', ThreadId: 458745723, Machine: 'Node001' }],
  },
  {
    rule: 'quoted keys and values may hold the delimiters',
    kql: `print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="connection aborted" "event time"=2021-01-01T10:00:54' | parse-kv str as ${KEYS_5} with (pair_delimiter=' ', kv_delimiter='=', quote='"') | project-away str`,
    columns: 'event time:datetime, src:string, dst:string, bytes:long, failure:string',
    rows: [ROW_5],
  },
  {
    rule: 'a two-character quote opens and closes differently',
    kql: `print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure=(connection aborted) (event time)=(2021-01-01 10:00:54)' | parse-kv str as ${KEYS_5} with (pair_delimiter=' ', kv_delimiter='=', quote='()') | project-away str`,
    columns: 'event time:datetime, src:string, dst:string, bytes:long, failure:string',
    rows: [ROW_5],
  },
  {
    rule: 'an escape character keeps a quote inside a quoted value',
    kql: String.raw`print str='failure="the remote host sent \\"bye!\\"" bytes=5' | parse-kv str as (failure:string, bytes:long) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\')`,
    columns: 'str:string, failure:string, bytes:long',
    rows: [
      {
        str: 'failure="the remote host sent \\"bye!\\"" bytes=5',
        failure: 'the remote host sent "bye!"',
        bytes: 5,
      },
    ],
  },
  {
    rule: 'unquoted values stop at the pair delimiter, unless greedy (then they run to the next key)',
    kql: `print str='name=John Doe phone=555 5555 city=New York' | extend n = str | parse-kv str as (name:string, phone:string, city:string) with (pair_delimiter=' ', kv_delimiter='=') | parse-kv n as (name2:string) with (pair_delimiter=' ', kv_delimiter='=') | project name, phone, city`,
    columns: 'name:string, phone:string, city:string',
    rows: [{ name: 'John', phone: '555', city: 'New' }],
  },
  {
    rule: 'greedy values may hold pair delimiters; a listed key that is absent is "" (string) or null',
    kql: `print str='name=John Doe phone=555 5555 city=New York' | parse-kv str as (name:string, phone:string, city:string, zip:long, other:string) with (pair_delimiter=' ', kv_delimiter='=', greedy=true) | project-away str`,
    columns: 'name:string, phone:string, city:string, zip:long, other:string',
    rows: [{ name: 'John Doe', phone: '555 5555', city: 'New York', zip: null, other: '' }],
  },
  {
    rule: 'without delimiters any non-alphanumeric run separates a listed key from its value',
    kql: String.raw`print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: 'The service \\' is up'" | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (quote="'", escape='\\') | project-away str`,
    columns: 'Text:string, ThreadId:long, Machine:string',
    rows: [{ Text: "The service ' is up", ThreadId: 458745723, Machine: 'Node001' }],
  },
  {
    rule: 'regex: the first group is the key, the second the value',
    kql: String.raw`print str=@'["referer url: https://hostname.com/redirect?dest=/?h=1234", "request url: https://hostname.com/?h=1234", "advertiser id: 24fefbca-cf27-4d62-a623-249c2ad30c73"]' | parse-kv str as (['referer url']:string, ['request url']:string, ['advertiser id']: guid) with (regex=@'"([\w ]+)\s*:\s*([^"]*)"') | project-away str`,
    columns: 'referer url:string, request url:string, advertiser id:guid',
    rows: [
      {
        'referer url': 'https://hostname.com/redirect?dest=/?h=1234',
        'request url': 'https://hostname.com/?h=1234',
        'advertiser id': '24fefbca-cf27-4d62-a623-249c2ad30c73',
      },
    ],
  },
];

describe('parse-kv', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it('refuses a lone delimiter option and unknown options at their position', () => {
    for (const [kql, msg] of [
      [
        `print s = "a=1" | parse-kv s as (a:long) with (kv_delimiter='=')`,
        /both pair_delimiter and kv_delimiter/,
      ],
      [`print s = "a=1" | parse-kv s as (a:long) with (colour='=')`, /Expected: \)/],
    ] as const) {
      const caught = h.translationError(kql);
      expect(caught.message).toMatch(msg);
    }
  });
});
