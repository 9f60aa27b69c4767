/**
 * Registers the SQL functions translated queries call (all prefixed `kql_`) on an engine. Call it
 * once per connection before running a translation.
 *
 * Every UDF is declared once, as a `KqlUdf` constant exported by the runtime module that
 * implements it (./udf.ts); this file registers every such export of the modules below, so a
 * declared function cannot be left unregistered. A new runtime module is added to MODULES.
 */
import type { SqlEngine } from '../../db/engine.ts';
import * as arrays from './arrays.ts';
import * as buildschema from './buildschema.ts';
import * as compression from './compression.ts';
import * as datetime from './datetime.ts';
import * as dynamic from './dynamic.ts';
import * as dynamicMore from './dynamic-more.ts';
import * as expand from './expand.ts';
import * as format from './format.ts';
import * as geo from './geo.ts';
import * as geoCells from './geo-cells.ts';
import * as geoShapes from './geo-shapes.ts';
import * as geoOps from './geo-ops.ts';
import * as geoLookup from './geo-lookup.ts';
import * as geoip from './geoip.ts';
import * as userAgent from './user-agent.ts';
import * as ip from './ip.ts';
import * as misc from './misc.ts';
import * as parseKv from './parse-kv.ts';
import * as plugins from './plugins.ts';
import * as regex from './regex.ts';
import * as series from './series.ts';
import * as special from './special.ts';
import * as seriesFilters from './series-filters.ts';
import * as seriesAnalysis from './series-analysis.ts';
import * as stats from './stats.ts';
import * as text from './text.ts';
import * as textMore from './text-more.ts';
import * as window from './window.ts';
import * as xml from './xml.ts';
import { udfsOf, type KqlUdf } from './udf.ts';

const MODULES = [
  arrays,
  buildschema,
  compression,
  datetime,
  dynamic,
  dynamicMore,
  expand,
  format,
  geo,
  geoCells,
  geoShapes,
  geoOps,
  geoLookup,
  geoip,
  userAgent,
  ip,
  misc,
  parseKv,
  plugins,
  regex,
  series,
  seriesFilters,
  seriesAnalysis,
  special,
  stats,
  text,
  textMore,
  window,
  xml,
];

export const KQL_UDFS: readonly KqlUdf[] = MODULES.flatMap(udfsOf);

export function installKqlRuntime(engine: SqlEngine): void {
  for (const udf of KQL_UDFS) engine.registerUdf(udf);
}
