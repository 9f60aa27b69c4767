/**
 * parse / parse-where through the translator and DuckDB-WASM: unmatched rows keep "" and null
 * (naive regexp_extract gives "" for every type), typed captures must convert, `*` skips text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'Tr',
    [
      { name: 'Id', type: 'long' },
      { name: 'Ev', type: 'string' },
    ],
    [
      `1, 'Event: Release (resourceName=Sched, totalSlices=27, sliceNumber=23, lockTime=2016-02-17 08:40:01, tail)'`,
      `2, 'Event: Release (resourceName=Other, totalSlices=x7, sliceNumber=15, lockTime=2016-02-17 08:40:00, tail)'`,
      `3, 'nothing to see'`,
    ],
  );
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
const PATTERN =
  'with * "resourceName=" name ", totalSlices=" total:long * "lockTime=" lock:datetime "," *';

describe('parse', () => {
  it('extracts typed columns; a row that does not match or whose long does not convert gets "" and nulls, and is kept', () => {
    const rows = h.run(`Tr | parse Ev ${PATTERN} | project Id, name, total, lock`);
    expect(sorted(rows)).toEqual(
      sorted([
        { Id: 1, name: 'Sched', total: 27, lock: '2016-02-17T08:40:01.000Z' },
        { Id: 2, name: '', total: null, lock: null },
        { Id: 3, name: '', total: null, lock: null },
      ]),
    );
  });
  it('parse-where keeps only the rows that parsed', () => {
    expect(h.run(`Tr | parse-where Ev ${PATTERN} | project Id, total`)).toEqual([
      { Id: 1, total: 27 },
    ]);
  });
  it('kind=relaxed keeps the match and nulls only the column that did not convert', () => {
    const rows = h.run(
      `Tr | parse kind=relaxed Ev ${PATTERN} | where Id <= 2 | project Id, name, total`,
    );
    expect(sorted(rows)).toEqual(
      sorted([
        { Id: 1, name: 'Sched', total: 27 },
        { Id: 2, name: 'Other', total: null },
      ]),
    );
  });
  it('kind=relaxed: a typed column whose text does not convert is null and the rest of the row still parses (parse-operator.md, "Relaxed mode"; naive: a number pattern makes the whole row fail)', () => {
    const traces = `datatable(EventText: string) [
      "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=nonValidDateTime 08:40:01, previousLockTime=02/17/2016 08:39:01)",
      "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=15, lockTime=02/17/2016 08:40:00, releaseTime=nonValidDateTime, previousLockTime=02/17/2016 08:39:00)",
      "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=nonValidDateTime 08:40:01, previousLockTime=02/17/2016 08:39:01)",
      "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=22, lockTime=02/17/2016 08:41:01, releaseTime=02/17/2016 08:41:00, previousLockTime=02/17/2016 08:40:01)",
      "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=16, lockTime=02/17/2016 08:41:00, releaseTime=02/17/2016 08:41:00, previousLockTime=02/17/2016 08:40:00)"
    ]`;
    const rows = h.run(`${traces}
      | parse kind=relaxed EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
      | project-away EventText | sort by sliceNumber asc`);
    const r = (
      totalSlices: number | null,
      sliceNumber: number,
      lockTime: string,
      releaseTime: string | null,
      previousLockTime: string,
    ) => ({
      resourceName: 'PipelineScheduler',
      totalSlices,
      sliceNumber,
      lockTime,
      releaseTime,
      previousLockTime,
    });
    expect(rows).toEqual([
      r(27, 15, '02/17/2016 08:40:00', null, '2016-02-17T08:39:00.000Z'),
      r(null, 16, '02/17/2016 08:41:00', '2016-02-17T08:41:00.000Z', '2016-02-17T08:40:00.000Z'),
      r(null, 20, '02/17/2016 08:40:01', null, '2016-02-17T08:39:01.000Z'),
      r(27, 22, '02/17/2016 08:41:01', '2016-02-17T08:41:00.000Z', '2016-02-17T08:40:01.000Z'),
      r(27, 23, '02/17/2016 08:40:01', null, '2016-02-17T08:39:01.000Z'),
    ]);
  });
  it('simple strings are literal text (a "." in the pattern is not a wildcard) and the match is anchored', () => {
    expect(h.run('Tr | parse Ev with "Event." * | where Id == 1 | project Id')).toEqual([
      { Id: 1 },
    ]);
    expect(h.run('Tr | parse Ev with "Event." rest | where Id == 1 | project rest')).toEqual([
      { rest: '' },
    ]);
    expect(
      h.run('Tr | parse Ev with "Event: " evkind " (" * | where Id == 1 | project evkind'),
    ).toEqual([{ evkind: 'Release' }]);
    // Not anchored at the end would let "Release" match; the pattern must cover the whole text.
    expect(
      h.run('Tr | parse Ev with "Event: " evkind " (" | where Id == 1 | project evkind'),
    ).toEqual([{ evkind: '' }]);
  });
  it('kind=regex: fragments are regexes, a string column is greedy, flags=i ignores case', () => {
    expect(
      h.run(
        'Tr | where Id == 1 | parse kind=regex Ev with * "resourceName=" name "," * | project name',
      ),
    ).toEqual([{ name: 'Sched, totalSlices=27, sliceNumber=23, lockTime=2016-02-17 08:40:01' }]);
    expect(
      h.run(
        'Tr | where Id == 1 | parse kind=regex flags=i Ev with * "RESOURCENAME=" name ", total[a-z]+=" n:long "," * | project name, n',
      ),
    ).toEqual([{ name: 'Sched', n: 27 }]);
  });
  it('the last column of the pattern takes the rest of the text; an existing column is replaced in place', () => {
    const t = h.translate('Tr | parse Ev with "Event: " Ev');
    expect(t.columns.map((c) => c.name)).toEqual(['Id', 'Ev']);
    expect(h.run('Tr | where Id == 3 | parse Ev with "nothing " rest')).toEqual([
      { Id: 3, Ev: 'nothing to see', rest: 'to see' },
    ]);
  });
});

describe('parse kind=regex with groups in the fragments', () => {
  it("groups inside the string fragments do not shift the columns (Kusto's flags=s example)", () => {
    const text = String.raw`"Event: Release (resourceName=Sched\ntotalSlices=27\nsliceNumber=23\nlockTime=02/17/2016 08:40:01)"`;
    const rows = h.run(
      `print E = ${text} | parse kind=regex flags=s E with * "resourceName=" name: string "(.*?)totalSlices=" total: long "(.*?)lockTime=" lock: datetime "\\\\)" | project name, total, lock`,
    );
    expect(rows).toEqual([{ name: 'Sched\n', total: 27, lock: '2016-02-17T08:40:01.000Z' }]);
  });
});
