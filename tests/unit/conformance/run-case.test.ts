/**
 * The runner on the real engine, with translations supplied by the test so that each outcome
 * (pass, mismatch, SQL failure, refusal) is reached whatever the translator supports today.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { KqlError, type Translation } from '../../../src/kql/index.ts';
import type { ConformanceCase, KustoType } from '../../../src/conformance/cases.ts';
import { runCase, type Translate } from '../../../src/conformance/run-case.ts';
import { prepareEngine, runCorpus } from '../../../src/conformance/run-corpus.ts';
import type { KqlType } from '../../../src/schema/kql-types.ts';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await createNodeEngine();
  prepareEngine(engine, new Date('2026-01-01T00:00:00Z'));
});
afterAll(() => engine.close());

const kase = (
  id: string,
  kql: string,
  cols: [string, KustoType][],
  rows: unknown[][],
): ConformanceCase => ({
  id,
  source: '',
  kql,
  operators: [],
  functions: [],
  expected: { columns: cols.map((c) => c[0]), columnTypes: cols.map((c) => c[1]), rows },
});
const sqlFor =
  (sql: string, cols: [string, KqlType][]): Translate =>
  (kql): Translation => ({
    kql,
    sql,
    columns: cols.map(([name, type]) => ({ name, type })),
    tables: [],
    steps: [],
    ordered: false,
    warnings: [],
  });
const refuse =
  (code: 'unsupported' | 'syntax' | 'type'): Translate =>
  () => {
    throw new KqlError(code, 'no (line 1, column 7)', { line: 1, column: 7, length: 1 });
  };

describe('runCase', () => {
  const c = kase('c', 'print x = 1', [['x', 'Int64']], [[1]]);
  it('passes a query whose result equals Kusto’s', () => {
    expect(runCase(engine, c, sqlFor('SELECT 1::BIGINT AS x', [['x', 'long']]))).toMatchObject({
      status: 'pass',
      reason: '',
    });
  });
  it('fails a wrong result, saying what differs', () => {
    expect(runCase(engine, c, sqlFor('SELECT 2::BIGINT AS x', [['x', 'long']]))).toMatchObject({
      status: 'fail',
      reason: 'row 0, column x (Int64): expected 1, got 2',
      detail: { sql: 'SELECT 2::BIGINT AS x', actual: { columns: ['x:long'], rows: [[2]] } },
    });
  });
  it('fails SQL that fails at run time', () => {
    const r = runCase(engine, c, sqlFor('SELECT no_such_function(1) AS x', [['x', 'long']]));
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/^SQL failed: .*no_such_function/);
  });
  it('counts refusals as unsupported, syntax errors (on KQL Kusto ran) and other translator errors as failures', () => {
    expect(runCase(engine, c, refuse('unsupported'))).toMatchObject({
      status: 'unsupported',
      reason: 'unsupported: no (line 1, column 7)',
      group: 'unsupported: no',
    });
    expect(runCase(engine, c, refuse('syntax')).status).toBe('fail');
    expect(runCase(engine, c, refuse('type')).status).toBe('fail');
    const crash: Translate = () => {
      throw new TypeError('x is undefined');
    };
    expect(runCase(engine, c, crash)).toMatchObject({
      status: 'fail',
      reason: 'translator crashed: TypeError: x is undefined',
    });
  });
  it('translates the query without its render', () => {
    let seen = '';
    const spy: Translate = (kql) => {
      seen = kql;
      return sqlFor('SELECT 1::BIGINT AS x', [['x', 'long']])(kql);
    };
    runCase(engine, kase('r', 'print x = 1\n| render table', [['x', 'Int64']], [[1]]), spy);
    expect(seen).toBe('print x = 1');
  });
  it('leaves nothing behind for the next case', () => {
    const create = sqlFor('CREATE TABLE leak AS SELECT 1::BIGINT AS x; SELECT x FROM leak', [
      ['x', 'long'],
    ]);
    expect(runCase(engine, c, create).status).toBe('pass');
    const read = sqlFor('SELECT x FROM leak', [['x', 'long']]);
    expect(runCase(engine, c, read).reason).toMatch(/^SQL failed: .*leak/);
    expect(runCorpus(engine, [c], create).leaked).toEqual([]);
  });
});
