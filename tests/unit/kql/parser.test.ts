import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/kql/syntax/parse-query.ts';
import { KqlError } from '../../../src/kql/errors.ts';
import type { Expr } from '../../../src/kql/ast.ts';

/** A compact rendering of an expression tree, to check precedence. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'name':
      return e.name;
    case 'literal':
      return JSON.stringify(e.value);
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')})`;
    case 'in':
      return `(${show(e.left)} ${e.op} [${e.items.map(show).join(', ')}])`;
    case 'index':
      return `${show(e.target)}[${show(e.index)}]`;
    case 'member':
      return `${show(e.target)}.${e.name}`;
    default:
      return e.kind;
  }
}

const predicate = (kql: string) => {
  const op = parseQuery(`T | where ${kql}`).body.operators[0]!;
  if (op.kind !== 'where') throw new Error('not a where');
  return op.predicate;
};

describe('KQL parser', () => {
  it.each([
    ['a or b and c', '(a or (b and c))'],
    ['a == 1 + 2 * 3', '(a == (1 + (2 * 3)))'],
    ['-a - b', '((-a) - b)'],
    ['x in ("a", "b") and not(y)', '((x in ["a", "b"]) and not(y))'],
    ['tostring(IPs[0]) != "" or d.k.z =~ "x"', '((tostring(IPs[0]) != "") or (d.k.z =~ "x"))'],
    ['a !has_cs "x"', '(a !has_cs "x")'],
    ["['odd name'] == 1", '(odd name == 1)'],
  ])('%s', (kql, tree) => {
    expect(show(predicate(kql))).toBe(tree);
  });

  it('keeps source spans on nodes (operators span their text from the keyword)', () => {
    const text = 'let x = 5;\nT\n| where A == x\n| summarize c = count() by B';
    const q = parseQuery(text);
    expect(q.lets[0]!.value.kind).toBe('scalar');
    const [w, s] = q.body.operators;
    expect(text.slice(w!.span.start, w!.span.end)).toBe('where A == x');
    expect(text.slice(s!.span.start, s!.span.end)).toBe('summarize c = count() by B');
    if (w!.kind !== 'where' || w!.predicate.kind !== 'binary') throw new Error('shape');
    expect(text.slice(w!.predicate.right.span.start, w!.predicate.right.span.end)).toBe('x');
  });

  it('parses let for scalars, tables, aliases and functions', () => {
    const q = parseQuery(
      'let a = ago(1h);\nlet B = T | take 1;\nlet C = T;\nlet f = (u:string, n:long = 3) { T | where U == u };\nB',
    );
    expect(q.lets.map((l) => `${l.name}:${l.value.kind}`)).toEqual([
      'a:scalar',
      'B:tabular',
      'C:name',
      'f:function',
    ]);
    const f = q.lets[3]!.value;
    expect(f.kind === 'function' && f.params.map((p) => `${p.name}:${p.type}`)).toEqual([
      'u:string',
      'n:long',
    ]);
  });

  it('parses join with kind, parenthesised right side and $left/$right keys', () => {
    const op = parseQuery('T | join kind=inner (U | where x == 1) on $left.A == $right.B, C').body
      .operators[0]!;
    expect(op.kind === 'join' && [op.joinKind, op.on.map((c) => `${c.left}=${c.right}`)]).toEqual([
      'inner',
      ['A=B', 'C=C'],
    ]);
  });

  it.each([
    // Kusto.Language's own diagnostics: a missing piece is reported where it should have been.
    ['T | where', 'syntax', 1, 10, /Missing expression/],
    ['T\n| where (a == 1', 'syntax', 2, 16, /Expected: \)/],
    ['T | frob x', 'syntax', 1, 5, /Query operator expected/],
    ['T\n  | facet by x', 'unsupported', 2, 5, /facet/],
    ['T | fork (take 1)', 'unsupported', 1, 5, /fork/],
    ['let x = 1 T', 'syntax', 1, 11, /Expected: ;/],
    ['T | join kind=sideways U on K', 'syntax', 1, 15, /unknown join kind "sideways"/],
  ] as const)('%j → %s at %i:%i', (text, code, line, column, msg) => {
    try {
      parseQuery(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KqlError);
      expect((e as KqlError).code).toBe(code);
      expect((e as KqlError).position).toMatchObject({ line, column });
      expect((e as KqlError).message).toMatch(msg);
    }
  });
});
