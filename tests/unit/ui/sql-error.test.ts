import { describe, expect, it } from 'vitest';
import { sqlProblem } from '../../../src/ui/console/sql-error.ts';

// The messages DuckDB-WASM 1.32 gives for the console's probe, `SELECT * FROM (<query>) AS loupe_probe LIMIT 0`.
describe('console SQL errors', () => {
  it('drops the echo of Loupe’s wrapper and points at the table name in the analyst’s own line', () => {
    const q = 'SELECT UserPrincipalName, count(*) FROM SigninLog GROUP BY ALL';
    const msg =
      'Catalog Error: Table with name SigninLog does not exist!\nDid you mean "SigninLogs"?\n\nLINE 1: SELECT * FROM (SELECT UserPrincipalName, count(*) FROM SigninLog GROUP BY ALL) AS loupe_probe LIMIT 0\n                                                               ^';
    const p = sqlProblem(msg, q);
    expect(p.message).toBe(
      'Catalog Error: Table with name SigninLog does not exist!\nDid you mean "SigninLogs"?',
    );
    expect(p.message).not.toContain('loupe_probe');
    expect({ line: p.line, column: p.column, length: p.length }).toEqual({
      line: 1,
      column: q.indexOf('SigninLog') + 1,
      length: 'SigninLog'.length,
    });
  });

  it('reads the parser’s JSON error and places it on the query’s second line', () => {
    const q = 'SELECT a,\n  b FRM SigninLogs';
    const msg =
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"SigninLogs\\"\\n\\nLINE 2:   b FRM SigninLogs) AS loupe_probe LIMIT 0\\n                ^","error_subtype":"SYNTAX_ERROR","position":"33"}';
    const p = sqlProblem(msg, q);
    expect(p).toEqual({
      message: 'Parser Error: syntax error at or near "SigninLogs"',
      line: 2,
      column: 9,
      length: 'SigninLogs'.length,
    });
  });

  it('keeps the line but no column when DuckDB cut the echo short', () => {
    const q = 'SELECT ' + 'n + '.repeat(40) + 'zz FROM SigninLogs';
    const msg =
      'Binder Error: Referenced column "zz" not found in FROM clause!\nCandidate bindings: "n"\n\nLINE 1: ... + n + n + n + n + n + n + n + n + n + n + n + n + n + n + n + zz FROM SigninLogs) AS loupe_probe LIMIT 0\n                                                                          ^';
    expect(sqlProblem(msg, q)).toEqual({
      message:
        'Binder Error: Referenced column "zz" not found in FROM clause!\nCandidate bindings: "n"',
      line: 1,
    });
  });

  it('leaves a message without an echo as it is', () => {
    expect(sqlProblem('Interrupted', 'SELECT 1')).toEqual({ message: 'Interrupted' });
  });
});
