/**
 * Cases that weigh less than others when reading the numbers:
 * - plugins (`evaluate`), graph operators and geospatial functions are the lowest priority for
 *   Loupe (issue 3): Sentinel identity rules do not use them;
 * - cases whose answer depends on rand(), now(), ago(), new_guid() or `sample` may be impossible
 *   to reproduce: Kusto's answer reflects the moment and the random draws of the run that made it.
 */
import type { ConformanceCase } from './cases.ts';
import { maskLiterals } from './query-shape.ts';

export type CaseCategory = 'plugin-graph-geo' | 'nondeterministic' | 'core';

export const CATEGORY_LABEL: Readonly<Record<CaseCategory, string>> = {
  'plugin-graph-geo':
    'need evaluate plugins, graph operators or geospatial functions (lowest priority)',
  nondeterministic:
    'depend on rand(), now(), ago(), new_guid() or sample (Kusto’s answer may not be reproducible)',
  core: 'the rest',
};

export function caseCategory(c: ConformanceCase): CaseCategory {
  const text = maskLiterals(c.kql);
  if (
    c.operators.some((o) => o === 'evaluate' || o === 'make-graph' || o.startsWith('graph-')) ||
    c.functions.some((f) => f.startsWith('geo_')) ||
    /\|\s*(?:evaluate|make-graph|graph-match|graph-shortest-paths|graph-to-table)\b|\bgeo_\w+\s*\(/.test(
      text,
    )
  ) {
    return 'plugin-graph-geo';
  }
  if (
    c.functions.some((f) => ['rand', 'now', 'ago', 'new_guid'].includes(f)) ||
    c.operators.some((o) => o === 'sample' || o === 'sample-distinct') ||
    /\b(?:rand|now|ago|new_guid)\s*\(|\|\s*sample(?:-distinct)?\b/.test(text)
  ) {
    return 'nondeterministic';
  }
  return 'core';
}
