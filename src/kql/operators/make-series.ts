/**
 * `make-series [Name =] Agg(…) [default = D], … on Axis [from Start] [to End] step Step [by G, …]`:
 * one row per group with each aggregate as a dynamic array over the axis bins, and the axis itself
 * as an array of bin starts. Output columns: the `by` columns, the aggregates, then the axis.
 * - Bins start at `from` exactly (not epoch-aligned); without `from`, at bin(min(Axis), Step).
 * - The range is [Start, End): without `to`, it ends after the last bin holding data.
 * - A bin without rows holds the default (0 when no `default =` is given).
 * - Groups come from the rows inside the range; without `by`, one row if any row is in the range
 *   (none for empty input, as Kusto), or always with `kind=nonempty` (all defaults).
 * - A constant instead of an aggregate (`other = -1 default = -2`) fills the bins that have rows.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Expr, SeriesAggregate } from '../ast.ts';
import { Scope } from '../scope.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { assignment, assignments, lowerExpr } from '../syntax/lower-expr.ts';
import { toJsonSql } from '../convert.ts';
import { callSite } from '../expr.ts';
import { aggregateFunction } from '../functions/index.ts';
import { positionalArguments } from '../functions/named-arguments.ts';
import { constantIn } from '../functions/registry.ts';
import { datetimeFromMicros, epochMicros, microsFromInterval } from '../sql.ts';
import { isNumeric, type Typed } from '../types.ts';
import { defineOperator } from './spec.ts';
import { derivedName } from './column-names.ts';
import { sqlColumns } from '../sql-names.ts';

export const MAKE_SERIES = defineOperator({
  kind: 'make-series',
  syntax: ['MakeSeriesOperator'],
  lower(node: Kusto.Language.Syntax.MakeSeriesOperator, l) {
    const params = l.parameters(node.Parameters);
    l.rejectOtherParameters(params, ['kind'], 'make-series');
    // kind=nonempty: one row of defaults even for empty input (without `by`).
    const kind = params.get('kind');
    if (kind && l.parameterText(kind.value) !== 'nonempty')
      throw l.error(
        'syntax',
        `unknown make-series kind "${l.parameterText(kind.value)}" (expected nonempty)`,
        kind.value,
      );
    const aggregates: SeriesAggregate[] = elementsOf(node.Aggregates).map((a) => {
      const def = a.DefaultExpression?.Expression;
      return { item: assignment(a.Expression!, l), ...(def && { default: lowerExpr(def, l) }) };
    });
    const range = node.RangeClause;
    if (!range) throw l.syntaxGap();
    let from: Expr | undefined;
    let to: Expr | undefined;
    let step: Expr;
    if (kindName(range) === 'MakeSeriesInRangeClause') {
      // `in range(from, to, step)`: the older spelling of from … to … step.
      const args = elementsOf(
        (range as Kusto.Language.Syntax.MakeSeriesInRangeClause).Arguments?.Expressions,
      ).map((e) => lowerExpr(e, l));
      if (args.length !== 3)
        throw l.error(
          'syntax',
          'make-series … in range(from, to, step) takes three arguments',
          range,
        );
      [from, to, step] = args as [Expr, Expr, Expr];
    } else {
      const r = range as Kusto.Language.Syntax.MakeSeriesFromToStepClause;
      const f = r.MakeSeriesFromClause?.Expression;
      const t = r.MakeSeriesToClause?.Expression;
      from = f ? lowerExpr(f, l) : undefined;
      to = t ? lowerExpr(t, l) : undefined;
      step = lowerExpr(r.MakeSeriesStepClause?.Expression ?? null, l);
    }
    return {
      kind: 'make-series',
      nonempty: kind !== undefined,
      aggregates,
      axis: lowerExpr(node.OnClause?.Expression ?? null, l),
      ...(from && { from }),
      ...(to && { to }),
      step,
      by: assignments(node.ByClause?.Expressions, l),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const scope = Scope.of(input);
    if (op.axis.kind !== 'name')
      throw ctx.error('unsupported', 'a make-series axis that is not a column', op.axis.span);
    const axisName = op.axis.name;
    const axis = ctx.expr(op.axis, scope);
    const step = ctx.expr(op.step, new Scope([]));
    const isTime = axis.type === 'datetime';
    if (isTime && step.type !== 'timespan')
      throw ctx.error('type', 'the step of a datetime axis must be a timespan', op.step.span);
    if (!isTime && !(isNumeric(axis.type) && isNumeric(step.type)))
      throw ctx.error(
        'type',
        `make-series needs a datetime or numeric axis, this is a ${axis.type}`,
        op.axis.span,
      );
    // Axis values as numbers (µs for datetimes) so bins are integer arithmetic.
    const num = (x: Typed) =>
      isTime ? `CAST(${epochMicros(x.sql)} AS DOUBLE)` : `CAST(${x.sql} AS DOUBLE)`;
    const stepNum = isTime
      ? `CAST(${microsFromInterval(step.sql)} AS DOUBLE)`
      : `CAST(${step.sql} AS DOUBLE)`;
    const bound = (e: typeof op.from) => {
      const v = ctx.expr(e!, new Scope([]));
      if (v.type !== axis.type && !(isNumeric(v.type) && isNumeric(axis.type)))
        throw ctx.error(
          'type',
          `make-series from/to must be a ${axis.type}, this is a ${v.type}`,
          e!.span,
        );
      return num(v);
    };
    const start = op.from ? bound(op.from) : `floor(min(${num(axis)}) / ${stepNum}) * ${stepNum}`;
    const end = op.to
      ? bound(op.to)
      : `floor(max(${num(axis)}) / ${stepNum}) * ${stepNum} + ${stepNum}`;
    // One row: constants, or min/max over the input (an aggregate query without GROUP BY).
    const from = op.from && op.to ? '' : ` FROM ${input.cte}`;
    const bounds = ctx.addCte(
      'series_bounds',
      `SELECT ${start} AS s_start, ${end} AS s_end, CAST(ceil((${end} - ${start}) / ${stepNum}) AS BIGINT) AS s_n${from}`,
    );

    // Group keys and per-bin aggregates.
    const by: { name: string; sql: string; type: ColumnSchema['type']; i: number }[] = op.by.map(
      (item, i) => {
        // `by tostring(Browser)` is named `Browser`, as in summarize and extend.
        const name = item.name?.text ?? item.kustoName ?? derivedName(item.expr);
        if (!name)
          throw ctx.error(
            'unsupported',
            'an unnamed make-series by expression (write Name = …)',
            item.expr.span,
          );
        const v = ctx.expr(item.expr, scope);
        if (v.type === 'dynamic' || v.type === 'null')
          throw ctx.error('unsupported', 'make-series by a dynamic value', item.expr.span);
        return { name, sql: v.sql, type: v.type, i };
      },
    );
    const aggs = op.aggregates.map((a, i) => {
      const e = a.item.expr.kind === 'call' ? positionalArguments(a.item.expr, ctx) : a.item.expr;
      const fn = e.kind === 'call' ? aggregateFunction(e.name) : undefined;
      const def = a.default
        ? ctx.expr(a.default, new Scope([]))
        : ({ sql: '0', type: 'long' } as Typed);
      if (e.kind !== 'call' || !fn) {
        // A constant (`other = -1`): its value in bins with rows, the default elsewhere.
        if (!a.item.name)
          throw ctx.error(
            'unsupported',
            'a make-series expression that is not an aggregate call (name it: Name = …)',
            e.span,
          );
        const v = ctx.expr(e, new Scope([]));
        return {
          name: a.item.name.text,
          sql: v.type === 'null' ? 'NULL' : v.sql,
          json: toJsonSql({ sql: `x.a${i}`, type: v.type === 'null' ? 'dynamic' : v.type }),
          def: toJsonSql(def),
          i,
        };
      }
      if (e.args.length < fn.minArgs || e.args.length > fn.maxArgs)
        throw ctx.error(
          'type',
          `${e.name}() takes ${fn.minArgs}–${fn.maxArgs} argument(s)`,
          e.span,
        );
      const name =
        a.item.name?.text ?? fn.defaultName(e.args, constantIn(scope, ctx)) ?? a.item.kustoName;
      if (!name)
        throw ctx.error(
          'unsupported',
          `an unnamed ${e.name}() of an expression (write Name = ${e.name}(…))`,
          e.span,
        );
      const v = fn.translate(
        e.args.map((x) => ctx.expr(x, scope)),
        callSite(e, ctx, scope),
      );
      return {
        name,
        sql: v.sql,
        json: toJsonSql({ sql: `x.a${i}`, type: v.type }),
        def: toJsonSql(def),
        i,
      };
    });
    const keyCols = by.map((b) => `g${b.i}`);
    const inRange = `${num(axis)} >= b.s_start AND ${num(axis)} < b.s_end`;
    const binned = ctx.addCte(
      'series_bins',
      `SELECT ${[...by.map((b) => `${b.sql} AS g${b.i}`), `CAST(floor((${num(axis)} - b.s_start) / ${stepNum}) AS BIGINT) AS k`, ...aggs.map((a) => `${a.sql} AS a${a.i}`)].join(', ')} ` +
        `FROM ${input.cte}, ${bounds} AS b WHERE ${inRange} GROUP BY ${[...keyCols, 'k'].join(', ')}`,
    );
    // Without `by`: one row when some row falls in the range (Kusto gives no row for empty input), always with kind=nonempty.
    const groups = by.length
      ? `(SELECT DISTINCT ${keyCols.join(', ')} FROM ${binned})`
      : op.nonempty
        ? '(SELECT 1 AS one)'
        : `(SELECT 1 AS one FROM ${binned} LIMIT 1)`;
    const dense = `(SELECT g.*, b.s_start, unnest(range(b.s_n)) AS k FROM ${groups} AS g, ${bounds} AS b WHERE b.s_n IS NOT NULL AND b.s_n > 0)`;
    const joinOn = ['d.k = x.k', ...keyCols.map((g) => `d.${g} IS NOT DISTINCT FROM x.${g}`)].join(
      ' AND ',
    );
    const binStart = isTime
      ? datetimeFromMicros(`d.s_start + d.k * ${stepNum}`)
      : `(d.s_start + d.k * ${stepNum})`;
    const axisJson = toJsonSql({ sql: binStart, type: isTime ? 'datetime' : 'real' });
    const arr = (element: string) => `'[' || string_agg(${element}, ',' ORDER BY d.k) || ']'`;
    const columns: ColumnSchema[] = [
      ...by.map((b) => ({ name: b.name, type: b.type })),
      ...aggs.map((a) => ({ name: a.name, type: 'dynamic' as const })),
      { name: axisName, type: 'dynamic' },
    ];
    const out = sqlColumns(columns);
    const select = [
      ...by.map((b, i) => `d.g${b.i} AS ${out[i]}`),
      ...aggs.map(
        (a, i) => `${arr(`coalesce(${a.json}, ${a.def}, 'null')`)} AS ${out[by.length + i]}`,
      ),
      `${arr(axisJson)} AS ${out[out.length - 1]}`,
    ];
    // Grouped also without `by` (by the constant group), so that no group gives no row.
    const groupBy = ` GROUP BY ${by.length ? by.map((b) => `d.g${b.i}`).join(', ') : 'd.one'}`;
    ctx.checkColumns(columns, op.span);
    const cte = ctx.addCte(
      'make_series',
      `SELECT ${select.join(', ')} FROM ${dense} AS d LEFT JOIN ${binned} AS x ON ${joinOn}${groupBy}`,
      op.span,
    );
    return { cte, columns };
  },
});
