/**
 * The Kusto built-ins Loupe refuses by design, each with a typed reason from one documented list
 * (docs/kql.md, "Refused built-ins"). Everything else in Kusto's catalog (./builtins.ts) is to be
 * implemented with Kusto's semantics: docs/kql-coverage.md lists what is implemented, refused
 * and still missing. A call of a refused function or aggregate fails with KqlError `unsupported`
 * and the typed detail `{ kind: 'builtin-refused', builtin, reason }` (./refuse.ts) at its place.
 *
 * A reason is a property of the built-in, not of Loupe's progress: "not implemented yet" is not a
 * reason (that is the coverage table's "missing").
 */
import type { BuiltinKind } from './builtins.ts';

export const REFUSAL_REASONS = {
  'cluster-metadata': {
    title: 'describes the Kusto cluster running the query',
    why: 'it reads or runs something on the Kusto cluster itself (its endpoint, node, extents, ingestion cursors, the signed-in principal, management commands); Loupe runs offline on exported logs and has no cluster',
  },
  'cluster-entity': {
    title: 'names an entity of a Kusto cluster',
    why: 'it addresses another cluster or database, an external table, a materialized view, a stored query result or an entity group; Loupe’s tables are the files the analyst loaded (use table("Name") or the table’s name)',
  },
  'needs-network-service': {
    title: 'needs a network service',
    why: 'it calls a service over the network (HTTP, SQL Server, MySQL, PostgreSQL, Cosmos DB, Azure Digital Twins, Azure OpenAI, cloud storage); Loupe never uses the network at run time',
  },
  'runs-user-code': {
    title: 'runs code embedded in the query',
    why: 'it runs Python, R or C# code from the query in a sandbox on the cluster; Loupe does not execute code that arrives in a rule',
  },
  'machine-learning-plugin': {
    title: 'machine-learning plugin with an unpublished algorithm',
    why: 'its clustering or pattern mining follows heuristics Kusto does not publish, so Loupe could not give Kusto’s answer',
  },
  'undocumented-algorithm': {
    title: 'algorithm not documented',
    why: 'its reference page does not say how it computes its answer (how hash_combine and hash_many combine hashes, how session_count follows sessions across bins, which events funnel_sequence takes as prev and next, how reduce clusters strings into patterns), so Loupe could not give the same values',
  },
  graph: {
    title: 'graph semantics',
    why: 'it builds or queries a graph (make-graph, graph-match, graph functions); Sentinel analytics rules over sign-in and audit logs do not use graphs, and Loupe does not model them',
  },
  'multiple-results': {
    title: 'returns several tables',
    why: 'it returns several result tables (fork: one per subquery; facet: one per column, plus its with-subquery); a Loupe query answers with one table (a rule’s alerts, the console’s grid, one DuckDB SELECT), and keeping one of them would silently drop the others (run each subquery as its own query instead)',
  },
  undocumented: {
    title: 'internal or undocumented',
    why: 'Kusto.Language knows the name, but the language reference has no page for it (engine internals such as __cast, hidden validators, undocumented plugins): there is no documented behaviour to reproduce',
  },
} as const satisfies Record<string, { title: string; why: string }>;

export type RefusalReason = keyof typeof REFUSAL_REASONS;

export const REFUSAL_REASON_NAMES = Object.keys(REFUSAL_REASONS) as RefusalReason[];

type Refused = Readonly<Partial<Record<RefusalReason, readonly string[]>>>;

/** The refused entries, by kind and reason (names as the catalog spells them). */
export const REFUSED: Readonly<Record<BuiltinKind, Refused>> = {
  function: {
    'cluster-metadata': [
      'current_cluster_endpoint',
      'current_database',
      'current_principal',
      'current_principal_details',
      'current_principal_is_member_of',
      'cursor_after',
      'cursor_before_or_at',
      'cursor_current',
      'current_cursor',
      'extent_id',
      'extentid',
      'extent_tags',
      'current_node_id',
    ],
    'cluster-entity': [
      'cluster',
      'database',
      'external_table',
      'materialized_view',
      'stored_query_result',
      'entity_group',
    ],
    'undocumented-algorithm': ['hash_combine', 'hash_many'],
    graph: [
      'graph',
      'all',
      'any',
      'map',
      'inner_nodes',
      'node_id',
      'node_degree_in',
      'node_degree_out',
      'labels',
    ],
    undocumented: [
      '__cast',
      '__invoke',
      '__hash_crc32',
      '__hash_djb2',
      '__hash_many_crc32',
      '__hash_xxh64',
      '__hll_normalize',
      '__ipv6_lookup_ranges',
      '__lz4_compress_dynamic_array_to_base64_string',
      '__geo_length_to_s2cell_level',
      '__geo_line_s2cell_covering_level',
      '__geo_line_validate',
      '__geo_polygon_s2cell_covering_level',
      '__geo_polygon_validate',
      'hll_isvalid',
      'tdigest_isvalid',
      'rowstore_ordinal_range',
      'row_id',
    ],
  },
  aggregate: {
    undocumented: ['passthrough'],
  },
  // row_rank: Kusto.Language's hidden, obsolete name (use row_rank_dense or row_rank_min); no page documents it.
  window: { undocumented: ['row_rank'] },
  plugin: {
    'cluster-metadata': ['execute_show_command', 'estimate_rows_count'],
    'cluster-entity': ['execute_query'],
    'needs-network-service': [
      'http_request',
      'http_request_post',
      'sql_request',
      'mysql_request',
      'postgresql_request',
      'cosmosdb_sql_request',
      'azure_digital_twins_query_request',
      'ai_chat_completion',
      'ai_chat_completion_prompt',
      'ai_embed_text',
      'ai_embeddings',
      'dax_request',
      'infer_storage_schema',
      'infer_storage_schema_with_suggestions',
    ],
    'runs-user-code': ['python', 'r', 'csharp'],
    'machine-learning-plugin': ['autocluster', 'diffpatterns'],
    'undocumented-algorithm': ['session_count', 'funnel_sequence'],
    undocumented: ['identity', 'identity_v3', 'external_datatable'],
  },
  operator: {
    'cluster-entity': [
      'alias database',
      'materialized-view-combine',
      'restrict access',
      'macro-expand',
    ],
    'undocumented-algorithm': ['reduce'],
    'needs-network-service': ['inline_external_table'],
    'multiple-results': ['fork', 'facet'],
    graph: [
      'make-graph',
      'graph-match',
      'graph-shortest-paths',
      'graph-to-table',
      'graph-mark-components',
      'graph-where-nodes',
      'graph-where-edges',
    ],
    undocumented: [
      '__contextual_datatable',
      '__executeAndCache',
      '__partitionby',
      'assert-schema',
      'totable',
    ],
  },
};

const BY_KEY = new Map<string, RefusalReason>();
for (const [kind, reasons] of Object.entries(REFUSED)) {
  for (const [reason, names] of Object.entries(reasons))
    for (const name of names ?? []) BY_KEY.set(`${kind}:${name}`, reason as RefusalReason);
}

/** Why Loupe refuses the built-in, or undefined when it does not. */
export function refusalOf(kind: BuiltinKind, name: string): RefusalReason | undefined {
  return BY_KEY.get(`${kind}:${name}`);
}

/** Every refused entry with its reason. */
export function refusedEntries(): { kind: BuiltinKind; name: string; reason: RefusalReason }[] {
  return [...BY_KEY].map(([key, reason]) => {
    const i = key.indexOf(':');
    return { kind: key.slice(0, i) as BuiltinKind, name: key.slice(i + 1), reason };
  });
}
