/**
 * User-defined functions `let f = (a:string, T:(x:long)) { …; body }`: a call is inlined — the
 * body is translated again for each call with its parameters bound as lets (scalar parameters to
 * the argument's SQL, tabular ones to the argument's table or let), so `table(tableName)` inside
 * the body reads the table the caller named. The body's own lets are visible only inside it.
 */
import type { Expr, Span } from './ast.ts';
import { Scope } from './scope.ts';
import type { Binding, TranslateContext } from './context.ts';
import type { Relation, Typed } from './types.ts';
import { functionNotLoaded, inWorkspaceFunction } from './workspace-functions.ts';

type FunctionBinding = Extract<Binding, { kind: 'function' }>;

function functionBinding(name: string, span: Span, ctx: TranslateContext): FunctionBinding {
  const b = ctx.binding(name);
  if (!b) throw functionNotLoaded(ctx, name, span);
  if (b.kind !== 'function')
    throw ctx.error('unknown-function', `"${name}" is not a user-defined function`, span);
  return b;
}

/** Runs a call's body with its parameters bound: a workspace function's as workspace-functions.ts says. */
function inBody<T>(
  b: FunctionBinding,
  bound: ReadonlyMap<string, Binding>,
  span: Span,
  ctx: TranslateContext,
  body: () => T,
): T {
  return b.workspace
    ? inWorkspaceFunction(ctx, b.workspace, span, bound, body)
    : ctx.withBindings(bound, body);
}

/** The parameter bindings of one call; scalar arguments are evaluated in `argScope` (the caller's row). */
/**
 * The argument of each parameter, in parameter order: `p = expr` arguments go to the parameter
 * they name, the others fill the remaining parameters in order (Kusto: `checkLength(len = 3, input)`).
 */
function argumentsByParameter(
  name: string,
  b: FunctionBinding,
  args: readonly Expr[],
  ctx: TranslateContext,
  span: Span,
): (Expr | undefined)[] {
  const params = b.fn.params;
  if (args.length > params.length)
    throw ctx.error(
      'type',
      `${name}() takes ${params.length} argument(s), got ${args.length}`,
      span,
    );
  const out: (Expr | undefined)[] = params.map(() => undefined);
  const positional: Expr[] = [];
  for (const a of args) {
    if (a.kind === 'binary' && a.op === '=' && a.left.kind === 'name') {
      const target = a.left.name;
      const i = params.findIndex((p) => p.name === target);
      if (i < 0) throw ctx.error('type', `${name}() has no parameter "${target}"`, a.left.span);
      if (out[i])
        throw ctx.error('type', `${name}(): the parameter "${target}" is given twice`, a.left.span);
      out[i] = a.right;
    } else positional.push(a);
  }
  for (let i = 0; i < out.length && positional.length; i++)
    if (!out[i]) out[i] = positional.shift();
  return out;
}

function bindParams(
  name: string,
  b: FunctionBinding,
  given: readonly Expr[],
  argScope: Scope,
  ctx: TranslateContext,
  span: Span,
): Map<string, Binding> {
  const params = b.fn.params;
  const args = argumentsByParameter(name, b, given, ctx, span);
  const missing = params.find((p, i) => !args[i] && !p.default);
  if (missing)
    throw ctx.error('type', `${name}() called without its parameter "${missing.name}"`, span);
  const bound = new Map<string, Binding>();
  params.forEach((param, i) => {
    if (!args[i]) {
      // A left-out parameter takes its default value (a constant, evaluated without row columns).
      bound.set(param.name, { kind: 'scalar', value: ctx.expr(param.default!, new Scope([])) });
      return;
    }
    const arg = args[i]!;
    if (param.type.startsWith('(')) {
      // A tabular parameter: the argument names a table or a tabular let.
      if (arg.kind !== 'name')
        throw ctx.error(
          'unsupported',
          `a tabular argument other than a table or let name for "${param.name}"`,
          arg.span,
        );
      const outer = ctx.binding(arg.name);
      if (outer && outer.kind !== 'scalar' && outer.kind !== 'function')
        bound.set(param.name, outer);
      else if (!outer && ctx.options.resolveTable(arg.name))
        bound.set(param.name, { kind: 'table-alias', table: arg.name });
      else
        throw ctx.error(
          'type',
          `"${arg.name}" is not a table, but "${param.name}" is a tabular parameter`,
          arg.span,
        );
    } else {
      bound.set(param.name, { kind: 'scalar', value: ctx.expr(arg, argScope) });
    }
  });
  return bound;
}

/** `f(args)` as a tabular source: the body's relation with the parameters bound. */
export function invokeTabular(
  name: string,
  args: readonly Expr[],
  span: Span,
  ctx: TranslateContext,
): Relation {
  const b = functionBinding(name, span, ctx);
  const bound = bindParams(name, b, args, new Scope([]), ctx, span);
  return inBody(b, bound, span, ctx, () => {
    for (const stmt of b.fn.body.lets) ctx.bindLet(stmt);
    const v = b.fn.body.value;
    if (v.kind === 'tabular') return ctx.translatePipeline(v.pipeline);
    if (v.kind === 'name') return ctx.tabularByName(v.name, v.span);
    throw ctx.error('type', `the function "${name}" returns a scalar, not a table`, span);
  });
}

/** `f(args)` inside an expression: the body's scalar value, its arguments read from the current row. */
export function invokeScalar(
  name: string,
  args: readonly Expr[],
  span: Span,
  scope: Scope,
  ctx: TranslateContext,
): Typed {
  const b = functionBinding(name, span, ctx);
  const bound = bindParams(name, b, args, scope, ctx, span);
  return inBody(b, bound, span, ctx, () => {
    for (const stmt of b.fn.body.lets) ctx.bindLet(stmt);
    const v = b.fn.body.value;
    // The body sees its parameters and the lets, not the caller's columns (as in Kusto).
    if (v.kind === 'scalar') return ctx.expr(v.expr, new Scope([]));
    if (v.kind === 'name') {
      const s = ctx.scalarBinding(v.name);
      if (s) return s;
    }
    throw ctx.error('type', `the function "${name}" returns a table, not a scalar`, span);
  });
}
