/**
 * `T | evaluate sequence_detect(TimelineColumn, MaxSequenceStepWindow, MaxSequenceSpan, Expr1, Expr2, …, Dim1, Dim2, …)`
 * (Kusto docs, sequence-detect-plugin.md): every occurrence of the steps in order. An occurrence
 * is one row per step — row i satisfying Expr_i — with equal dimensions, each step at or after the
 * one before and at most MaxSequenceStepWindow after it, the last at most MaxSequenceSpan after
 * the first. As the docs' StormEvents example shows, one heat event followed by two wildfires is
 * two occurrences, and one wildfire after two heat events too: every combination counts.
 *
 * Output: the dimensions, `<step>_<TimelineColumn>` per step (its row's time), `Duration` (last
 * minus first). Steps are the boolean arguments after MaxSequenceSpan (Kusto.Language's layout);
 * each must be named (`heat = (EventType == "Excessive Heat")`), since Kusto's name for an unnamed
 * one is not documented.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { KqlType } from '../../schema/kql-types.ts';
import type { Expr, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { Scope } from '../scope.ts';
import { quoteIdent } from '../sql.ts';
import { sqlColumns } from '../sql-names.ts';
import type { Typed } from '../types.ts';
import { inputColumn } from './arguments.ts';
import { definePlugin } from './spec.ts';

/** A KQL expression over named SQL values (the rows being joined), typed by expr.ts's rules. */
export function exprOver(
  values: Record<string, Typed>,
  build: (name: (n: string) => Expr) => Expr,
  ctx: TranslateContext,
  span: Span,
): Typed {
  const scope = new Scope(
    Object.entries(values).map(([name, v]) => ({
      name,
      type: v.type === 'null' ? 'dynamic' : v.type,
      sql: `(${v.sql})`,
    })),
  );
  return ctx.expr(
    build((name) => ({ kind: 'name', name, span })),
    scope,
  );
}

const binary = (op: string, left: Expr, right: Expr, span: Span): Expr => ({
  kind: 'binary',
  op,
  opSpan: span,
  left,
  right,
  span,
});

export const SEQUENCE_DETECT = definePlugin({
  name: 'sequence_detect',
  translate(call, input, ctx) {
    if (call.args.length < 5)
      throw ctx.error(
        'type',
        'sequence_detect() takes a timeline column, two windows, at least two steps and dimensions',
        call.span,
      );
    const scope = Scope.of(input);
    const timeline = inputColumn(call, 0, input, ctx);
    const constant = (i: number): Typed => {
      const a = call.args[i]!;
      if (a.kind !== 'scalar')
        throw ctx.error(
          'type',
          `argument ${i + 1} of sequence_detect() must be a constant`,
          a.span,
        );
      return ctx.expr(a.expr, new Scope([]));
    };
    const stepWindow = constant(1);
    const spanWindow = constant(2);
    const steps: { name: string; sql: string }[] = [];
    let i = 3;
    for (; i < call.args.length; i++) {
      const a = call.args[i]!;
      if (a.kind !== 'scalar')
        throw ctx.error('type', 'sequence_detect() takes scalar arguments', a.span);
      const v = ctx.expr(a.expr, scope);
      if (v.type !== 'bool') break;
      if (!a.name)
        throw ctx.error(
          'unsupported',
          'an unnamed sequence_detect step (name it: e1 = (…); Kusto does not document the name it would give)',
          a.span,
        );
      steps.push({ name: a.name.text, sql: v.sql });
    }
    if (steps.length < 1)
      throw ctx.error(
        'type',
        'sequence_detect() needs boolean step predicates after the two windows',
        call.span,
      );
    const dims = call.args.slice(i).map((_, k) => inputColumn(call, i + k, input, ctx));

    // Each step's candidate rows: the dimensions, the time and a row number (one row is one step).
    const t = scope.get(timeline.name)!.sql;
    const dimSql = dims.map((d) => scope.get(d.name)!.sql);
    const base = ctx.addCte(
      'sequence_rows',
      `SELECT ${[...dimSql.map((d, k) => `${d} AS "d${k}"`), `${t} AS "t"`, 'row_number() OVER () AS "rid"', ...steps.map((s, k) => `coalesce(${s.sql}, false) AS "p${k}"`)].join(', ')} FROM ${input.cte}`,
    );
    const time = (k: number): Typed => ({ sql: `s${k}."t"`, type: timeline.type });
    const conds: string[] = [];
    for (let k = 1; k < steps.length; k++) {
      const gap = exprOver(
        { a: time(k - 1), b: time(k), w: stepWindow },
        (n) =>
          binary(
            'and',
            binary('>=', n('b'), n('a'), call.span),
            binary('<=', binary('-', n('b'), n('a'), call.span), n('w'), call.span),
            call.span,
          ),
        ctx,
        call.span,
      );
      conds.push(
        `${gap.sql} AND s${k}."rid" <> s${k - 1}."rid"`,
        ...dims.map((_, d) => `s${k}."d${d}" IS NOT DISTINCT FROM s0."d${d}"`),
      );
    }
    const last = steps.length - 1;
    conds.push(
      exprOver(
        { a: time(0), b: time(last), w: spanWindow },
        (n) => binary('<=', binary('-', n('b'), n('a'), call.span), n('w'), call.span),
        ctx,
        call.span,
      ).sql,
    );
    const duration = exprOver(
      { a: time(0), b: time(last) },
      (n) => binary('-', n('b'), n('a'), call.span),
      ctx,
      call.span,
    );

    const columns: ColumnSchema[] = [
      ...dims,
      ...steps.map((s) => ({ name: `${s.name}_${timeline.name}`, type: timeline.type })),
      {
        name: 'Duration',
        type: (duration.type === 'null' ? 'timespan' : duration.type) as KqlType,
      },
    ];
    const out = sqlColumns(columns);
    const select = [
      ...dims.map((_, d) => `s0."d${d}"`),
      ...steps.map((_, k) => `s${k}."t"`),
      duration.sql,
    ].map((s, k) => `${s} AS ${out[k]}`);
    const from = steps
      .map((_, k) =>
        k === 0
          ? `${quoteIdent(base)} AS s0`
          : `JOIN ${quoteIdent(base)} AS s${k} ON s${k}."p${k}"`,
      )
      .join(' ');
    const cte = ctx.addCte(
      'sequence_detect',
      `SELECT ${select.join(', ')} FROM ${from} WHERE s0."p0" AND ${conds.join(' AND ')}`,
      call.span,
    );
    return { cte, columns };
  },
});
