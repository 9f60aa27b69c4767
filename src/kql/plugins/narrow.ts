/**
 * `T | evaluate narrow()` (Kusto docs, narrow-plugin.md): T "unpivoted" into `Row` (the row's
 * number from 0, in T's order), `Column` (its name) and `Value` (the cell as text, tostring), one
 * row per cell, row by row and column by column.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { toStringSql } from '../convert.ts';
import { Scope } from '../scope.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { definePlugin } from './spec.ts';

export const NARROW = definePlugin({
  name: 'narrow',
  translate(call, input, ctx) {
    if (call.args.length) throw ctx.error('type', 'narrow() takes no arguments', call.span);
    const scope = Scope.of(input);
    const order = input.order ? `ORDER BY ${quoteIdent(ORDER_COLUMN)}` : '';
    const numbered = ctx.addCte(
      'narrow_rows',
      `SELECT *, row_number() OVER (${order}) - 1 AS "__row" FROM ${input.cte}`,
    );
    const parts = scope.columns.map(
      (c, k) =>
        `SELECT CAST("__row" AS BIGINT) AS "Row", ${sqlString(c.name)} AS "Column", ${toStringSql({ sql: c.sql, type: c.type })} AS "Value", "__row" * ${scope.columns.length} + ${k} AS ${quoteIdent(ORDER_COLUMN)} FROM ${numbered}`,
    );
    const columns: ColumnSchema[] = [
      { name: 'Row', type: 'long' },
      { name: 'Column', type: 'string' },
      { name: 'Value', type: 'string' },
    ];
    const cte = ctx.addCte('narrow', parts.join(' UNION ALL '), call.span);
    return { cte, columns, order: { clause: quoteIdent(ORDER_COLUMN) } };
  },
});
