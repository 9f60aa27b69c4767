/**
 * Merges the sources into the catalog document. Microsoft's table reference wins wherever it has
 * the table: Azure-Sentinel's validation schemas are written by hand for a test harness, and some
 * are partial (AWSCloudTrail lists 2 columns) or describe another table (ThreatIntelligenceIndicator
 * declares `Malware_data_CL`). Where both have a table, what the second says differently is kept as
 * notes on the table, so a reader sees the disagreement instead of a silent choice.
 */
import {
  CATALOG_FORMAT,
  encodeColumns,
  type CatalogDocument,
  type CatalogSource,
  type CatalogSourceId,
  type CatalogTableEntry,
} from '../../src/schema/catalog-format.ts';
import type { KqlType } from '../../src/schema/kql-types.ts';
import { IDENTIFIER, type SourceColumn, type SourceRead, type SourceTable } from './model.ts';
import { compareNames } from './reference-source.ts';

/**
 * Columns every Log Analytics table has beside TimeGenerated ("Standard columns in Azure Monitor
 * Logs", learn.microsoft.com/azure/azure-monitor/logs/log-standard-columns): TenantId holds the
 * workspace, Type the table's name. 155 reference pages omit TenantId (SigninLogs, AuditLogs,
 * Syslog…) although portal exports carry it: a Log Analytics table (one with TimeGenerated)
 * missing one gets it appended, with a note saying so. A schema without TimeGenerated is partial or
 * a Defender XDR table (`Timestamp`); nothing is invented for it.
 */
export const STANDARD_COLUMNS: readonly { name: string; type: KqlType }[] = [
  { name: 'TenantId', type: 'string' },
  { name: 'Type', type: 'string' },
];

export const SOURCE_DESCRIPTIONS: Readonly<
  Record<CatalogSourceId, Omit<CatalogSource, 'commit' | 'notes'>>
> = {
  'azure-monitor-reference': {
    title:
      'Azure Monitor Logs table reference (learn.microsoft.com/azure/azure-monitor/reference/tables)',
    repository: 'MicrosoftDocs/azure-reference-other',
    licence: 'CC-BY-4.0',
    url: 'https://github.com/MicrosoftDocs/azure-reference-other/tree/{commit}/azure-monitor-ref/tables',
  },
  'azure-sentinel-validation': {
    title:
      "Microsoft Sentinel's KQL validation schemas (.script/tests/KqlvalidationsTests/CustomTables)",
    repository: 'Azure/Azure-Sentinel',
    licence: 'MIT',
    url: 'https://github.com/Azure/Azure-Sentinel/tree/master/.script/tests/KqlvalidationsTests/CustomTables',
  },
};

/** The types Log Analytics gives its standard columns, whatever a hand-written schema says. */
const STANDARD_TYPES: Readonly<Record<string, KqlType>> = {
  TimeGenerated: 'datetime',
  TenantId: 'string',
  Type: 'string',
};

/**
 * The table as a Log Analytics table: standard columns typed as Log Analytics types them (GCP_DNS_CL.json
 * types TimeGenerated as String), the ones it lacks appended; each change noted.
 */
export function withStandardColumns(t: SourceTable): SourceTable {
  const have = new Set(t.columns.map((c) => c.name));
  if (!have.has('TimeGenerated')) return t;
  const notes = [...t.notes];
  const columns = t.columns.map((c): SourceColumn => {
    const std = STANDARD_TYPES[c.name];
    if (!std || std === c.type) return c;
    notes.push(
      `${c.name} is typed ${c.spelling} here; Log Analytics types it ${std}, as the catalog does`,
    );
    return { ...c, type: std };
  });
  const missing = STANDARD_COLUMNS.filter((c) => !have.has(c.name));
  if (missing.length > 0) {
    columns.push(...missing.map((c): SourceColumn => ({ ...c, spelling: c.type })));
    notes.push(
      `${missing.map((c) => `${c.name} (${c.type})`).join(', ')} appended: a standard column of every Log Analytics table that this source does not list`,
    );
  }
  return { ...t, columns, notes };
}

function short(commit: string): string {
  return commit.slice(0, 10);
}

function list(names: readonly string[]): string {
  return names.join(', ');
}

/** What Azure-Sentinel's schema of a table says differently from the reference's. */
export function disagreements(reference: SourceTable, other: SourceTable): string[] {
  const where = `Azure-Sentinel ${other.path} (${short(other.commit)})`;
  const notes: string[] = [];
  if (other.declaredName !== undefined)
    notes.push(`${where} declares its table as "${other.declaredName}"`);
  for (const n of other.notes) notes.push(`${where}: ${n}`);
  const ref = new Map(reference.columns.map((c) => [c.name, c]));
  const theirs = new Map(other.columns.map((c) => [c.name, c]));
  const onlyTheirs = other.columns.filter((c) => !ref.has(c.name)).map((c) => c.name);
  const onlyRef = reference.columns.filter((c) => !theirs.has(c.name)).map((c) => c.name);
  const types = other.columns.filter((c) => ref.has(c.name) && ref.get(c.name)!.type !== c.type);
  if (onlyTheirs.length === 0 && onlyRef.length > 0) {
    notes.push(
      `${where} is partial: it lists ${other.columns.length} of the reference's ${reference.columns.length} columns`,
    );
  } else {
    if (onlyTheirs.length > 0)
      notes.push(`${where} has columns the reference does not: ${list(onlyTheirs)}`);
    if (onlyRef.length > 0)
      notes.push(`${where} lacks ${onlyRef.length} of the reference's columns: ${list(onlyRef)}`);
  }
  if (types.length > 0) {
    notes.push(
      `${where} types differently: ${list(types.map((c) => `${c.name} ${c.spelling} (reference: ${ref.get(c.name)!.type})`))}`,
    );
  }
  return notes;
}

export interface BuildInput {
  readonly reference: SourceRead;
  readonly sentinel: SourceRead;
  /** How the catalog was generated, for the document's `generator` field. */
  readonly generator: string;
}

export function buildCatalog(input: BuildInput): CatalogDocument {
  const entries = new Map<string, CatalogTableEntry>();
  const reference = input.reference.tables.map(withStandardColumns);
  /**
   * Columns Azure-Sentinel's schema of a reference table has and the page does not, where the page
   * is partial: it lists no TimeGenerated, which every Log Analytics table has, and Sentinel's
   * schema does (AzureDiagnostics: its page lists some resource types' columns; Sentinel validates
   * its published rules against a schema with `userAgent_s`, `Type`…). They are added to the table;
   * elsewhere the reference wins and the differences are notes. A loaded file's own columns always
   * win over the catalog's.
   */
  const extraColumns = new Map<string, { columns: SourceColumn[]; from: string }>();
  const refByName = new Map(reference.map((t) => [t.name, t]));
  const refByLower = new Map(reference.map((t) => [t.name.toLowerCase(), t]));
  const extraNotes = new Map<string, string[]>();
  const sentinelNotes = [...input.sentinel.notes];

  for (const t of input.sentinel.tables) {
    const ref = refByName.get(t.name);
    if (ref) {
      const notes = disagreements(ref, t);
      if (notes.length > 0)
        extraNotes.set(ref.name, [...(extraNotes.get(ref.name) ?? []), ...notes]);
      const known = new Set(ref.columns.map((c) => c.name));
      const extra = t.columns.filter((c) => !known.has(c.name));
      const partialPage =
        !known.has('TimeGenerated') && t.columns.some((c) => c.name === 'TimeGenerated');
      if (partialPage && extra.length > 0)
        extraColumns.set(ref.name, {
          columns: extra,
          from: `Azure-Sentinel ${t.path} (${short(t.commit)})`,
        });
      continue;
    }
    // A file whose name is no reference table, declaring another name inside: the table is the
    // declared one, as Sentinel's validation harness names it (AADUserInfo.json → AADUserInfo_CL).
    const declared =
      t.declaredName !== undefined &&
      IDENTIFIER.test(t.declaredName) &&
      !refByName.has(t.declaredName)
        ? t.declaredName
        : undefined;
    const name = declared ?? t.name;
    const twin = refByLower.get(name.toLowerCase());
    if (twin) {
      // KQL table names are case-sensitive: a case twin of a reference table is a misspelling.
      sentinelNotes.push(
        `${t.path} names ${name}, which the reference spells ${twin.name}: skipped`,
      );
      continue;
    }
    if (entries.has(name)) {
      sentinelNotes.push(
        `${t.path} describes ${name} again (${entries.get(name)!.path} came first): skipped`,
      );
      continue;
    }
    const std = withStandardColumns(t);
    const notes = [...std.notes];
    if (declared) notes.unshift(`named as the file declares it; the file is ${t.name}.json`);
    else if (t.declaredName !== undefined)
      notes.unshift(`the file declares its table as "${t.declaredName}"`);
    if (!t.columns.some((c) => c.name === 'TimeGenerated'))
      notes.push('lists no TimeGenerated: partial, or a Defender XDR table (Timestamp)');
    entries.set(name, {
      source: 'azure-sentinel-validation',
      path: t.path,
      commit: t.commit,
      columns: encodeColumns(std.columns),
      ...(notes.length > 0 && { notes }),
    });
  }

  for (const ref of reference) {
    const extra = extraColumns.get(ref.name);
    // With Sentinel's columns a partial page may gain TimeGenerated, and with it the standard columns.
    const t = extra
      ? withStandardColumns({ ...ref, columns: [...ref.columns, ...extra.columns] })
      : ref;
    const notes = [...ref.notes, ...(extraNotes.get(ref.name) ?? [])];
    if (extra)
      notes.push(
        `${extra.columns.length} column(s) appended from ${extra.from}, which Sentinel validates rules against: the reference page lists no TimeGenerated, so it is partial`,
        ...t.notes.slice(ref.notes.length),
      );
    entries.set(ref.name, {
      source: 'azure-monitor-reference',
      path: ref.path,
      columns: encodeColumns(t.columns),
      ...(notes.length > 0 && { notes }),
    });
  }

  const tables: Record<string, CatalogTableEntry> = {};
  for (const name of [...entries.keys()].sort(compareNames)) tables[name] = entries.get(name)!;
  const refCommit = input.reference.commit;
  if (!refCommit) throw new Error('the reference was read at no single commit');
  const refDesc = SOURCE_DESCRIPTIONS['azure-monitor-reference'];
  return {
    format: CATALOG_FORMAT,
    generator: input.generator,
    sources: {
      'azure-monitor-reference': {
        ...refDesc,
        url: refDesc.url.replace('{commit}', refCommit),
        commit: refCommit,
        notes: [...input.reference.notes],
      },
      'azure-sentinel-validation': {
        ...SOURCE_DESCRIPTIONS['azure-sentinel-validation'],
        notes: sentinelNotes,
      },
    },
    tables,
  };
}

/** The document as committed: sources readable, one table per line (small diffs when a source moves). */
export function serializeCatalog(doc: CatalogDocument): string {
  const names = Object.keys(doc.tables);
  const tableLines = names.map(
    (n, i) =>
      `  ${JSON.stringify(n)}: ${JSON.stringify(doc.tables[n])}${i < names.length - 1 ? ',' : ''}`,
  );
  const head = JSON.stringify(
    { format: doc.format, generator: doc.generator, sources: doc.sources },
    null,
    1,
  );
  return `${head.slice(0, -2)},\n "tables": {\n${tableLines.join('\n')}\n }\n}\n`;
}
