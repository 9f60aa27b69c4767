/**
 * Watchlists: a CSV the analyst loads under the alias the rules know it by (`_GetWatchlist('VIP')`).
 *
 * What Sentinel exposes (docs: "Build queries or detection rules with watchlists", the Watchlist
 * table reference, and Azure-Sentinel `ASIM/lib/functions/ASIM_GetWatchlistRaw.yaml`, MIT, whose
 * body is `_GetWatchlist`'s without the final unpacking):
 * - `_GetWatchlist('alias')` returns `_DTItemId`, `LastUpdatedTimeUTC`, `SearchKey` (the value of the
 *   column chosen as the watchlist's search key), `WatchlistItem` (a bag of the CSV's columns), then
 *   the CSV's own columns, each a string. Its optional second parameter `keys` keeps the items
 *   whose SearchKey is in it. An alias with no items (not loaded here) gives the four fixed columns
 *   and no row, as in a workspace where it does not exist.
 * - The `Watchlist` table holds one row per item of every watchlist (WatchlistAlias, SearchKey,
 *   WatchlistItem, _DTItemId, `_DTItemType` 'watchlist-item', `_DTItemStatus` 'Create', …).
 * - "The timestamp on your queries will be ignored": a scheduled rule reads watchlists whole, so
 *   neither is restricted to a run's window (src/rules/windows.ts).
 *
 * Each watchlist is a table named `watchlist:<alias>` (a name no Log Analytics table can have),
 * which `_GetWatchlist` reads with `table()`.
 */
import type { SqlEngine } from '../db/engine.ts';
import { quoteIdent, quoteString } from '../db/sql-text.ts';
import { LoupeError } from '../errors.ts';
import type { WorkspaceFunction } from '../kql/api.ts';
import { translate } from '../kql/index.ts';
import type { ColumnSchema, TableSchema } from '../schema/catalog.ts';
import { sqlStorageType } from '../schema/kql-types.ts';
import { WATCHLIST_TABLE, watchlistTableSchema } from './watchlist-table.ts';

/** A watchlist as loaded. */
export interface WatchlistInfo {
  readonly alias: string;
  /** The CSV file it was read from. */
  readonly file: string;
  /** The column whose value is each item's SearchKey. */
  readonly searchKey: string;
  /** The CSV's own columns, in its order (each a string column of `_GetWatchlist`). */
  readonly columns: readonly string[];
  readonly items: number;
  /** The table `_GetWatchlist(alias)` reads. */
  readonly table: string;
  /** When the watchlist was last updated (the file's modification time), ISO-8601. */
  readonly lastUpdated: string;
}

export interface WatchlistRequest {
  readonly alias: string;
  /** The column whose values are the SearchKey; default a `SearchKey` column (an export of
   * `_GetWatchlist`), else the first column. */
  readonly searchKey?: string;
  /** Epoch ms of the watchlist's last update (LastUpdatedTimeUTC, TimeGenerated in Watchlist). */
  readonly lastUpdated: number;
}

const PREFIX = 'watchlist:';
/** `_GetWatchlist`'s own columns, before the CSV's. */
const FIXED: readonly ColumnSchema[] = [
  { name: '_DTItemId', type: 'string' },
  { name: 'LastUpdatedTimeUTC', type: 'datetime' },
  { name: 'SearchKey', type: 'string' },
  { name: 'WatchlistItem', type: 'dynamic' },
];
/** bag_pack takes at most 64 key/value pairs: wider watchlists merge several bags. */
const PAIRS_PER_BAG = 60;

export function watchlistTableName(alias: string): string {
  return `${PREFIX}${alias}`;
}

/** The alias of a watchlist table name (`watchlist:VIP` → `VIP`), or undefined. */
export function watchlistAliasOf(table: string): string | undefined {
  return table.startsWith(PREFIX) ? table.slice(PREFIX.length) : undefined;
}

/** What `_GetWatchlist(alias)` reads for an alias no CSV was loaded for: the fixed columns, no rows. */
export function emptyWatchlistSchema(alias: string): TableSchema {
  return { name: watchlistTableName(alias), columns: FIXED };
}

/** The schema of a loaded watchlist's table. */
export function watchlistSchema(w: Pick<WatchlistInfo, 'alias' | 'columns'>): TableSchema {
  return {
    name: watchlistTableName(w.alias),
    columns: [...FIXED, ...w.columns.map((name) => ({ name, type: 'string' as const }))],
  };
}

/**
 * `_GetWatchlist(watchlistAlias, keys)` as a workspace function every session provides (a function
 * the analyst loads under the same name replaces it).
 */
export const GET_WATCHLIST: WorkspaceFunction = {
  name: '_GetWatchlist',
  parameters: [
    { name: 'watchlistAlias', type: 'string' },
    { name: 'keys', type: 'dynamic', default: 'dynamic([])' },
  ],
  body: `table(strcat('${PREFIX}', watchlistAlias))\n| where array_length(keys) == 0 or SearchKey in (keys)`,
  source: { file: "Sentinel's _GetWatchlist (built in)", line: 1 },
};

/** A KQL string literal. */
function kqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** A KQL column reference that works for any name (`['User Principal Name']`). */
function kqlColumn(name: string): string {
  return `[${kqlString(name)}]`;
}

function checkAlias(alias: string): void {
  if (alias.trim() === '' || alias !== alias.trim())
    throw new LoupeError(
      'workspace',
      'watchlist-alias',
      `a watchlist alias cannot be empty or start or end with a space ("${alias}")`,
    );
  if (/[\u0000-\u001f\u007f]/.test(alias))
    throw new LoupeError(
      'workspace',
      'watchlist-alias',
      'a watchlist alias cannot hold control characters',
    );
  if (alias.length > 256)
    throw new LoupeError(
      'workspace',
      'watchlist-alias',
      'a watchlist alias is at most 256 characters',
    );
}

/**
 * Reads a watchlist CSV (UTF-8, a header row) into its table, replacing a watchlist of the same
 * alias. A file that cannot be read leaves the loaded watchlists as they were.
 */
export function loadWatchlist(
  engine: SqlEngine,
  fileName: string,
  bytes: Uint8Array,
  request: WatchlistRequest,
): WatchlistInfo {
  checkAlias(request.alias);
  const staging = `loupe_watchlist_csv_${Math.random().toString(36).slice(2)}`;
  const registered = `${staging}.csv`;
  engine.registerFileBuffer(registered, bytes);
  try {
    try {
      engine.exec(
        `CREATE TEMP TABLE ${quoteIdent(staging)} AS SELECT * FROM read_csv(${quoteString(registered)}, header = true, all_varchar = true)`,
      );
    } catch (e) {
      throw new LoupeError(
        'workspace',
        'watchlist-file',
        `cannot read ${fileName} as a CSV file with a header row: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
        { file: fileName },
      );
    }
    const header = engine
      .query(`SELECT * FROM ${quoteIdent(staging)} LIMIT 0`)
      .columns.map((c) => c.name);
    // An export of `_GetWatchlist` brings the fixed columns along: the CSV's own are the others.
    const own = header.filter((c) => !FIXED.some((f) => f.name === c));
    const searchKey = request.searchKey ?? (header.includes('SearchKey') ? 'SearchKey' : own[0]);
    if (own.length === 0 || searchKey === undefined)
      throw new LoupeError(
        'workspace',
        'watchlist-file',
        `${fileName} has no column besides Sentinel's fixed ones`,
        { file: fileName },
      );
    if (!header.includes(searchKey)) {
      throw new LoupeError(
        'workspace',
        'watchlist-search-key',
        `${fileName} has no column "${searchKey}" to be the SearchKey; its columns: ${own.join(', ')}`,
        { file: fileName },
      );
    }
    const info: WatchlistInfo = {
      alias: request.alias,
      file: fileName,
      searchKey,
      columns: own,
      items: Number(engine.query(`SELECT count(*) FROM ${quoteIdent(staging)}`).rows[0]![0]),
      table: watchlistTableName(request.alias),
      lastUpdated: new Date(request.lastUpdated).toISOString(),
    };
    const sql = watchlistItemsSql(staging, header, info);
    engine.exec(`CREATE OR REPLACE TABLE ${quoteIdent(info.table)} AS ${sql}`);
    return info;
  } finally {
    engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    engine.dropFile(registered);
  }
}

/**
 * The items as `_GetWatchlist` returns them, written in KQL and translated like any query, so that
 * WatchlistItem is the same JSON a rule's bag functions read. `_DTItemId` is a GUID derived from the
 * alias and the row, so the same file gives the same ids (and the same report) every time.
 */
function watchlistItemsSql(staging: string, header: readonly string[], w: WatchlistInfo): string {
  const pairs = w.columns.map((c) => `${kqlString(c)}, ${kqlColumn(c)}`);
  const bags: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_BAG)
    bags.push(`bag_pack(${pairs.slice(i, i + PAIRS_PER_BAG).join(', ')})`);
  const item = bags.length === 1 ? bags[0]! : `bag_merge(${bags.join(', ')})`;
  const kql = [
    staging,
    `| serialize loupe_row = row_number()`,
    `| extend loupe_hash = hash_md5(strcat(${kqlString(`${w.alias}\n`)}, tostring(loupe_row)))`,
    `| project _DTItemId = strcat(substring(loupe_hash, 0, 8), "-", substring(loupe_hash, 8, 4), "-", substring(loupe_hash, 12, 4), "-", substring(loupe_hash, 16, 4), "-", substring(loupe_hash, 20, 12)),`,
    `    LastUpdatedTimeUTC = datetime(${w.lastUpdated}),`,
    `    SearchKey = tostring(${kqlColumn(w.searchKey)}),`,
    `    WatchlistItem = ${item}${w.columns.map((c) => `,\n    ${kqlColumn(c)}`).join('')}`,
  ].join('\n');
  const schema: TableSchema = {
    name: staging,
    columns: header.map((name) => ({ name, type: 'string' })),
  };
  return translate(kql, { resolveTable: (n) => (n === staging ? schema : undefined) }).sql;
}

/**
 * Makes the `Watchlist` table hold the items of the loaded watchlists (dropped when there are
 * none, so that a rule reading it gets the catalog's empty table). Columns a CSV does not give are
 * empty, as Loupe knows nothing of who created the watchlist.
 */
export function rebuildWatchlistTable(
  engine: SqlEngine,
  watchlists: readonly WatchlistInfo[],
): void {
  engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(WATCHLIST_TABLE)}`);
  if (watchlists.length === 0) return;
  const schema = watchlistTableSchema();
  const selects = watchlists.map((w) => {
    const known: Record<string, string> = {
      TimeGenerated: '"LastUpdatedTimeUTC"',
      _DTTimestamp: '"LastUpdatedTimeUTC"',
      CreatedTimeUTC: '"LastUpdatedTimeUTC"',
      LastUpdatedTimeUTC: '"LastUpdatedTimeUTC"',
      _DTItemId: '"_DTItemId"',
      WatchlistItemId: '"_DTItemId"',
      SearchKey: '"SearchKey"',
      WatchlistItem: '"WatchlistItem"',
      WatchlistAlias: quoteString(w.alias),
      WatchlistId: quoteString(w.alias),
      WatchlistName: quoteString(w.alias),
      Source: quoteString(w.file),
      _DTItemType: `'watchlist-item'`,
      _DTItemStatus: `'Create'`,
      Type: `'${WATCHLIST_TABLE}'`,
    };
    const cols = schema.columns.map(
      (c) =>
        `${known[c.name] ?? (c.type === 'string' ? `''` : `CAST(NULL AS ${sqlStorageType(c.type)})`)} AS ${quoteIdent(c.name)}`,
    );
    return `SELECT ${cols.join(', ')} FROM ${quoteIdent(w.table)}`;
  });
  engine.exec(`CREATE TABLE ${quoteIdent(WATCHLIST_TABLE)} AS ${selects.join(' UNION ALL ')}`);
}
