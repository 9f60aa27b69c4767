/**
 * `T | evaluate schema_merge([PreserveOrder])` (Kusto docs, schema-merge-plugin.md): T holds
 * getschema rows of several schemas (e.g. `union schema1, schema2`); the result is one merged
 * schema in getschema's form (runtime/schema-merge.ts). The schemas are told apart by their
 * ColumnOrdinal starting again, in the order the rows come (the order of union's legs).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { SCHEMA_MERGE } from '../runtime/schema-merge.ts';
import { Scope } from '../scope.ts';
import { toJsonSql } from '../convert.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { constantValue, optionalArguments } from './arguments.ts';
import { relationFromJsonRows } from './json-rows.ts';
import { definePlugin } from './spec.ts';

const SCHEMA_COLUMNS = ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType'] as const;

export const SCHEMA_MERGE_PLUGIN = definePlugin({
  name: 'schema_merge',
  translate(call, input, ctx) {
    const args = optionalArguments(call, 0, ['PreserveOrder'], ctx);
    const preserveArg = args.get('PreserveOrder');
    const preserve = preserveArg ? constantValue(preserveArg, ctx) : true;
    if (typeof preserve !== 'boolean')
      throw ctx.error('type', 'schema_merge(): PreserveOrder is true or false', preserveArg!.span);
    const scope = Scope.of(input);
    const cells = SCHEMA_COLUMNS.map((name) => {
      const c = scope.get(name);
      if (!c)
        throw ctx.error(
          'unknown-column',
          `schema_merge(): the input has no column "${name}" (it takes getschema's output)`,
          call.span,
        );
      return toJsonSql({ sql: c.sql, type: c.type });
    });
    const order = input.order ? quoteIdent(ORDER_COLUMN) : undefined;
    const rowsSql = `SELECT ${SCHEMA_MERGE.name}('[' || coalesce(string_agg('[' || ${cells.join(` || ',' || `)} || ']', ','${order ? ` ORDER BY ${order}` : ''}), '') || ']', ${preserve ? 1 : 0}) AS "rows" FROM ${input.cte}`;
    const columns: ColumnSchema[] = [
      { name: 'ColumnName', type: 'string' },
      { name: 'ColumnOrdinal', type: 'long' },
      { name: 'DataType', type: 'string' },
      { name: 'ColumnType', type: 'string' },
    ];
    return relationFromJsonRows(ctx, 'schema_merge', rowsSql, columns, call.span, true);
  },
});
