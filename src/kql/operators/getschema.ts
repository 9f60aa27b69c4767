/**
 * `getschema`: one row per input column — ColumnName, ColumnOrdinal (0-based), DataType (the .NET
 * type name Kusto reports, e.g. System.Int64) and ColumnType (the KQL type name), in column order.
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { defineOperator } from './spec.ts';

const DOTNET: Record<KqlType, string> = {
  string: 'System.String',
  long: 'System.Int64',
  int: 'System.Int32',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  bool: 'System.SByte',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  dynamic: 'System.Object',
  guid: 'System.Guid',
};

export const GETSCHEMA = defineOperator({
  kind: 'getschema',
  syntax: ['GetSchemaOperator'],
  lower(node: Kusto.Language.Syntax.GetSchemaOperator, l) {
    if (node.KindParameter) throw l.unsupported('getschema kind=…', node.KindParameter);
    return { kind: 'getschema', span: l.span(node) };
  },
  translate(op, input, ctx) {
    const rows = input.columns.map(
      (c, i) =>
        `(${sqlString(c.name)}, CAST(${i} AS BIGINT), ${sqlString(DOTNET[c.type])}, ${sqlString(c.type)}, ${i})`,
    );
    // Kusto marks getschema's output serialized: rows in column order, kept by the hidden order column.
    const order = quoteIdent(ORDER_COLUMN);
    const values = `VALUES ${rows.join(', ')}`;
    const cte = ctx.addCte(
      'getschema',
      `SELECT * FROM (${values}) AS v("ColumnName", "ColumnOrdinal", "DataType", "ColumnType", ${order})`,
      op.span,
    );
    return {
      cte,
      order: { clause: order },
      columns: [
        { name: 'ColumnName', type: 'string' },
        { name: 'ColumnOrdinal', type: 'long' },
        { name: 'DataType', type: 'string' },
        { name: 'ColumnType', type: 'string' },
      ],
    };
  },
});
