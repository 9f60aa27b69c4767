/**
 * KQL functions Loupe knows but cannot give Kusto's answer for, refused with the reason instead
 * of "unknown function": they describe the cluster, database or signed-in user running the query
 * (Loupe runs offline on exported logs and has none of them), or their algorithm is not
 * documented (hash_combine/hash_many combine hashes in a way Kusto does not publish, so the
 * values could not match).
 */
import type { ScalarFunction } from './registry.ts';

function refused(names: readonly string[], why: string): ScalarFunction[] {
  return names.map((name) => ({
    name, minArgs: 0, maxArgs: 64,
    translate: (_a, s) => {
      throw s.ctx.error('unsupported', `${name}(): ${why}`, s.span);
    },
  }));
}

export const UNREPRODUCIBLE_FUNCTIONS: readonly ScalarFunction[] = [
  ...refused(
    ['current_principal', 'current_principal_details', 'current_principal_is_member_of', 'current_cluster_endpoint', 'current_database', 'cursor_current', 'cursor_after', 'cursor_before_or_at', 'extent_id', 'extent_tags'],
    'it describes the Kusto cluster, database or user running the query; Loupe runs offline on exported logs and has none',
  ),
  ...refused(['hash_combine', 'hash_many'], 'Kusto does not document how it combines hashes, so Loupe could not give the same values (hash() itself is supported)'),
];
