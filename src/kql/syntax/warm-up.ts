/**
 * Loads Kusto.Language and runs one analysis, so that the analyst's first translation does not pay
 * the library's loading and warm-up (~1–2 s on the build machine). The engine worker calls it when
 * idle after start-up.
 */
import { parseQuery } from './parse-query.ts';

export function warmUpKqlFrontEnd(): void {
  parseQuery('let n = 1; print x = n | where x > 0 | summarize count() by tostring(x)');
}
