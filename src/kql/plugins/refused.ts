/**
 * Plugins of Kusto's catalog (Kusto.Language's PlugIns.cs) that Loupe knows and refuses, each with
 * the typed reason it cannot give Kusto's answer — instead of "not supported yet". The reasons are
 * the refusal list's (docs/kql.md, "Refused plugins"); the coverage table reads them from here.
 */
import { definePlugin, type PluginSpec } from './spec.ts';

export type PluginRefusal =
  /** It calls a service over the network; Loupe runs offline, on exported logs. */
  | 'needs-network-service'
  /** It runs code in a language sandbox (Python, R, C#) on the cluster. */
  | 'runs-user-code'
  /** It reads or runs commands against the Kusto cluster, its databases or storage, which Loupe has none of. */
  | 'needs-kusto-cluster'
  /** Its documentation names an algorithm but not its scoring or selection, so Loupe could not give the same rows. */
  | 'undocumented-algorithm';

const WHY: Record<PluginRefusal, string> = {
  'needs-network-service': 'it calls a network service, and Loupe runs offline on exported logs',
  'runs-user-code': 'it runs Python, R or C# code in a sandbox on the Kusto cluster, which Loupe does not do',
  'needs-kusto-cluster': 'it reads or commands the Kusto cluster, its databases or storage; Loupe has only the exported logs',
  'undocumented-algorithm': "its reference page does not say how it scores and selects its rows, so Loupe could not give Kusto's result",
};

/** The refused plugins with their reasons (names as Kusto spells them). */
export const REFUSED_PLUGINS: Readonly<Record<string, PluginRefusal>> = {
  http_request: 'needs-network-service',
  http_request_post: 'needs-network-service',
  sql_request: 'needs-network-service',
  mysql_request: 'needs-network-service',
  postgresql_request: 'needs-network-service',
  cosmosdb_sql_request: 'needs-network-service',
  dax_request: 'needs-network-service',
  azure_digital_twins_query_request: 'needs-network-service',
  ai_embed_text: 'needs-network-service',
  ai_embeddings: 'needs-network-service',
  ai_chat_completion: 'needs-network-service',
  ai_chat_completion_prompt: 'needs-network-service',
  python: 'runs-user-code',
  r: 'runs-user-code',
  csharp: 'runs-user-code',
  execute_show_command: 'needs-kusto-cluster',
  execute_query: 'needs-kusto-cluster',
  external_datatable: 'needs-kusto-cluster',
  estimate_rows_count: 'needs-kusto-cluster',
  infer_storage_schema: 'needs-kusto-cluster',
  infer_storage_schema_with_suggestions: 'needs-kusto-cluster',
  identity_v3: 'needs-kusto-cluster',
  // autocluster: "largely based on the Seed-Expand algorithm" of a paper; its local search from
  // NumSeeds seeds and its scoring are not in the reference page (its example keeps {Hail, NO}
  // over {NO}, which the page's weighted-geometric-mean wording alone would rank higher).
  autocluster: 'undocumented-algorithm',
  // diffpatterns returns "a small set of patterns"; which of the differing patterns it keeps is
  // not documented (its example leaves out {DamageCrops = 0}, whose difference is larger than
  // that of patterns it lists).
  diffpatterns: 'undocumented-algorithm',
  // session_count: how count_sessions follows sessions across bins and the lookback is not given.
  session_count: 'undocumented-algorithm',
  // funnel_sequence: which event counts as "prev"/"next" (adjacent, within which window; Step's
  // role) is not documented, and it returns three tables.
  funnel_sequence: 'undocumented-algorithm',
};

export const REFUSED_PLUGIN_SPECS: readonly PluginSpec[] = Object.entries(REFUSED_PLUGINS).map(([name, reason]) =>
  definePlugin({
    name,
    translate(call, _input, ctx) {
      throw ctx.error('unsupported', `the plugin ${name}(): ${WHY[reason]} (${reason})`, call.nameSpan);
    },
  }),
);
