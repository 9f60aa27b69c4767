/**
 * `range x from A to B step S`: a one-column table A, A+S, A+2S, … up to and including B (or down
 * to B with a negative step). Numbers (long, or real when any bound is real), datetimes stepped by
 * a timespan, and timespans. Kusto's range output is serialized (row_number/prev work on it, as
 * after sort), so the rows carry their index as the hidden order column.
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { Scope } from '../scope.ts';
import { epochMicros, intervalFromMicros, microsFromInterval, quoteIdent } from '../sql.ts';
import { ORDER_COLUMN, isIntegral, isNumeric } from '../types.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { defineSource } from './spec.ts';

export const RANGE = defineSource({
  kind: 'range',
  // `range(…)` is the scalar function that builds an array; the source is `range Name from …`.
  syntax: ['RangeOperator'],
  lower(node: Kusto.Language.Syntax.RangeOperator, l) {
    return {
      kind: 'range',
      column: l.declaredName(node.Name!),
      from: lowerExpr(node.From, l),
      to: lowerExpr(node.To, l),
      step: lowerExpr(node.Step, l),
      span: l.span(node),
    };
  },
  translate(src, ctx) {
    const scope = new Scope([]);
    const a = ctx.expr(src.from, scope);
    const b = ctx.expr(src.to, scope);
    const s = ctx.expr(src.step, scope);
    if (s.literal === 0) throw ctx.error('type', 'the range step cannot be zero', src.step.span);
    let type: KqlType;
    // The value of row i (0-based) and the index of the last row; no rows when it is negative.
    let value: string;
    let last: string;
    if (isIntegral(a.type) && isIntegral(b.type) && isIntegral(s.type)) {
      type = 'long';
      const [x, y, z] = [a, b, s].map((v) => `CAST(${v.sql} AS BIGINT)`);
      // Integer `//` truncates towards zero: a stop behind the start gives a negative count.
      last = `(${y} - ${x}) // ${z}`;
      value = `${x} + i * ${z}`;
    } else if (isNumeric(a.type) && isNumeric(b.type) && isNumeric(s.type)) {
      // Kusto adds the step repeatedly; counting the steps with a 1e-9 tolerance keeps a stop that
      // is a decimal multiple of the step (0 to 1 step 0.1) inside the range as Kusto does.
      type = 'real';
      const [x, y, z] = [a, b, s].map((v) => `CAST(${v.sql} AS DOUBLE)`);
      last = `CAST(floor((${y} - ${x}) / ${z} + 1e-9) AS BIGINT)`;
      value = `${x} + i * ${z}`;
    } else if (
      (a.type === 'datetime' && b.type === 'datetime') ||
      (a.type === 'timespan' && b.type === 'timespan')
    ) {
      if (s.type !== 'timespan')
        throw ctx.error(
          'type',
          `a range of ${a.type} values needs a timespan step, not ${s.type}`,
          src.step.span,
        );
      type = a.type;
      const us = (v: typeof a) =>
        v.type === 'datetime' ? epochMicros(v.sql) : microsFromInterval(v.sql);
      const step = microsFromInterval(s.sql);
      last = `(${us(b)} - ${us(a)}) // ${step}`;
      value = `${a.sql} + ${intervalFromMicros(`i * ${step}`)}`;
    } else {
      throw ctx.error(
        'type',
        `range needs numbers, datetimes with a timespan step, or timespans; got ${a.type} to ${b.type} step ${s.type}`,
        src.span,
      );
    }
    const order = quoteIdent(ORDER_COLUMN);
    // No ORDER BY here: the order column is enough for the operators and the final SELECT that
    // need the order, and sorting millions of generated rows at every step costs seconds.
    const sql = `SELECT ${value} AS ${quoteIdent(src.column.text)}, i AS ${order} FROM generate_series(0, ${last}) AS g(i)`;
    return {
      cte: ctx.addCte('range', sql, src.span),
      columns: [{ name: src.column.text, type }],
      order: { clause: order },
    };
  },
});
