/**
 * `geo_info_from_ip_address(ip)` (../functions/geoip.ts) looks addresses up in a MaxMind DB
 * (.mmdb) file the analyst loads into the session, as a watchlist is: MaxMind's GeoLite2-City, or
 * DB-IP's "IP to City Lite" (same record layout). Loupe never downloads one and bundles none.
 *
 * The database belongs to the engine it was loaded on (one session, one engine): the engine holds
 * its id in a SQL variable the call passes to the UDF (see GEOIP_VARIABLE).
 *
 * The addresses come from the logs, written by whoever sent the traffic: any text that is not an
 * IPv4 or IPv6 address gives null, never an exception.
 */
import type { SqlEngine } from '../../db/engine.ts';
import { LoupeError } from '../../errors.ts';
import './buffer-global.ts';
import { Reader, type Response } from 'mmdb-lib';
import { udf } from './udf.ts';

/** What a loaded database is, from its metadata (the workspace panel and the CLI show it). */
export interface GeoIpInfo {
  /** The file's name as loaded. */
  readonly file: string;
  /** `database_type`, e.g. GeoLite2-City or DBIP-City-Lite. */
  readonly databaseType: string;
  /** The English description, when the metadata has one. */
  readonly description?: string;
  /** When the database was built (`build_epoch`), ISO 8601 UTC. */
  readonly buildDate: string;
  /** Nodes of its search tree (`node_count`): the metadata's measure of its size. */
  readonly nodeCount: number;
  /** 4 (IPv4 only) or 6. */
  readonly ipVersion: number;
  /** Size of the file in bytes. */
  readonly bytes: number;
}

/** The fields of a GeoLite2-City record that geo_info_from_ip_address returns. */
interface CityRecord {
  readonly country?: { readonly names?: { readonly en?: unknown } };
  readonly subdivisions?: readonly { readonly names?: { readonly en?: unknown } }[];
  readonly city?: { readonly names?: { readonly en?: unknown } };
  readonly location?: { readonly latitude?: unknown; readonly longitude?: unknown };
}

const MAX_ADDRESS_LENGTH = 64;
const CACHE_SIZE = 4096;

/** An IPv4 address as its four octets, or undefined. */
function ipv4Octets(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** An IPv6 address as its eight 16-bit words (a dotted IPv4 tail counts as two), or undefined. */
function ipv6Words(text: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  let body = text;
  const tail = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  let tailWords: number[] = [];
  if (tail) {
    const o = ipv4Octets(tail[1]!);
    if (!o) return undefined;
    tailWords = [(o[0]! << 8) | o[1]!, (o[2]! << 8) | o[3]!];
    body = body.slice(0, body.length - tail[1]!.length);
    // `::1.2.3.4` leaves `::`; `a:…:g:1.2.3.4` leaves a trailing `:` to drop.
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  } else if (body.includes('.')) return undefined;
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const total = head.length + rest.length + tailWords.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const parsed = [...head, ...rest].map((g) =>
    /^[0-9A-Fa-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN,
  );
  if (parsed.some(Number.isNaN)) return undefined;
  const words = [
    ...parsed.slice(0, head.length),
    ...Array<number>(8 - total).fill(0),
    ...parsed.slice(head.length),
    ...tailWords,
  ];
  return words.length === 8 ? words : undefined;
}

/**
 * The address as text mmdb-lib's parser reads exactly (dotted IPv4, or all eight IPv6 words), or
 * undefined when the text is not an address. Surrounding blanks are ignored; a prefix (`/24`) or a
 * zone (`%eth0`) makes it not an address. An IPv4-mapped IPv6 address in an IPv4-only database is
 * looked up as its IPv4 address.
 */
export function lookupAddress(text: string, ipVersion: number): string | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_ADDRESS_LENGTH) return undefined;
  const v4 = ipv4Octets(t);
  if (v4) return v4.join('.');
  const v6 = ipv6Words(t);
  if (!v6) return undefined;
  if (ipVersion === 4) {
    const mapped = v6.slice(0, 5).every((w) => w === 0) && v6[5] === 0xffff;
    return mapped ? [v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255].join('.') : undefined;
  }
  return v6.map((w) => w.toString(16)).join(':');
}

function english(
  v: { readonly names?: { readonly en?: unknown } } | undefined,
): string | undefined {
  const en = v?.names?.en;
  return typeof en === 'string' ? en : undefined;
}

/** Kusto's dynamic object for a record: the fields the record has, in Kusto's order. */
function kustoInfo(r: CityRecord): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const country = english(r.country);
  const state = english(r.subdivisions?.[0]);
  const city = english(r.city);
  const lat = r.location?.latitude;
  const lon = r.location?.longitude;
  if (country !== undefined) out.country = country;
  if (state !== undefined) out.state = state;
  if (city !== undefined) out.city = city;
  if (typeof lat === 'number' && Number.isFinite(lat)) out.latitude = lat;
  if (typeof lon === 'number' && Number.isFinite(lon)) out.longitude = lon;
  return out;
}

/** A MaxMind DB file opened for lookups. */
export class GeoIpDatabase {
  private readonly cache = new Map<string, string | null>();

  private constructor(
    private readonly reader: Reader<Response>,
    readonly info: GeoIpInfo,
    /** The file's content, for an engine whose functions run on another thread (native DuckDB). */
    readonly bytes: Uint8Array,
  ) {}

  /** Opens an .mmdb file; a file that is not one is a `workspace` error naming it. */
  static open(file: string, bytes: Uint8Array): GeoIpDatabase {
    const Buf = (globalThis as unknown as { Buffer: typeof Buffer }).Buffer;
    let reader: Reader<Response>;
    try {
      reader = new Reader<Response>(Buf.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      throw new LoupeError(
        'workspace',
        'geoip-file',
        `${file} is not a MaxMind DB (.mmdb) file: ${e instanceof Error ? e.message : String(e)}`,
        { file },
      );
    }
    const m = reader.metadata;
    if (m.ipVersion !== 4 && m.ipVersion !== 6)
      throw new LoupeError(
        'workspace',
        'geoip-file',
        `${file}: its metadata gives IP version ${String(m.ipVersion)}, not 4 or 6`,
        { file },
      );
    // The format's description is a map of language → text (mmdb-lib's type says string).
    const d = m.description as unknown;
    const description =
      typeof d === 'string' ? d : (d as Record<string, unknown> | null | undefined)?.['en'];
    const built = m.buildEpoch.getTime();
    return new GeoIpDatabase(
      reader,
      {
        file,
        databaseType: String(m.databaseType),
        ...(typeof description === 'string' && { description }),
        buildDate: Number.isFinite(built) ? new Date(built).toISOString() : '',
        nodeCount: m.nodeCount,
        ipVersion: m.ipVersion,
        bytes: bytes.byteLength,
      },
      bytes,
    );
  }

  /**
   * geo_info_from_ip_address: the record of the network holding `ip` as Kusto's dynamic object
   * (JSON text), or null when `ip` is null, not an address, or in no network of the database.
   */
  lookup(ip: string | null): string | null {
    if (ip === null) return null;
    const cached = this.cache.get(ip);
    if (cached !== undefined) return cached;
    const address = lookupAddress(ip, this.info.ipVersion);
    const record = address === undefined ? null : this.reader.get(address);
    const found = record ? JSON.stringify(kustoInfo(record as CityRecord)) : null;
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(ip, found);
    return found;
  }
}

/**
 * The loaded databases, each under an id its engine holds in the SQL variable GEOIP_VARIABLE:
 * the translation passes `getvariable(…)` to the UDF, which so reads the database of the engine
 * (connection) running the query. A variable, not a closure per engine: DuckDB-WASM keeps the
 * JavaScript functions of every engine in one realm in a single table keyed by a per-engine
 * counter, so the same function registered on two engines runs the last one's closure on both.
 */
const byId = new Map<string, GeoIpDatabase>();
const idOf = new WeakMap<SqlEngine, string>();
let lastId = 0;

/** The SQL variable naming the engine's database (set by useGeoIpDatabase). */
export const GEOIP_VARIABLE = 'loupe_geoip_database';

/**
 * Makes `db` the database geo_info_from_ip_address reads on `engine` (replacing the one loaded
 * before), or unloads it (undefined). An engine whose functions run on another thread (native
 * DuckDB's worker) is handed the file's content, which that thread opens under the same id.
 */
export function useGeoIpDatabase(engine: SqlEngine, db: GeoIpDatabase | undefined): void {
  const old = idOf.get(engine);
  if (old !== undefined) {
    byId.delete(old);
    engine.shareGeoIpDatabase?.(old, undefined);
  }
  if (db) {
    const id = `geoip-${++lastId}`;
    engine.shareGeoIpDatabase?.(id, { file: db.info.file, bytes: db.bytes });
    engine.exec(`SET VARIABLE ${GEOIP_VARIABLE} = '${id}'`);
    byId.set(id, db);
    idOf.set(engine, id);
  } else {
    idOf.delete(engine);
    engine.exec(`SET VARIABLE ${GEOIP_VARIABLE} = NULL`);
  }
}

/**
 * On the thread where an engine's functions run (native DuckDB's worker): opens the database the
 * engine was handed under `id`, or forgets it (undefined), so that the UDF finds it by the id the
 * engine's SQL variable holds.
 */
export function receiveGeoIpDatabase(
  id: string,
  content: { readonly file: string; readonly bytes: Uint8Array } | undefined,
): void {
  if (content) byId.set(id, GeoIpDatabase.open(content.file, content.bytes));
  else byId.delete(id);
}

/** The database loaded on `engine`, if any. */
export function geoIpDatabaseOf(engine: SqlEngine): GeoIpDatabase | undefined {
  const id = idOf.get(engine);
  return id === undefined ? undefined : byId.get(id);
}

/** Whether a database is loaded on `engine` (TranslateOptions.hasGeoIpDatabase). */
export function hasGeoIpDatabase(engine: SqlEngine): boolean {
  return geoIpDatabaseOf(engine) !== undefined;
}

/** `kql_geo_info_from_ip_address(ip, database id)`: the translator passes the engine's variable. */
export const GEO_INFO_FROM_IP_ADDRESS = udf(
  'kql_geo_info_from_ip_address',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  (ip, id) => {
    const db = id === null ? undefined : byId.get(id);
    // The translator refuses the call where no database is loaded; should one run, it says so.
    if (!db)
      throw new Error(
        'geo_info_from_ip_address(): no GeoIP database is loaded in this session (load a MaxMind DB .mmdb file)',
      );
    return db.lookup(ip);
  },
);
