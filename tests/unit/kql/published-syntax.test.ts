/**
 * KQL that published Sentinel rules use and Loupe's former hand-written parser refused (issue 12,
 * "Valid KQL in published Sentinel rules that the parser rejects"). With Kusto.Language as the
 * front end each of these reads as Kusto reads it; the cases pin that, through the translator
 * and DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table('A', [{ name: 'x', type: 'long' }], ['1', '2']);
  h.table('B', [{ name: 'x', type: 'long' }], ['3']);
});
afterAll(() => h.engine.close());

describe('KQL that published Sentinel rules use', () => {
  it('identifiers that begin with a digit are names, not timespans (3p_observed_Time, 5h_MovingAvg)', () => {
    expect(
      h.run(
        'let 3p_observed_Time = 7; A | extend 5h_MovingAvg = x + 3p_observed_Time | project 5h_MovingAvg',
      ),
    ).toEqual([{ '5h_MovingAvg': 8 }, { '5h_MovingAvg': 9 }]);
  });

  it('a union in parentheses, with isfuzzy=true', () => {
    expect(h.run('(union isfuzzy=true A, B) | summarize n = count(), s = sum(x)')).toEqual([
      { n: 3, s: 6 },
    ]);
  });

  it('externaldata with a column list asks for the file of its URL (Loupe never downloads)', () => {
    const e = h.translationError(
      'externaldata(Col:string, N:long) ["https://example.test/list.csv"] with (format="csv")',
    );
    expect(e.detail).toMatchObject({
      kind: 'externaldata-needs-file',
      url: 'https://example.test/list.csv',
      columns: [
        { name: 'Col', type: 'string' },
        { name: 'N', type: 'long' },
      ],
    });
  });

  it("let ['quoted name'] binds a name that is not a plain identifier", () => {
    expect(h.run("let ['my list'] = dynamic([2]); A | where x in (['my list'])")).toEqual([
      { x: 2 },
    ]);
  });

  it('several statements: the first tabular expression is the result, as Kusto returns it first', () => {
    expect(h.run('A | where x == 1; B')).toEqual([{ x: 1 }]);
  });

  it('True and False are bool literals', () => {
    expect(h.run('print t = True, f = False, l = true')).toEqual([{ t: true, f: false, l: true }]);
  });

  it('columnifexists, the older spelling of column_ifexists', () => {
    expect(h.run('A | project y = columnifexists("x", 0), z = columnifexists("nope", -1)')).toEqual(
      [
        { y: 1, z: -1 },
        { y: 2, z: -1 },
      ],
    );
  });
});
