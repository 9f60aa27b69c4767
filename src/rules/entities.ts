/**
 * Entities of one alert, from its rows and the rule's entityMappings (Sentinel "Map data fields to
 * entities" and the entities reference):
 * - each mapping gives at most one entity per row, holding the identifiers whose value is not empty;
 * - a mapping whose values are all empty gives nothing, and neither does one lacking every strong
 *   identifier of its type (Sentinel counts both in EntitiesDroppedDueToMappingIssuesAmount);
 * - Accounts mapped through Name with a built-in name (ADMIN, SYSTEM, …) are dropped;
 * - identical entities (same type, same identifiers and values, compared exactly) are kept once;
 * - at most 500 entities per alert, divided equally across the mappings (2 mappings → 250 each);
 * - the Entities field holds at most 64 KB: entities are added one by one until it is full.
 */
import type { ReportEntity } from './api.ts';
import { BUILT_IN_ACCOUNT_NAMES, ENTITY_TYPES, MAX_ENTITIES_PER_ALERT } from './entity-types.ts';
import type { EntityMapping } from './rule.ts';
import { cellOf, valueText, type ReportRow } from './values.ts';

export interface EntityDrops {
  /** Rows whose mapped values were all empty, or lacked every strong identifier. */
  readonly mappingIssues: number;
  /** Accounts with a built-in name. */
  readonly builtInAccounts: number;
  /** Entities beyond a mapping's share of the 500 cap, or beyond the 64 KB of the Entities field. */
  readonly overCap: number;
}

/** Sentinel's limit on an alert's Entities field (UTF-8 JSON). */
export const MAX_ENTITIES_BYTES = 64 * 1024;
const utf8 = new TextEncoder();

export interface EntityExtraction {
  readonly entities: ReportEntity[];
  readonly dropped: EntityDrops;
}

/** A stable text key for an entity: type plus identifier=value pairs in name order. */
export function entityKey(e: ReportEntity, foldCase = false): string {
  const ids = Object.keys(e)
    .filter((k) => k !== 'type')
    .sort()
    .map((k) => `${k}=${foldCase ? e[k]!.toLowerCase() : e[k]}`);
  return `${e.type}(${ids.join(';')})`;
}

function hasStrongIdentifier(e: ReportEntity): boolean {
  const info = ENTITY_TYPES[e.type];
  // Unknown types cannot be checked: keep what the rule maps (validation warned about the type).
  if (!info) return true;
  return info.required.some((set) => set.every((id) => e[id] !== undefined));
}

function isBuiltInAccount(e: ReportEntity): boolean {
  return (
    e.type === 'Account' &&
    e['Name'] !== undefined &&
    BUILT_IN_ACCOUNT_NAMES.has(e['Name'].toUpperCase())
  );
}

export function extractEntities(
  rows: readonly ReportRow[],
  mappings: readonly EntityMapping[],
  cap = MAX_ENTITIES_PER_ALERT,
): EntityExtraction {
  const entities: ReportEntity[] = [];
  const seen = new Set<string>();
  let mappingIssues = 0;
  let builtInAccounts = 0;
  let overCap = 0;
  let bytes = 2;
  const share = mappings.length === 0 ? 0 : Math.floor(cap / mappings.length);
  const taken = new Array<number>(mappings.length).fill(0);
  // Row by row, mapping by mapping: entities appear in the order Sentinel reads the results.
  for (const row of rows) {
    mappings.forEach((m, i) => {
      const e: ReportEntity = { type: m.entityType };
      for (const f of m.fieldMappings) {
        const v = valueText(cellOf(row, f.columnName));
        if (v !== '')
          Object.defineProperty(e, f.identifier, {
            value: v,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      if (Object.keys(e).length === 1 || !hasStrongIdentifier(e)) {
        mappingIssues++;
        return;
      }
      if (isBuiltInAccount(e)) {
        builtInAccounts++;
        return;
      }
      const key = entityKey(e);
      if (seen.has(key)) return;
      if (taken[i]! >= share) {
        overCap++;
        return;
      }
      // JSON array of entities: each adds its own text and a comma.
      const size = utf8.encode(JSON.stringify(e)).length + 1;
      if (bytes + size > MAX_ENTITIES_BYTES) {
        overCap++;
        return;
      }
      bytes += size;
      seen.add(key);
      taken[i]!++;
      entities.push(e);
    });
  }
  return { entities, dropped: { mappingIssues, builtInAccounts, overCap } };
}
