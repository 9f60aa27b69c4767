/**
 * Questions a plugin asks the data while translating (TranslateOptions.discoverRows): Kusto decides
 * `bag_unpack`'s and `pivot`'s output columns from the rows, and Loupe's translation is static SQL,
 * so the plugin runs a small SELECT over its input (the CTEs translated so far) and builds its SQL
 * from the answer. The question is keyed by the plugin call's place in the KQL text and how many
 * times that place was translated before (a user function's body is translated once per call), so
 * every translation of one query text asks the same questions under the same keys.
 */
import type { TranslateContext } from '../context.ts';
import { quoteIdent } from '../sql.ts';
import type { Relation } from '../types.ts';
import type { PluginCall } from './spec.ts';

/** Per translation: how many questions each call site has asked so far. */
const asked = new WeakMap<TranslateContext, Map<number, number>>();

/**
 * The rows of `select` (a SELECT whose FROM is the input relation's CTE) over the data now. Without
 * the caller's hook the plugin cannot know its columns: refused, asking for an output schema.
 */
export function discoverRows(
  ctx: TranslateContext,
  call: PluginCall,
  input: Relation,
  select: string,
  remedy: string,
): readonly (readonly unknown[])[] {
  const hook = ctx.options.discoverRows;
  if (!hook) {
    throw ctx.error(
      'unsupported',
      `${call.name}() decides its columns from the data, which this translation cannot read; ${remedy}`,
      call.span,
    );
  }
  const counts = asked.get(ctx) ?? new Map<number, number>();
  asked.set(ctx, counts);
  const n = counts.get(call.span.start) ?? 0;
  counts.set(call.span.start, n + 1);
  // Only the CTEs the input depends on are needed, but they are few and DuckDB prunes unused ones.
  const ctes = ctx.ctes.map((c) => `${quoteIdent(c.name)} AS (\n  ${c.sql}\n)`).join(',\n');
  const sql = `${ctes ? `WITH ${ctes}\n` : ''}${select.replaceAll('{input}', input.cte)}`;
  return hook({ sql, key: `${call.name}@${call.span.start}#${n}`, tables: [...ctx.tables] });
}
