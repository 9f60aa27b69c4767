/**
 * Summarize items that are expressions *over* aggregates, as analytics rules write them:
 * `Ratio = dcountif(User, Failed) * 100.0 / count()`, `Apps = tostring(make_set(App))`,
 * `toupper(tohex(binary_all_or(x)))`. Each aggregate call inside the expression is translated on
 * its own (so `count()` keeps its KQL meaning), and the surrounding scalar expression is then
 * translated over those aggregates in the same grouped SELECT: the aggregates stand in the scope
 * under hidden names whose SQL is the aggregate's SQL, so every scalar function, operator and
 * typing rule of expr.ts applies to them unchanged.
 */
import type { Expr } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { callSite } from '../expr.ts';
import { aggregateFunction } from '../functions/index.ts';
import { positionalArguments } from '../functions/named-arguments.ts';
import { ARG_EXTREMES } from '../functions/arg-extreme.ts';
import type { Typed } from '../types.ts';
import { rewriteExpr } from '../rewrite.ts';

type Call = Extract<Expr, { kind: 'call' }>;

/** Prefix of the hidden names aggregates take inside the rewritten expression (never a KQL identifier users write). */
const HOLE = '__loupe_aggregate_';

/** Whether a call names an aggregate (a user-defined function of the same name shadows it, as in expr.ts). */
export function isAggregateCall(e: Expr, ctx: TranslateContext): e is Call {
  return (
    e.kind === 'call' &&
    (aggregateFunction(e.name) !== undefined || ARG_EXTREMES.has(e.name)) &&
    ctx.binding(e.name)?.kind !== 'function'
  );
}

/** One aggregate call: arity checked, arguments translated over the input rows. */
export function translateAggregateCall(given: Call, input: Scope, ctx: TranslateContext): Typed {
  const e = positionalArguments(given, ctx);
  const fn = aggregateFunction(e.name);
  if (!fn)
    throw ctx.error(
      'unsupported',
      `${e.name}() inside an expression (it gives several columns; use it on its own)`,
      e.span,
    );
  if (e.args.length < fn.minArgs || e.args.length > fn.maxArgs)
    throw ctx.error('type', `${e.name}() takes ${fn.minArgs}–${fn.maxArgs} argument(s)`, e.span);
  const args = e.args.map((a) => {
    // An aggregate of an aggregate is not KQL (Kusto refuses `sum(count())`).
    const nested = findAggregate(a, ctx);
    if (nested)
      throw ctx.error(
        'type',
        `the aggregate ${nested.name}() cannot be used inside another aggregate`,
        nested.span,
      );
    return ctx.expr(a, input);
  });
  return fn.translate(args, callSite(e, ctx, input));
}

function findAggregate(e: Expr, ctx: TranslateContext): Call | undefined {
  let found: Call | undefined;
  rewriteExpr(e, (c) => {
    if (isAggregateCall(c, ctx)) found ??= c;
    return undefined;
  });
  return found;
}

/**
 * A summarize item that is a scalar expression over one or more aggregates. Names other than the
 * aggregates' arguments (columns of the input) are not in scope outside the aggregates: Kusto
 * requires every column reference of an aggregation expression to sit inside an aggregate.
 * `let` scalars remain visible.
 */
export function translateAggregateExpression(e: Expr, input: Scope, ctx: TranslateContext): Typed {
  const holes: { name: string; value: Typed }[] = [];
  const rewritten = rewriteExpr(e, (c) => {
    if (!isAggregateCall(c, ctx)) return undefined;
    const name = `${HOLE}${holes.length}`;
    holes.push({ name, value: translateAggregateCall(c, input, ctx) });
    return { kind: 'name', name, span: c.span };
  });
  if (!holes.length)
    throw ctx.error(
      'unsupported',
      'a summarize expression without an aggregate call (e.g. count(), max(X))',
      e.span,
    );
  const scope = new Scope(
    holes.map((h) => ({
      name: h.name,
      type: h.value.type === 'null' ? 'dynamic' : h.value.type,
      sql: `(${h.value.sql})`,
    })),
  );
  return ctx.expr(rewritten, scope);
}
