/**
 * The `Watchlist` table of a Sentinel workspace: one row per watchlist item. Columns from
 * Microsoft's Azure Monitor table reference (MicrosoftDocs/azure-reference-other,
 * `azure-monitor-ref/tables/includes/watchlist-include.md` at commit bea53845fe, CC-BY-4.0), in its
 * order. The schema catalog's entry is used instead when it has one (src/schema/).
 */
import type { KqlType } from '../schema/kql-types.ts';
import { knownTable, type TableSchema } from '../schema/catalog.ts';

export const WATCHLIST_TABLE = 'Watchlist';

const COLUMNS: readonly [string, KqlType][] = [
  ['AzureTenantId', 'string'],
  ['_BilledSize', 'real'],
  ['CorrelationId', 'string'],
  ['CreatedBy', 'dynamic'],
  ['CreatedTimeUTC', 'datetime'],
  ['DefaultDuration', 'string'],
  ['_DTItemId', 'string'],
  ['_DTItemStatus', 'string'],
  ['_DTItemType', 'string'],
  ['_DTTimestamp', 'datetime'],
  ['EntityMapping', 'dynamic'],
  ['_IsBillable', 'string'],
  ['LastUpdatedTimeUTC', 'datetime'],
  ['Notes', 'string'],
  ['Provider', 'string'],
  ['SearchKey', 'string'],
  ['Source', 'string'],
  ['SourceSystem', 'string'],
  ['Tags', 'string'],
  ['TenantId', 'string'],
  ['TimeGenerated', 'datetime'],
  ['TimeToLive', 'datetime'],
  ['Type', 'string'],
  ['UpdatedBy', 'dynamic'],
  ['WatchlistAlias', 'string'],
  ['WatchlistCategory', 'string'],
  ['WatchlistId', 'string'],
  ['WatchlistItem', 'dynamic'],
  ['WatchlistItemId', 'string'],
  ['WatchlistName', 'string'],
];

/** The Watchlist table's schema: the catalog's, else the reference's above. */
export function watchlistTableSchema(): TableSchema {
  return (
    knownTable(WATCHLIST_TABLE) ?? {
      name: WATCHLIST_TABLE,
      columns: COLUMNS.map(([name, type]) => ({ name, type })),
    }
  );
}
