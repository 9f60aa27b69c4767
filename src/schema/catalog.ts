/**
 * The schema catalog: Sentinel tables with their columns and KQL types. Ingest types loaded files
 * by it, the KQL translator resolves the tables a query names through it (a table no file filled
 * exists, empty and typed), and the UI lets the analyst search it.
 *
 * Two layers, the first winning:
 * - curated tables (`./tables/*.json`, listed in `./tables/index.ts`): the identity tables Loupe
 *   reads exports of, checked by hand against real exports (ingest's knowledge lives there);
 * - the generated catalog (`./catalog/sentinel-tables.json`): every table of Microsoft's Azure
 *   Monitor table reference and of Azure-Sentinel's KQL validation schemas that were read, written
 *   by `scripts/catalog/generate.ts` with each table's source (docs/tables.md).
 */
import type { CatalogSourceId, CatalogTableEntry } from './catalog-format.ts';
import { generatedCatalog } from './catalog-data.ts';
import type { KqlType } from './kql-types.ts';
import { parseKqlType } from './kql-types.ts';
import { closestNames } from './table-suggestions.ts';
import { TABLE_FILES, type TableFile } from './tables/index.ts';

export interface ColumnSchema {
  readonly name: string;
  readonly type: KqlType;
}

export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
}

/** Where a catalog table's columns come from, for the analyst and for the report. */
export interface TableProvenance {
  /** 'curated': a table file of src/schema/tables; otherwise the generated catalog's source. */
  readonly origin: 'curated' | CatalogSourceId;
  /** The source in words (the curated file's own account of its source). */
  readonly title: string;
  readonly repository?: string;
  /** The file of the source repository. */
  readonly path?: string;
  readonly commit?: string;
  readonly licence?: string;
  readonly url?: string;
  /** Disagreements between sources and corrections made (partial, misnamed, columns added…). */
  readonly notes: readonly string[];
}

function curatedSchema(f: TableFile): TableSchema {
  return {
    name: f.name,
    columns: f.columns.map((c) => {
      const type = parseKqlType(c.type);
      if (!type)
        throw new Error(`schema catalog: ${f.name}.${c.name} has unknown type "${c.type}"`);
      return { name: c.name, type };
    }),
  };
}

function decodeEntry(name: string, e: CatalogTableEntry): TableSchema {
  return {
    name,
    columns: e.columns.split(',').map((pair) => {
      const at = pair.indexOf(':');
      const type = parseKqlType(pair.slice(at + 1));
      if (at <= 0 || !type)
        throw new Error(`schema catalog: ${name} has a malformed column "${pair}"`);
      return { name: pair.slice(0, at), type };
    }),
  };
}

const curated = new Map<string, TableFile>(TABLE_FILES.map((f) => [f.name, f]));
/** Decoded on first use: most of the catalog's ~700 tables are never read in a session. */
const decoded = new Map<string, TableSchema>();
let names: readonly string[] | undefined;

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function generatedEntry(name: string): CatalogTableEntry | undefined {
  const tables = generatedCatalog().tables;
  // Own properties only: a query naming `__proto__` or `constructor` is an unknown table.
  return hasOwn(tables, name) ? tables[name] : undefined;
}

/** The schema of a Sentinel table by name (exact, as KQL table names are case-sensitive). */
export function knownTable(name: string): TableSchema | undefined {
  const hit = decoded.get(name);
  if (hit) return hit;
  const c = curated.get(name);
  const e = c ? undefined : generatedEntry(name);
  const schema = c ? curatedSchema(c) : e ? decodeEntry(name, e) : undefined;
  if (schema) decoded.set(name, schema);
  return schema;
}

/** Every table of the catalog, sorted (ordinal, as KQL compares names). */
export function knownTableNames(): readonly string[] {
  names ??= [...new Set([...curated.keys(), ...Object.keys(generatedCatalog().tables)])].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  return names;
}

export function columnType(table: TableSchema, column: string): KqlType | undefined {
  return table.columns.find((c) => c.name === column)?.type;
}

/** Where a catalog table comes from, or undefined for a name the catalog does not know. */
export function tableProvenance(name: string): TableProvenance | undefined {
  const c = curated.get(name);
  if (c) return { origin: 'curated', title: c.source ?? 'curated in src/schema/tables', notes: [] };
  const e = generatedEntry(name);
  if (!e) return undefined;
  const s = generatedCatalog().sources[e.source];
  const commit = e.commit ?? s.commit;
  return {
    origin: e.source,
    title: s.title,
    repository: s.repository,
    path: e.path,
    ...(commit !== undefined && { commit }),
    licence: s.licence,
    url: commit ? `https://github.com/${s.repository}/blob/${commit}/${e.path}` : s.url,
    notes: e.notes ?? [],
  };
}

/**
 * The known tables `name` probably meant (case twin, a few edits away, or a prefix), best first,
 * among the catalog and `others` (e.g. the tables the analyst loaded under their own names).
 */
export function closestTables(name: string, others: Iterable<string> = [], limit = 3): string[] {
  return closestNames(name, [...others, ...knownTableNames()], limit);
}

/** How many tables each layer and source gives (for the docs and the UI's catalog panel). */
export function catalogCounts(): { readonly total: number; readonly curated: number } & Readonly<
  Record<CatalogSourceId, number>
> {
  const counts: Record<CatalogSourceId, number> = {
    'azure-monitor-reference': 0,
    'azure-sentinel-validation': 0,
  };
  for (const [n, e] of Object.entries(generatedCatalog().tables))
    if (!curated.has(n)) counts[e.source]++;
  return { total: knownTableNames().length, curated: curated.size, ...counts };
}
