/**
 * The externaldata prompt (UI) and hint (CLI) act on the translator's typed error detail
 * (`externaldata-needs-file`), never on its wording: pin that the detail is made by the translator,
 * survives every hop to the page (the rule file's re-positioned error, the library entry, the
 * worker boundary, the UI's Problem), and that message text alone triggers nothing.
 */
import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import { translate } from '../../../src/kql/index.ts';
import { replayLibrary, type LibraryRuleError } from '../../../src/rules/library.ts';
import { parseRuleFile } from '../../../src/rules/parse.ts';
import { translateRule } from '../../../src/rules/prepared.ts';
import type { ReplayData } from '../../../src/rules/api.ts';
import { externalDataUrlOf } from '../../../src/ui/state/external-data.ts';
import { problemOf } from '../../../src/ui/state/problem.ts';
import { fromWire, toWire } from '../../../src/worker/wire-error.ts';

const URL = 'https://example.invalid/ranges/ServiceTags_Public.json';
const QUERY = `externaldata(values: dynamic, changeNumber: long) ["${URL}"] with (format="multijson") | take 1`;

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

/** The same for calls that may be synchronous or asynchronous (the replay is becoming async). */
async function failureOf(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

const noTables = { resolveTable: () => undefined };

describe('externaldata error detail', () => {
  it('the translator gives the URL, the declared columns and the format', () => {
    const e = thrownBy(() => translate(QUERY, noTables));
    expect(e).toBeInstanceOf(LoupeError);
    expect((e as LoupeError).code).toBe('unknown-table');
    expect((e as LoupeError).detail).toEqual({
      kind: 'externaldata-needs-file',
      url: URL,
      columns: [
        { name: 'values', type: 'dynamic' },
        { name: 'changeNumber', type: 'long' },
      ],
      format: 'multijson',
    });
  });

  it("the UI reads the URL from the translator's error", () => {
    expect(externalDataUrlOf(problemOf(thrownBy(() => translate(QUERY, noTables))))).toBe(URL);
  });

  it('does not fire for another unknown table, nor for an error that only words the same message', () => {
    expect(
      externalDataUrlOf(problemOf(thrownBy(() => translate('NoSuchTable | take 1', noTables)))),
    ).toBeUndefined();
    const lookalike = new LoupeError(
      'kql',
      'unknown-table',
      `externaldata needs the data of "${URL}": Loupe cannot download it`,
    );
    expect(externalDataUrlOf(problemOf(lookalike))).toBeUndefined();
  });

  it('survives the worker boundary (structured clone of the wire form)', () => {
    const wire = structuredClone(toWire(thrownBy(() => translate(QUERY, noTables))));
    const back = fromWire(wire);
    expect(back).toBeInstanceOf(LoupeError);
    expect(externalDataUrlOf(problemOf(back))).toBe(URL);
    const detail = (back as LoupeError).detail;
    expect(
      detail?.kind === 'externaldata-needs-file' ? detail.columns.map((c) => c.name) : detail,
    ).toEqual(['values', 'changeNumber']);
    // Errors without a detail cross without one.
    expect(toWire(new LoupeError('kql', 'syntax', 'x'))).not.toHaveProperty('detail');
  });

  it("survives a rule's re-positioned error and the library's error entry", async () => {
    const rule = parseRuleFile(QUERY, 'rule.kql');
    // Translating needs no engine: the query fails before anything runs.
    const data = { ...noTables } as unknown as ReplayData;
    const e = (await failureOf(() => translateRule(data, rule))) as LoupeError;
    expect(e.position.file).toBe('rule.kql');
    expect(externalDataUrlOf(problemOf(e))).toBe(URL);
    const lib = await replayLibrary(data, [{ name: 'rule.kql', text: QUERY }]);
    expect(lib.results).toHaveLength(1);
    expect(lib.results[0]!.status).toBe('error');
    expect(externalDataUrlOf(lib.results[0] as LibraryRuleError)).toBe(URL);
  });
});
