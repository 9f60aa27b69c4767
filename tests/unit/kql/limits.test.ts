/**
 * Queries written to exhaust the translator (issue 16: "A KQL expression with 2,000 nested
 * parentheses, or a chain of 5,000 terms"; "A 1.15 MB query … DuckDB runs out of memory") end in a
 * typed `limit` error that names the limit, before any deep recursion or large SQL.
 */
import { describe, expect, it } from 'vitest';
import { KqlError, translate } from '../../../src/kql/index.ts';
import { MAX_NESTING, MAX_QUERY_LENGTH } from '../../../src/kql/syntax/analyze.ts';

const noTables = { resolveTable: () => undefined };

function errorOf(kql: string): KqlError {
  try {
    translate(kql, noTables);
  } catch (e) {
    expect(e).toBeInstanceOf(KqlError);
    return e as KqlError;
  }
  throw new Error('expected a translation error');
}

describe('limits of the KQL front end', () => {
  it('2,000 nested parentheses: a limit error where the nesting goes past the limit, naming it', () => {
    const e = errorOf(`print x = ${'('.repeat(2000)}1${')'.repeat(2000)}`);
    expect(e.code).toBe('limit');
    expect(e.message).toContain(`up to ${MAX_NESTING} deep`);
    // The 501st parenthesis: column = the prefix, then 500 parentheses, then this one.
    expect(e.position.column).toBe('print x = '.length + MAX_NESTING + 1);
  });

  it('a chain of 5,000 terms: the syntax tree is deeper than Kusto analyses', () => {
    const e = errorOf(`print x = ${Array(5000).fill('1').join(' + ')}`);
    expect(e.code).toBe('limit');
    expect(e.message).toContain('syntax tree depth of 500');
  });

  it('a 1.15 MB query is refused before parsing, naming the length and the limit', () => {
    const e = errorOf(`print x = "${'a'.repeat(1_150_000)}"`);
    expect(e.code).toBe('limit');
    expect(e.message).toContain(MAX_QUERY_LENGTH.toLocaleString('en-US'));
  });

  it('brackets inside strings and comments do not count', () => {
    const deep = '('.repeat(MAX_NESTING + 50);
    const t = translate(
      `print a = "${deep}", b = @'${deep}''', c = \`\`\`${deep}\`\`\` // ${deep}\n| extend d = strlen(a)`,
      noTables,
    );
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('nesting well inside the limit translates', () => {
    const t = translate(`print x = ${'('.repeat(100)}1${')'.repeat(100)} + 1`, noTables);
    expect(t.columns).toEqual([{ name: 'x', type: 'long' }]);
  });
});
