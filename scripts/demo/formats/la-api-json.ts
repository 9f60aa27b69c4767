/**
 * The Log Analytics query API's response (`{"tables":[{"name","columns":[{name,type}],"rows":[[…]]}]}`)
 * and Kusto's v1 response (`{"Tables":[{"TableName","Columns":[{ColumnName,DataType,ColumnType}],"Rows"}]}`):
 * datetimes ISO-8601 with 7 fractional digits, dynamic values as JSON text, booleans and numbers as
 * JSON, a missing value as null. Column types come from Loupe's schema catalog (Microsoft's table
 * reference); a column it does not know is a string.
 */
import { columnType, knownTable } from '../../../src/schema/catalog.ts';
import { isInstant, isJson, type Cell, type Row } from '../la-rows.ts';
import { iso7 } from '../time.ts';

function typeName(table: string, column: string): string {
  const schema = knownTable(table);
  const t = schema ? columnType(schema, column) : undefined;
  return t ?? 'string';
}

function apiValue(cell: Cell, type: string): unknown {
  if (cell === null) return null;
  if (isInstant(cell)) return iso7(cell);
  if (isJson(cell)) return JSON.stringify(cell.json);
  if (type === 'string' || type === 'guid') return cell === '' ? '' : String(cell);
  if (type === 'bool')
    return typeof cell === 'boolean' ? cell : cell === '' ? null : cell === 'true';
  if (type === 'long' || type === 'int' || type === 'real')
    return cell === '' ? null : Number(cell);
  return cell;
}

/** The query API response holding `rows` of `table` with `columns`, plus `_BilledSize` when asked (LA adds it to every row). */
export function laApiJson(table: string, columns: readonly string[], rows: readonly Row[]): string {
  const types = columns.map((c) => typeName(table, c));
  const doc = {
    tables: [
      {
        name: 'PrimaryResult',
        columns: columns.map((name, i) => ({ name, type: types[i] })),
        rows: rows.map((r) => columns.map((c, i) => apiValue(r[c] ?? null, types[i]!))),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

const KUSTO_DATA_TYPES: Readonly<Record<string, string>> = {
  string: 'String',
  datetime: 'DateTime',
  bool: 'Boolean',
  long: 'Int64',
  int: 'Int32',
  real: 'Double',
  dynamic: 'Object',
  guid: 'Guid',
  timespan: 'TimeSpan',
};

/** The same rows as Kusto's v1 REST response (Azure Data Explorer, or Log Analytics through its ADX proxy). */
export function kustoV1Json(
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
): string {
  const types = columns.map((c) => typeName(table, c));
  const doc = {
    Tables: [
      {
        TableName: 'Table_0',
        Columns: columns.map((c, i) => ({
          ColumnName: c,
          DataType: KUSTO_DATA_TYPES[types[i]!] ?? 'String',
          ColumnType: types[i],
        })),
        Rows: rows.map((r) => columns.map((c, i) => apiValue(r[c] ?? null, types[i]!))),
      },
    ],
  };
  return `${JSON.stringify(doc)}\n`;
}
