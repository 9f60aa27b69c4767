/**
 * Rules, queries and reports against hostile input (issue 16): a YAML alias bomb or a YAML nested
 * thousands deep is an invalid rule with its place; an output column named `__proto__` reaches the
 * report; a value from the logs nested too deep for JSON.stringify is written whole; a KQL runtime
 * function's refusal crosses DuckDB as itself; DuckDB's own errors are typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import { LoupeError } from '../../../src/errors.ts';
import { createSession } from '../../../src/session/session.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { parseRuleFile } from '../../../src/rules/parse.ts';
import { stringifyJson } from '../../../src/json/stringify.ts';

function ruleError(text: string, file = 'rule.yaml'): LoupeError {
  try {
    parseRuleFile(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(LoupeError);
    return e as LoupeError;
  }
  throw new Error('the rule was read');
}

describe('rule files', () => {
  it('a YAML alias bomb is an invalid rule at its first alias (it surfaced as an internal error)', () => {
    const levels = 'abcdefghi'.split('');
    const lines = [`a: &a ["x","x","x","x","x","x","x","x","x"]`];
    for (let i = 1; i < levels.length; i++)
      lines.push(
        `${levels[i]}: &${levels[i]} [${Array(9)
          .fill(`*${levels[i - 1]}`)
          .join(',')}]`,
      );
    const e = ruleError(`${lines.join('\n')}\nname: x\nquery: SigninLogs\n`);
    expect([e.stage, e.code, e.position.line]).toEqual(['rule', 'yaml-aliases', 2]);
    expect(e.message).toMatch(/aliases .* expand to more than 100 values/);
  });

  it('YAML nested thousands of levels deep is an invalid rule, not a stack overflow', () => {
    const e = ruleError(`name: x\nquery: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect([e.stage, e.code]).toEqual(['rule', 'yaml-too-deep']);
  });

  it('rule fields named like Object.prototype are fields', () => {
    const rule = parseRuleFile(
      `id: r1\nname: n\nseverity: Low\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: T\n__proto__: {polluted: yes}\nconstructor: 1\n`,
      'r.yaml',
    );
    expect(rule.name).toBe('n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('reports and queries', () => {
  let session: LoupeSession;
  beforeAll(async () => {
    session = await createSession(await createNodeEngine());
    await session.load({
      name: 'SigninLogs.csv',
      bytes: new TextEncoder().encode(
        `TimeGenerated,UserPrincipalName,IPAddress,DeviceDetail\n2026-06-15T10:00:00Z,u@x,10.0.0.1,"[[[1]]]"\n`,
      ),
    });
  });
  afterAll(() => session.close());

  it('an output column named __proto__ (or constructor) reaches the report rows', async () => {
    session.readRule(
      'SigninLogs | project __proto__ = UserPrincipalName, constructor = IPAddress, toString = 1',
      'q.kql',
    );
    const report = await session.replay();
    const row = report.runs[0]!.rows![0]!;
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(JSON.parse(stringifyJson(report)).runs[0].rows[0]).toEqual(
      JSON.parse('{"__proto__":"u@x","constructor":"10.0.0.1","toString":1}'),
    );
  });

  it('a value nested deeper than JSON.stringify can write is written whole by the report writer', () => {
    let v: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(() => JSON.stringify(v)).toThrow(RangeError);
    const text = stringifyJson({ rows: [{ DeviceDetail: v }] }, 2);
    let back: unknown = JSON.parse(text).rows[0].DeviceDetail;
    let depth = 0;
    while (Array.isArray(back)) [back, depth] = [back[0], depth + 1];
    expect([depth, back]).toEqual([100_000, 'leaf']);
  });

  it('a KQL runtime function that fails gives a typed error; DuckDB errors are typed too', async () => {
    // A dynamic value built 100,000 levels deep by the query, then written by a function that
    // recurses (dynamic_to_json): a typed KQL error, not "Maximum call stack size exceeded".
    const deepText = `strcat(strrep("[", 100000), strrep("]", 100000))`;
    const e = await session
      .run(`print d = dynamic_to_json(parse_json(${deepText}))`, 'kql')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoupeError);
    expect((e as LoupeError).stage).toBe('kql');
    const sql = await session.run(`SELECT CAST('x' AS INTEGER)`, 'sql').catch((x: unknown) => x);
    expect(sql).toBeInstanceOf(LoupeError);
    expect([(sql as LoupeError).stage, (sql as LoupeError).code]).toEqual([
      'engine',
      'query-failed',
    ]);
    // The engine is still usable.
    expect((await session.run('print x = 1', 'kql')).rows).toEqual([[1]]);
  });
});
