/**
 * Kusto's names for unnamed extend/project expressions:
 * - a column reference keeps its name (`project Name`);
 * - a dynamic path is named after its steps joined by `_` (`d.a["b"]` → `d_a_b`);
 * - a conversion of one value keeps that value's name (`tostring(Browser)` → `Browser`,
 *   `tostring(d.a)` → `d_a`), as Sentinel rules rely on;
 * - a few functions prefix their argument's name with their own (`dcount_hll(m)` → `dcount_hll_m`);
 * - anything else is `Column1`, `Column2`…, the first such name not already taken.
 */
import type { Expr } from '../ast.ts';

/** Conversions whose result is named after their only argument. */
const NAME_KEEPING = new Set([
  'tostring',
  'toint',
  'tolong',
  'toreal',
  'todouble',
  'todecimal',
  'tobool',
  'toboolean',
  'todatetime',
  'totimespan',
  'toguid',
  'todynamic',
  'toobject',
]);

/** Functions whose result is named `<function>_<first argument's name>` (Kusto's answers show it). */
const PREFIXING = new Set(['dcount_hll', 'percentile_tdigest']);

/** The name Kusto derives from the expression itself, if any. */
export function derivedName(e: Expr): string | undefined {
  switch (e.kind) {
    case 'name':
      return e.name;
    case 'member': {
      const base = derivedName(e.target);
      return base === undefined ? undefined : `${base}_${e.name}`;
    }
    case 'index': {
      const base = derivedName(e.target);
      if (
        base === undefined ||
        e.index.kind !== 'literal' ||
        (e.index.type !== 'string' && e.index.type !== 'long')
      )
        return undefined;
      return `${base}_${String(e.index.value)}`;
    }
    case 'call': {
      if (NAME_KEEPING.has(e.name) && e.args.length === 1) return derivedName(e.args[0]!);
      const arg = PREFIXING.has(e.name) && e.args[0] ? derivedName(e.args[0]) : undefined;
      return arg === undefined ? undefined : `${e.name}_${arg}`;
    }
    default:
      return undefined;
  }
}

/** `Column<N>` with the smallest N ≥ 1 not in `taken`. */
export function generatedName(taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`Column${n}`)) return `Column${n}`;
}
