/**
 * The Log Analytics query API response (`POST …/v1/workspaces/{id}/query`):
 * `{"tables":[{"name":"PrimaryResult","columns":[{"name","type"}],"rows":[[…]]}]}`.
 * Rows are positional arrays, so they are parsed in JavaScript and handed to DuckDB as CSV text; the
 * declared column types type the columns the catalog does not know. Datetimes arrive as ISO-8601
 * with 7 fractional digits (100-ns ticks), stored to the microsecond.
 */
import type { SqlEngine } from '../db/engine.ts';
import { parseKqlType } from '../schema/kql-types.ts';
import type { SourceField } from './column-mapping.ts';
import { ingestError } from './errors.ts';
import { quotedValue } from './shown-text.ts';
import { cellText } from './json-text.ts';
import { DEFAULT_LIMITS, megabytes, RAISE_HINTS, type IngestLimits } from './limits.ts';
import { RawCsvBuffer } from './raw-csv-buffer.ts';
import type { RawRelation } from './raw-relation.ts';

interface ApiTable {
  name?: unknown;
  columns: { name: string; type?: string }[];
  rows: unknown[][];
}

/** Whether a parsed document is an API response (checked before any other JSON shape). */
export function isLaApiResponse(doc: unknown): boolean {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    !Array.isArray(doc) &&
    Array.isArray((doc as { tables?: unknown }).tables)
  );
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Kusto / Azure Data Explorer results in the API shape: v1 `{"Tables":[{"TableName","Columns":
 * [{"ColumnName","DataType"|"ColumnType"}],"Rows"}]}` and v2 (a list of frames, the DataTable frame
 * with TableKind PrimaryResult holding Columns and Rows). Undefined for anything else.
 */
export function kustoToApiResponse(doc: unknown): { tables: unknown[] } | undefined {
  const convert = (t: Record<string, unknown>) => ({
    name: t.TableName ?? 'PrimaryResult',
    columns: Array.isArray(t.Columns)
      ? t.Columns.map((c) =>
          isObj(c) ? { name: c.ColumnName, type: c.ColumnType ?? c.DataType } : c,
        )
      : t.Columns,
    rows: t.Rows,
  });
  if (
    isObj(doc) &&
    Array.isArray(doc.Tables) &&
    doc.Tables.length > 0 &&
    isObj(doc.Tables[0]) &&
    'Rows' in doc.Tables[0]
  ) {
    return { tables: doc.Tables.filter(isObj).map(convert) };
  }
  if (Array.isArray(doc)) {
    const primary = doc.find(
      (f) => isObj(f) && f.FrameType === 'DataTable' && f.TableKind === 'PrimaryResult',
    );
    if (isObj(primary)) return { tables: [convert(primary)] };
  }
  return undefined;
}

function validate(file: string, doc: unknown): ApiTable {
  const tables = (doc as { tables: unknown[] }).tables;
  const t = tables[0] as Partial<ApiTable> | undefined;
  const where = 'tables[0]';
  if (!t || typeof t !== 'object')
    throw ingestError(
      'bad-json',
      file,
      `"tables" is empty; expected at least one table with columns and rows.`,
    );
  const isColumn = (c: unknown) => {
    if (typeof c !== 'object' || c === null) return false;
    const { name, type } = c as { name?: unknown; type?: unknown };
    return typeof name === 'string' && (type === undefined || typeof type === 'string');
  };
  if (!Array.isArray(t.columns) || !t.columns.every(isColumn)) {
    throw ingestError(
      'bad-json',
      file,
      `${where}.columns must be a list of {"name", "type"} objects, both strings.`,
    );
  }
  if (!Array.isArray(t.rows))
    throw ingestError('bad-json', file, `${where}.rows must be a list of row arrays.`);
  return t as ApiTable;
}

export function openLaApiJson(
  engine: SqlEngine,
  file: string,
  doc: unknown,
  limits: IngestLimits = DEFAULT_LIMITS,
): RawRelation {
  const t = validate(file, doc);
  const warnings: string[] = [];
  const tables = (doc as { tables: unknown[] }).tables;
  if (tables.length > 1)
    warnings.push(
      `${file} holds ${tables.length} result tables; only the first (${typeof t.name === 'string' ? quotedValue(t.name) : 'PrimaryResult'}) was loaded.`,
    );
  const fields: SourceField[] = t.columns.map((c) => {
    const declared = c.type === undefined ? undefined : parseKqlType(c.type);
    return declared ? { source: c.name, declared } : { source: c.name };
  });
  const width = fields.length;
  const buffer = new RawCsvBuffer(engine, limits.recordBytes);
  buffer.setWidth(width);
  try {
    t.rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== width) {
        const n = Array.isArray(row) ? `${row.length} values` : 'not an array';
        throw ingestError(
          'ragged-row',
          file,
          `tables[0].rows[${i}] has ${n}; expected ${width} values, one per column.`,
        );
      }
      const bytes = buffer.add(row.map(cellText));
      if (bytes > buffer.maxLineBytes) {
        throw ingestError(
          'record-too-large',
          file,
          `tables[0].rows[${i}] is ${megabytes(bytes)} as text, over Loupe's limit of ${megabytes(limits.recordBytes)} for one record; ${RAISE_HINTS.recordBytes}.`,
        );
      }
    });
  } catch (e) {
    buffer.dispose();
    throw e;
  }
  const typeIndex = fields.findIndex((f) => f.source === 'Type');
  return {
    format: 'la-api-json',
    fields,
    fromSql: buffer.fromSql(),
    warnings,
    firstTypeValue() {
      if (typeIndex < 0) return undefined;
      const v = t.rows[0]?.[typeIndex];
      return typeof v === 'string' ? v : undefined;
    },
    async checkScan() {
      return { count: 0, details: [] };
    },
    async locate(index) {
      return { position: {}, label: `tables[0].rows[${index}]` };
    },
    rawCell(index, field) {
      return cellText(t.rows[index]?.[field]);
    },
    dispose() {
      buffer.dispose();
    },
  };
}
