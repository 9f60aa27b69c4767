/**
 * The `evaluate` plugins Loupe runs, by name. Add a plugin: write `plugins/<name>.ts` with
 * `definePlugin({ name, translate })`, list it here, and give it reference-example tests from its
 * Kusto documentation page (docs/kql-coverage.md lists what is left). A plugin Loupe cannot run is
 * listed in ../catalog/refusals.ts with its typed reason (evaluate.ts raises it).
 */
import { ACTIVE_USERS_COUNT } from './active-users-count.ts';
import { ACTIVITY_COUNTS_METRICS } from './activity-counts-metrics.ts';
import { ACTIVITY_ENGAGEMENT } from './activity-engagement.ts';
import { ACTIVITY_METRICS } from './activity-metrics.ts';
import { BAG_UNPACK } from './bag-unpack.ts';
import { BASKET } from './basket.ts';
import { DCOUNT_INTERSECT } from './dcount-intersect.ts';
import { FUNNEL_SEQUENCE_COMPLETION } from './funnel-sequence-completion.ts';
import { IPV4_LOOKUP, IPV6_LOOKUP } from './ip-lookup.ts';
import { GEO_LINE_LOOKUP, GEO_POLYGON_LOOKUP } from './geo-lookup.ts';
import { NARROW } from './narrow.ts';
import { NEW_ACTIVITY_METRICS } from './new-activity-metrics.ts';
import { PREVIEW } from './preview.ts';
import { PIVOT } from './pivot.ts';
import { ROLLING_PERCENTILE } from './rolling-percentile.ts';
import { ROWS_NEAR } from './rows-near.ts';
import { SCHEMA_MERGE_PLUGIN } from './schema-merge.ts';
import { SEQUENCE_DETECT } from './sequence-detect.ts';
import { SLIDING_WINDOW_COUNTS } from './sliding-window-counts.ts';
import type { PluginSpec } from './spec.ts';

const PLUGINS: readonly PluginSpec[] = [
  ACTIVE_USERS_COUNT,
  ACTIVITY_COUNTS_METRICS,
  ACTIVITY_ENGAGEMENT,
  ACTIVITY_METRICS,
  BAG_UNPACK,
  BASKET,
  DCOUNT_INTERSECT,
  FUNNEL_SEQUENCE_COMPLETION,
  IPV4_LOOKUP,
  IPV6_LOOKUP,
  GEO_LINE_LOOKUP,
  GEO_POLYGON_LOOKUP,
  NARROW,
  NEW_ACTIVITY_METRICS,
  PIVOT,
  PREVIEW,
  ROLLING_PERCENTILE,
  ROWS_NEAR,
  SCHEMA_MERGE_PLUGIN,
  SEQUENCE_DETECT,
  SLIDING_WINDOW_COUNTS,
];

const BY_NAME = new Map(PLUGINS.map((p) => [p.name, p]));

export function pluginFor(name: string): PluginSpec | undefined {
  return BY_NAME.get(name);
}

/** The names of the plugins Loupe implements (for the coverage table). */
export function implementedPlugins(): string[] {
  return PLUGINS.map((p) => p.name);
}
