/**
 * The `evaluate` plugins Loupe runs, by name. Add a plugin: write `plugins/<name>.ts` with
 * `definePlugin({ name, translate })`, list it here, and give it reference-example tests from its
 * Kusto documentation page (docs/kql-coverage.md lists what is left).
 */
import { BAG_UNPACK } from './bag-unpack.ts';
import { IPV4_LOOKUP } from './ipv4-lookup.ts';
import { PIVOT } from './pivot.ts';
import type { PluginSpec } from './spec.ts';

const PLUGINS: readonly PluginSpec[] = [BAG_UNPACK, IPV4_LOOKUP, PIVOT];

const BY_NAME = new Map(PLUGINS.map((p) => [p.name, p]));

export function pluginFor(name: string): PluginSpec | undefined {
  return BY_NAME.get(name);
}

/** The names of the plugins Loupe implements (for the coverage table). */
export function implementedPlugins(): string[] {
  return PLUGINS.map((p) => p.name);
}
