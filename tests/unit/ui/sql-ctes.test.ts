import { describe, expect, it } from 'vitest';
import { cteBodies } from '../../../src/ui/translation/sql-ctes.ts';

describe('cteBodies (KQL step ↔ SQL CTE in the side-by-side view)', () => {
  it('finds each CTE body by its quoted or bare name', () => {
    const sql = `WITH "s1" AS (SELECT * FROM "T"), s2 AS (SELECT a, count(*) FROM s1 GROUP BY a) SELECT * FROM s2`;
    const m = cteBodies(sql);
    expect([...m.keys()]).toEqual(['s1', 's2']);
    expect(m.get('s1')).toBe('SELECT * FROM "T"');
    expect(m.get('s2')).toBe('SELECT a, count(*) FROM s1 GROUP BY a');
  });

  it('is not fooled by parentheses inside string literals, quoted names or comments', () => {
    const sql = `WITH "a"")b" AS (SELECT ')' AS x, "c)" FROM t /* ) */ -- )\n WHERE (1=1)) SELECT 1`;
    expect(cteBodies(sql).get('a")b')).toBe(`SELECT ')' AS x, "c)" FROM t /* ) */ -- )\n WHERE (1=1)`);
  });

  it('ignores `x AS (` inside a body (only top-level CTE heads count)', () => {
    const sql = `WITH s1 AS (SELECT CAST(x AS (INTEGER)) FROM t) SELECT * FROM s1`;
    expect([...cteBodies(sql).keys()]).toEqual(['s1']);
  });

  it('returns nothing for SQL without CTEs', () => {
    expect(cteBodies('SELECT 1').size).toBe(0);
  });
});
