/**
 * `summarize Agg, Name = Agg(…) by Key, Name = Expr`: one row per distinct key combination (none
 * for empty input), or exactly one row without `by` (count 0, make_set `[]`, max null). Output:
 * the `by` columns first, then the aggregates. Unnamed aggregates get KQL's names (`count_`,
 * `set_X`, `max_X`), a clash adding 1, 2… (`set_y1`).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Assignment } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { aggregateFunction } from '../functions/index.ts';
import { constantIn } from '../functions/registry.ts';
import {
  ARG_EXTREMES,
  argExtremeColumns,
  isMultiColumnTakeAny,
  takeAnyColumns,
} from '../functions/arg-extreme.ts';
import { selectList } from './common.ts';
import { assignments } from '../syntax/lower-expr.ts';
import {
  isAggregateCall,
  translateAggregateCall,
  translateAggregateExpression,
} from './aggregate-expression.ts';
import { columnType } from './extend.ts';
import { derivedName } from './column-names.ts';
import { defineOperator } from './spec.ts';

/**
 * Binning calls keep the name of what they bin when unnamed in `by`: Kusto names
 * `by bin(startofday(TimeGenerated), 1d)` `TimeGenerated` (AnomalousUserAppSigninLocationIncrease
 * runs make-series `on TimeGenerated` after it). Conversions and dynamic paths are named as in
 * extend/project (column-names.ts: `tostring(Browser)` → `Browser`, which BypassCondAccessRule
 * summarizes by again).
 */
const BINNING_CALLS = new Set([
  'bin',
  'bin_at',
  'floor',
  'startofday',
  'startofweek',
  'startofmonth',
  'startofyear',
  'endofday',
  'endofweek',
  'endofmonth',
  'endofyear',
]);

/** The name an unnamed `by` expression takes from what it wraps (`X`, `bin(X, …)`, `tostring(X)`, `d.a`), if any. */
function wrappedColumn(e: Assignment['expr']): string | undefined {
  if (e.kind === 'call' && BINNING_CALLS.has(e.name) && e.args[0]) return wrappedColumn(e.args[0]);
  return derivedName(e);
}

/** The column a `by` expression is named after: its own name, or the column it wraps. */
function byName(item: Assignment, ctx: TranslateContext): string {
  if (item.name) return item.name.text;
  if (item.kustoName !== undefined) return item.kustoName;
  const name = wrappedColumn(item.expr);
  if (name !== undefined) return name;
  throw ctx.error(
    'unsupported',
    'an unnamed summarize-by expression (write Name = …)',
    item.expr.span,
  );
}

function unique(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) if (!taken.has(`${name}${i}`)) return `${name}${i}`;
}

export const SUMMARIZE = defineOperator({
  kind: 'summarize',
  syntax: ['SummarizeOperator'],
  lower(node: Kusto.Language.Syntax.SummarizeOperator, l) {
    l.rejectOtherParameters(l.parameters(node.Parameters), [], 'summarize');
    if (node.ByClause?.BinClause)
      throw l.unsupported('summarize … by …, bin = …', node.ByClause.BinClause);
    return {
      kind: 'summarize',
      aggregates: assignments(node.Aggregates, l),
      by: assignments(node.ByClause?.Expressions, l),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const scope = Scope.of(input);
    const out: { name: string; sql: string }[] = [];
    const columns: ColumnSchema[] = [];
    const taken = new Set<string>();
    for (const item of op.by) {
      const name = byName(item, ctx);
      const v = ctx.expr(item.expr, scope);
      if (v.type === 'dynamic')
        throw ctx.error('unsupported', 'summarizing by a dynamic value', item.expr.span);
      out.push({ name, sql: v.sql });
      columns.push({ name, type: columnType(v) });
      taken.add(name);
    }
    for (const item of op.aggregates) {
      const e = item.expr;
      if (e.kind === 'call' && (ARG_EXTREMES.has(e.name) || isMultiColumnTakeAny(e))) {
        // arg_max/arg_min and take_any(*) give several columns (functions/arg-extreme.ts); later ones clash-rename like other aggregates.
        for (const c of (ARG_EXTREMES.has(e.name) ? argExtremeColumns : takeAnyColumns)(
          e,
          item.name?.text,
          scope,
          ctx,
          new Set(op.by.map((b) => byName(b, ctx))),
        )) {
          const name = unique(c.name, taken);
          out.push({ name, sql: c.sql });
          columns.push({ name, type: c.type });
          taken.add(name);
        }
        continue;
      }
      // A single aggregate call names its column by KQL's rule; an expression over aggregates
      // (`Ratio = dcountif(…) * 100.0 / count()`) must be named.
      const fn = isAggregateCall(e, ctx) ? aggregateFunction(e.name) : undefined;
      let name: string;
      if (item.name) name = item.name.text;
      else if (e.kind === 'call' && fn) {
        // Loupe's registry names aggregates as the Kusto engine does (covariance(x, y) → covariance_x_y,
        // where Kusto.Language says covariance_x); Kusto.Language's name covers the rest.
        const auto = fn.defaultName(e.args, constantIn(scope, ctx)) ?? item.kustoName;
        if (!auto)
          throw ctx.error(
            'unsupported',
            `an unnamed ${e.name}() of an expression (write Name = ${e.name}(…))`,
            e.span,
          );
        name = unique(auto, taken);
      } else if (item.kustoName !== undefined) {
        name = unique(item.kustoName, taken);
      } else {
        throw ctx.error(
          'unsupported',
          'an unnamed summarize expression over aggregates (write Name = …)',
          e.span,
        );
      }
      const v =
        e.kind === 'call' && fn
          ? translateAggregateCall(e, scope, ctx)
          : translateAggregateExpression(e, scope, ctx);
      out.push({ name, sql: v.sql });
      columns.push({ name, type: columnType(v) });
      taken.add(name);
    }
    ctx.checkColumns(columns, op.span);
    const groupBy = op.by.length ? ` GROUP BY ${op.by.map((_, i) => i + 1).join(', ')}` : '';
    const cte = ctx.addCte(
      'summarize',
      `SELECT ${selectList(out)} FROM ${input.cte}${groupBy}`,
      op.span,
    );
    return { cte, columns };
  },
});
