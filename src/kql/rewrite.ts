/**
 * Copying an expression tree with some nodes replaced, for translations that give names a
 * meaning of their own before the ordinary expression translator runs: aggregates inside a
 * summarize expression (operators/aggregate-expression.ts), `step.Column` state references in
 * scan (operators/scan.ts). Tabular parts (`toscalar(T)`, `in (T)`) are not entered.
 */
import type { Expr } from './ast.ts';

/** A copy of `e` where every node `replace` returns a substitute for is replaced (and not entered). */
export function rewriteExpr(e: Expr, replace: (node: Expr) => Expr | undefined): Expr {
  const hit = replace(e);
  if (hit) return hit;
  const r = (x: Expr): Expr => rewriteExpr(x, replace);
  switch (e.kind) {
    case 'call':
      return { ...e, args: e.args.map(r) };
    case 'unary':
      return { ...e, operand: r(e.operand) };
    case 'binary':
      return { ...e, left: r(e.left), right: r(e.right) };
    case 'in':
      return { ...e, left: r(e.left), items: e.items.map(r) };
    case 'between':
      return { ...e, left: r(e.left), low: r(e.low), high: r(e.high) };
    case 'has-list':
      return { ...e, left: r(e.left), items: e.items.map(r) };
    case 'index':
      return { ...e, target: r(e.target), index: r(e.index) };
    case 'member':
      return { ...e, target: r(e.target) };
    case 'literal':
    case 'name':
    case 'side':
    case 'star':
    case 'toscalar':
      return e;
  }
}
