/**
 * `Translation.steps` hands the UI's step-by-step view each KQL step with the SQL that implements
 * it: the CTE's name and its body exactly as it stands in the whole query (the view shows it
 * without re-parsing the SQL).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/kql/index.ts';
import type { TableSchema } from '../../../src/schema/catalog.ts';

const T: TableSchema = {
  name: 'T',
  columns: [
    { name: 'a)b', type: 'string' },
    { name: 'n', type: 'long' },
  ],
};
const opts = { resolveTable: (n: string) => (n === 'T' ? T : undefined) };

describe('translation steps carry their SQL', () => {
  it('each step names its CTE and gives the body the whole query holds for it', () => {
    // Literals and a quoted name with ")" and "--": the body is the translator's, not a re-parse.
    const t = translate(
      `T | where ['a)b'] != "x) -- y" | extend m = strcat(['a)b'], "')(") | summarize c = count() by m`,
      opts,
    );
    expect(t.steps.map((s) => s.kql.split(/\s/)[0])).toEqual(['T', 'where', 'extend', 'summarize']);
    for (const s of t.steps) {
      expect(s.cte).toBeDefined();
      expect(s.sql).toBeDefined();
      expect(t.sql).toContain(`"${s.cte}" AS (\n  ${s.sql}\n)`);
    }
    expect(t.steps[1]!.sql).toContain(`'x) -- y'`);
    expect(t.steps[2]!.sql).toContain(`')('`);
    expect(t.steps[3]!.sql).toMatch(/GROUP BY/i);
  });

  it('steps of let bindings and of both join sides carry their SQL too', () => {
    const t = translate('let L = T | where n > 1; L | join kind=inner (T | project n) on n', opts);
    const withSql = t.steps.filter((s) => s.sql !== undefined);
    expect(withSql.length).toBe(t.steps.length);
    expect(withSql.some((s) => s.kql.startsWith('join') && /JOIN/i.test(s.sql!))).toBe(true);
  });
});
