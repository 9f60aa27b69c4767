/**
 * Scalar functions and aggregates as data: one entry per KQL function (name, arity, how to build
 * its SQL from typed arguments). Families live in sibling files and are collected in ./index.ts;
 * adding a function means adding an entry there.
 */
import type { Expr, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Scope } from '../scope.ts';
import type { Typed } from '../types.ts';
import { derivedName } from '../operators/column-names.ts';

/** What a function's translation can see besides its arguments. */
export interface CallSite {
  readonly ctx: TranslateContext;
  readonly name: string;
  readonly span: Span;
  /** The argument expressions as written (e.g. to name an aggregate's column after its argument). */
  readonly args: readonly Expr[];
  /**
   * ORDER BY items of the rows' defined order (after sort/top/serialize: the hidden order
   * column), when they have one. Aggregates whose result follows the input order read it (Kusto:
   * make_list over sorted input lists the values in that order), since the rows themselves are
   * not kept physically sorted between steps (see RowOrder).
   */
  readonly rowOrder?: string;
  /** Throws a 'type' error about argument `i` (or the call). */
  fail(message: string, i?: number): never;
}

export interface ScalarFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  translate(args: readonly Typed[], site: CallSite): Typed;
}

/** An expression's constant value, or undefined when it has none (a column, a row's value). */
export type ConstantOf = (e: Expr) => Typed['literal'] | undefined;

/**
 * ConstantOf in a scope: the expression's literal value once translated. An argument that cannot
 * be translated alone has no constant; its own error comes when the call itself is translated.
 */
export function constantIn(scope: Scope, ctx: TranslateContext): ConstantOf {
  return (e) => {
    if (e.kind === 'literal') return e.value;
    if (e.kind !== 'name' || scope.get(e.name)) return undefined;
    return ctx.scalarBinding(e.name)?.literal;
  };
}

export interface AggregateFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * The default output column name (KQL: `count_`, `set_X`, `max_X`…), given the argument
   * expressions; undefined when KQL's rule cannot be applied and the user must name it.
   * `constant` gives an argument's constant value when it has one, a literal or a name bound to
   * one (`let p = 95;`, a function's parameter given a number): `percentile(x, p)` is named after
   * the value, as Kusto names it.
   */
  defaultName(args: readonly Expr[], constant?: ConstantOf): string | undefined;
  translate(args: readonly Typed[], site: CallSite): Typed;
}

/**
 * `prefix_Column`, the naming rule of most aggregates, when the first argument has a name of its
 * own as extend names it (operators/column-names.ts): a column, a dynamic path (`make_set(d.a)` →
 * `set_d_a`) or a conversion of one (`buildschema(todynamic(tostring(x)))` → `schema_x`, as the
 * Kusto engine names it).
 */
export function namedAfterColumn(prefix: string) {
  return (args: readonly Expr[]): string | undefined => {
    const name = args[0] && derivedName(args[0]);
    return name === undefined ? undefined : `${prefix}_${name}`;
  };
}

/** Requires argument `i` to have one of `types`. */
export function expectType(
  args: readonly Typed[],
  i: number,
  site: CallSite,
  ...types: Typed['type'][]
): Typed {
  const a = args[i]!;
  if (!types.includes(a.type) && a.type !== 'null')
    site.fail(
      `${site.name}() expects ${types.join(' or ')} as argument ${i + 1}, got ${a.type}`,
      i,
    );
  return a;
}
