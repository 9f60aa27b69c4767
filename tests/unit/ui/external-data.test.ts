/**
 * The UI recognises "this query needs an externaldata file" from the translator's error, and the
 * prompt depends on it: pin the translator's real error and the UI's reading of it together, so
 * rewording one side cannot silently turn the prompt off.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/kql/index.ts';
import { externalDataUrlOf } from '../../../src/ui/state/external-data.ts';
import { problemOf } from '../../../src/ui/state/problem.ts';

const URL = 'https://example.invalid/ranges/ServiceTags_Public.json';

function translationProblem(kql: string) {
  try {
    translate(kql, { resolveTable: () => undefined });
  } catch (e) {
    return problemOf(e);
  }
  throw new Error('expected the translation to fail');
}

describe('externaldata prompt trigger', () => {
  it("reads the URL from the translator's own error", () => {
    const p = translationProblem(`externaldata(values: dynamic) ["${URL}"] with (format="multijson") | take 1`);
    expect(externalDataUrlOf(p)).toBe(URL);
  });

  it('does not fire for another unknown table', () => {
    expect(externalDataUrlOf(translationProblem('NoSuchTable | take 1'))).toBeUndefined();
  });
});
