/**
 * An `evaluate` plugin: `T | evaluate name(arguments)`. Each plugin Loupe runs lives in one file of
 * this folder and is listed in ./index.ts; its translation receives the input relation and the
 * call's arguments (tabular ones already told apart by Kusto's binder) and adds the CTEs it needs.
 */
import type { PluginArgument, PluginOutputSchema, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Relation } from '../types.ts';

export interface PluginCall {
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly PluginArgument[];
  /** `: (…)` after the call; a plugin that does not take one refuses it (see `refuseOutputSchema`). */
  readonly outputSchema?: PluginOutputSchema;
  readonly span: Span;
}

export interface PluginSpec {
  /** The plugin's name as Kusto spells it (`ipv4_lookup`). */
  readonly name: string;
  /** Whether the plugin takes `: (…)`, the output schema the query declares. */
  readonly outputSchema?: boolean;
  translate(call: PluginCall, input: Relation, ctx: TranslateContext): Relation;
}

export function definePlugin(spec: PluginSpec): PluginSpec {
  return spec;
}
