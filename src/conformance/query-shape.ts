/**
 * What the comparison needs to know about a case's query, read from the corpus tags and the KQL
 * text: whether Kusto's row order is defined, whether arrays in the result have a defined order,
 * and the query without its `render` (charts are not compared; the table before them is).
 */
import type { ConformanceCase } from './cases.ts';

/** Blanks string literals and comments so that keywords inside them are not mistaken for operators. */
export function maskLiterals(kql: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return kql.replace(/\/\/[^\n]*|@?'(?:[^'\\\n]|\\.)*'|@?"(?:[^"\\\n]|\\.)*"|```[\s\S]*?```/g, blank);
}

/** Operators after which Kusto's output order is defined (top-nested sorts too). */
const SORTING_OPERATORS = ['sort', 'order', 'top', 'top-nested', 'serialize'];

export function sortsRows(c: ConformanceCase): boolean {
  if (c.operators.some((o) => SORTING_OPERATORS.includes(o.toLowerCase()))) return true;
  return /\|\s*(?:sort|order|top|top-nested|serialize)\b/i.test(maskLiterals(c.kql));
}

/** Functions whose result order Kusto leaves undefined (sets and bags). */
const UNORDERED_RESULT = /^(?:make_set|make_set_if|make_set_with_nulls|make_bag|make_bag_if|set_union|set_intersect|set_difference)$/i;

export function hasUnorderedArrays(c: ConformanceCase): boolean {
  if (c.functions.some((f) => UNORDERED_RESULT.test(f))) return true;
  return /\b(?:make_set|make_set_if|make_set_with_nulls|make_bag|make_bag_if|set_union|set_intersect|set_difference)\s*\(/i.test(maskLiterals(c.kql));
}

/** The query without a trailing `| render …` (which may span lines with its `with (…)` options). */
export function stripRender(kql: string): string {
  const masked = maskLiterals(kql);
  let cut = -1;
  for (const m of masked.matchAll(/\|\s*render\b/gi)) cut = m.index;
  return cut < 0 ? kql : kql.slice(0, cut).trimEnd();
}
