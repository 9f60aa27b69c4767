/**
 * `range x from A to B step S`: a one-column table A, A+S, A+2S, … up to and including B (or down
 * to B with a negative step). Numbers (long, or real when any bound is real), datetimes stepped by
 * a timespan, and timespans.
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { Scope } from '../context.ts';
import { intervalFromMicros, microsFromInterval, quoteIdent } from '../sql.ts';
import { isIntegral, isNumeric } from '../types.ts';
import { spanFrom } from './common.ts';
import { defineSource } from './registry.ts';

export const RANGE = defineSource({
  kind: 'range',
  // `range(…)` is the scalar function that builds an array; the source is `range Name from …`.
  starts: (p) => p.isWord('range') && !p.isPunct('(', 1),
  parse(p) {
    const kw = p.next();
    const column = p.parseName('the range column name');
    p.expectWord('from');
    const from = p.parseExpr();
    p.expectWord('to');
    const to = p.parseExpr();
    p.expectWord('step');
    const step = p.parseExpr();
    return { kind: 'range', column, from, to, step, span: spanFrom(p, kw) };
  },
  translate(src, ctx) {
    const scope = new Scope([]);
    const a = ctx.expr(src.from, scope);
    const b = ctx.expr(src.to, scope);
    const s = ctx.expr(src.step, scope);
    const col = quoteIdent(src.column.text);
    if (s.literal === 0) throw ctx.error('type', 'the range step cannot be zero', src.step.span);
    let type: KqlType;
    let sql: string;
    if (isIntegral(a.type) && isIntegral(b.type) && isIntegral(s.type)) {
      type = 'long';
      sql = `SELECT v AS ${col} FROM generate_series(CAST(${a.sql} AS BIGINT), CAST(${b.sql} AS BIGINT), CAST(${s.sql} AS BIGINT)) AS g(v)`;
    } else if (isNumeric(a.type) && isNumeric(b.type) && isNumeric(s.type)) {
      // Kusto adds the step repeatedly; counting the steps with a 1e-9 tolerance keeps a stop that
      // is a decimal multiple of the step (0 to 1 step 0.1) inside the range as Kusto does.
      type = 'real';
      const [x, y, z] = [a, b, s].map((v) => `CAST(${v.sql} AS DOUBLE)`);
      sql = `SELECT ${x} + i * ${z} AS ${col} FROM generate_series(0, CAST(floor((${y} - ${x}) / ${z} + 1e-9) AS BIGINT)) AS g(i)`;
    } else if (a.type === 'datetime' && b.type === 'datetime' && s.type === 'timespan') {
      type = 'datetime';
      sql = `SELECT v AS ${col} FROM generate_series(${a.sql}, ${b.sql}, ${s.sql}) AS g(v)`;
    } else if (a.type === 'timespan' && b.type === 'timespan' && s.type === 'timespan') {
      type = 'timespan';
      const [x, y, z] = [a, b, s].map((v) => microsFromInterval(v.sql));
      sql = `SELECT ${intervalFromMicros('v')} AS ${col} FROM generate_series(${x}, ${y}, ${z}) AS g(v)`;
    } else {
      throw ctx.error('type', `range needs numbers, datetimes with a timespan step, or timespans; got ${a.type} to ${b.type} step ${s.type}`, src.span);
    }
    return { cte: ctx.addCte('range', sql, src.span), columns: [{ name: src.column.text, type }] };
  },
});
