/**
 * `extend Name = Expr, …`: adds columns; a name that already exists is replaced in place (same
 * position). Later assignments see earlier ones, as in KQL.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { KqlType } from '../../schema/kql-types.ts';
import { Scope } from '../scope.ts';
import { orderCarry, selectList } from './common.ts';
import { assignments } from '../syntax/lower-expr.ts';
import { defineOperator } from './spec.ts';
import type { Assignment } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Typed } from '../types.ts';
import { tupleColumns } from '../tuples.ts';
import { derivedName, generatedName } from './column-names.ts';

/**
 * The output name of an extend/project expression: its own, the one Kusto derives from it
 * (column-names.ts), or — when `taken` (the names in use) is given — the next free `ColumnN`.
 */
export function assignmentName(
  item: Assignment,
  ctx: TranslateContext,
  what: string,
  taken?: ReadonlySet<string>,
): string {
  if (item.name) return item.name.text;
  if (item.kustoName !== undefined) return item.kustoName;
  const derived = derivedName(item.expr);
  if (derived !== undefined) return derived;
  if (taken) return generatedName(taken);
  throw ctx.error('unsupported', `an unnamed ${what} expression (write Name = …)`, item.expr.span);
}

/** A column's storage type: the untyped null literal is stored as a dynamic null. */
export function columnType(t: Typed): KqlType {
  return t.type === 'null' ? 'dynamic' : t.type;
}

export const EXTEND = defineOperator({
  kind: 'extend',
  syntax: ['ExtendOperator'],
  lower(node: Kusto.Language.Syntax.ExtendOperator, l) {
    return { kind: 'extend', items: assignments(node.Expressions, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    let scope = Scope.of(input);
    const changed = new Set<string>();
    for (const item of op.items) {
      const tuple = tupleColumns(item, scope, ctx);
      if (tuple) {
        for (const t of tuple) {
          scope = scope.with({
            name: t.name,
            type: t.value.type as KqlType,
            sql: `(${t.value.sql})`,
          });
          changed.add(t.name);
        }
        continue;
      }
      const name = assignmentName(item, ctx, 'extend', new Set(scope.columns.map((c) => c.name)));
      const v = ctx.expr(item.expr, scope);
      scope = scope.with({
        name,
        type: columnType(v),
        sql: v.type === 'null' ? 'CAST(NULL AS VARCHAR)' : `(${v.sql})`,
      });
      changed.add(name);
    }
    const columns: ColumnSchema[] = scope.columns.map((c) => ({ name: c.name, type: c.type }));
    const items = [
      ...scope.columns.map((c) => ({ name: c.name, sql: c.sql })),
      ...orderCarry(input),
    ];
    const cte = ctx.addCte('extend', `SELECT ${selectList(items)} FROM ${input.cte}`, op.span);
    return { cte, columns, order: input.order };
  },
});
