/**
 * Functions that read the columns in scope rather than only their arguments:
 * - `column_ifexists("Name", default)` (also its older spelling `columnifexists`, which published
 *   Sentinel rules still use): the column when the input has it, else the default — Sentinel rules
 *   use it for columns some workspaces lack;
 * - `iscolumnexists("Name")` (hidden in Kusto's catalog, no documentation page): whether the input
 *   has that column — column_ifexists' test on its own;
 * - `ingestion_time()`: Log Analytics' ingestion time, which an export does not carry; Loupe uses
 *   TimeGenerated (null when the input has none);
 * - `column_names_of(T)`: the column names of a table, a let-bound tabular value or a tabular function call;
 * - `estimate_data_size(*)` / `(Col, …)`: the bytes the row's values take;
 * - `typeof(T)` as an argument: a marker for functions that take a result type;
 * - `pack_all([ignore_null_empty])`: a bag of the input row's columns.
 */
import type { Expr } from './ast.ts';
import type { Scope } from './scope.ts';
import type { TranslateContext } from './context.ts';
import { toJsonSql } from './convert.ts';
import { sqlString } from './sql.ts';
import { sqlColumns } from './sql-names.ts';
import type { Typed } from './types.ts';
import { invokeTabular } from './user-functions.ts';

type TranslateExpr = (e: Expr, scope: Scope, ctx: TranslateContext) => Typed;

export function scopedCall(
  e: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  ctx: TranslateContext,
  translateExpr: TranslateExpr,
): Typed | undefined {
  if (e.name === 'column_ifexists' || e.name === 'columnifexists') {
    const [nameArg, fallback] = e.args;
    const columnName = nameArg && constantString(nameArg, scope, ctx);
    if (e.args.length !== 2 || columnName === undefined) {
      throw ctx.error(
        'type',
        `${e.name}() takes a column name as a string constant and a default value`,
        e.span,
      );
    }
    const col = scope.get(columnName);
    if (col) return { sql: col.sql, type: col.type };
    return translateExpr(fallback!, scope, ctx);
  }
  if (e.name === 'iscolumnexists') {
    const [nameArg] = e.args;
    const columnName = nameArg && constantString(nameArg, scope, ctx);
    if (e.args.length !== 1 || columnName === undefined)
      throw ctx.error('type', `${e.name}() takes a column name as a string constant`, e.span);
    return { sql: scope.get(columnName) ? 'TRUE' : 'FALSE', type: 'bool' };
  }
  if (e.name === 'ingestion_time') {
    if (e.args.length !== 0) throw ctx.error('type', 'ingestion_time() takes no arguments', e.span);
    const col = scope.get('TimeGenerated');
    if (col?.type === 'datetime') return { sql: col.sql, type: 'datetime' };
    return { sql: 'CAST(NULL AS TIMESTAMP)', type: 'datetime' };
  }
  if (e.name === 'column_names_of') {
    // column_names_of(T): the names of a table's (or a let-bound tabular value's, or a tabular
    // function call's: `column_names_of(MyFunction(1))`) columns, as a constant array.
    const t = e.args[0];
    const isFunctionCall = t?.kind === 'call' && ctx.binding(t.name)?.kind === 'function';
    if (e.args.length !== 1 || (t?.kind !== 'name' && !isFunctionCall))
      throw ctx.error(
        'unsupported',
        'column_names_of() of anything but a table, a let name or a tabular function call',
        e.span,
      );
    const rel =
      t.kind === 'call'
        ? invokeTabular(t.name, t.args, t.span, ctx)
        : ctx.tabularByName((t as { name: string }).name, t.span);
    return { sql: sqlString(JSON.stringify(rel.columns.map((c) => c.name))), type: 'dynamic' };
  }
  if (e.name === 'pack_all') return packAll(e, scope, ctx, translateExpr);
  if (e.name === 'estimate_data_size') return estimateDataSize(e, scope, ctx, translateExpr);
  if (e.name === 'typeof') {
    // typeof(T) as an argument (extract_json(…, typeof(long)), percentile_tdigest(…, typeof(real))):
    // a marker the function reads from `literal`.
    const t = e.args[0];
    if (e.args.length !== 1 || t?.kind !== 'name')
      throw ctx.error('syntax', 'typeof() takes a type name', e.span);
    return { sql: 'NULL', type: 'null', literal: `typeof:${t.name}` };
  }
  return undefined;
}

/**
 * `estimate_data_size(*)` / `estimate_data_size(A, B)`: an estimate of the row's size in bytes (Kusto
 * docs: "based on data types and actual values"; `(8 + 10) x 10 = 180` for a long and a
 * 10-character string). Fixed-width types count their width (long, real, datetime, timespan 8;
 * int 4; bool 1; guid and decimal 16), a string its UTF-8 bytes, a dynamic value its JSON text's
 * bytes (Kusto's internal form is larger, so dynamic sizes are underestimates).
 */
function estimateDataSize(
  e: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  ctx: TranslateContext,
  translateExpr: TranslateExpr,
): Typed {
  if (e.args.length === 0)
    throw ctx.error('type', 'estimate_data_size() takes * or one or more columns', e.span);
  const values: Typed[] = e.args.flatMap((a) =>
    a.kind === 'star'
      ? scope.columns.map((c) => ({ sql: c.sql, type: c.type }))
      : [translateExpr(a, scope, ctx)],
  );
  const sizes = values.map((v) => {
    switch (v.type) {
      case 'string':
      case 'dynamic':
        return `coalesce(octet_length(encode(${v.sql})), 0)`;
      case 'int':
        return '4';
      case 'bool':
        return '1';
      case 'guid':
      case 'decimal':
        return '16';
      case 'null':
        return '0';
      default:
        return '8';
    }
  });
  return { sql: `CAST(${sizes.join(' + ')} AS BIGINT)`, type: 'long' };
}

/**
 * A string constant: a literal, or a name bound to one (`let col = "UserPrincipalName";`, a
 * function's parameter given a string) that is not a column of the scope.
 */
function constantString(e: Expr, scope: Scope, ctx: TranslateContext): string | undefined {
  if (e.kind === 'literal') return e.type === 'string' ? String(e.value) : undefined;
  if (e.kind !== 'name' || scope.get(e.name)) return undefined;
  const v = ctx.scalarBinding(e.name);
  return v?.type === 'string' && typeof v.literal === 'string' ? v.literal : undefined;
}

/**
 * `pack_all([ignore_null_empty])`: a bag of the input row's columns, keyed by name in column order
 * (pack-all-function.md). The columns are those of the operator's input, so in
 * `extend A = pack_all(), B = pack_all(true)` B does not contain A (Kusto's documented output).
 * With ignore_null_empty true, null values and empty strings are left out.
 */
function packAll(
  e: Extract<Expr, { kind: 'call' }>,
  scope: Scope,
  ctx: TranslateContext,
  translateExpr: TranslateExpr,
): Typed {
  if (e.args.length > 1)
    throw ctx.error('type', `pack_all() takes 0 to 1 argument(s), got ${e.args.length}`, e.span);
  const relation = scope.relation;
  const columns = relation
    ? relation.columns.map((c, i) => ({
        name: c.name,
        type: c.type,
        sql: sqlColumns(relation.columns)[i]!,
      }))
    : scope.columns;
  for (const c of columns) scope.get(c.name);
  const key = (name: string) => toJsonSql({ sql: sqlString(name), type: 'string' });
  const bag = (skipEmpty: boolean) => {
    if (!columns.length) return `'{}'`;
    const pairs = columns.map((c) => {
      const value = toJsonSql(c);
      if (!skipEmpty) return `${key(c.name)} || ':' || coalesce(${value}, 'null')`;
      const empty = c.type === 'string' ? `${c.sql} IS NULL OR ${c.sql} = ''` : `${c.sql} IS NULL`;
      return `CASE WHEN ${empty} THEN NULL ELSE ${key(c.name)} || ':' || ${value} END`;
    });
    return `('{' || concat_ws(',', ${pairs.join(', ')}) || '}')`;
  };
  if (!e.args[0]) return { sql: bag(false), type: 'dynamic' };
  const flag = translateExpr(e.args[0], scope, ctx);
  if (flag.type !== 'bool')
    throw ctx.error('type', `pack_all() takes a bool, this is a ${flag.type}`, e.args[0].span);
  if (flag.literal === true) return { sql: bag(true), type: 'dynamic' };
  if (flag.literal === false) return { sql: bag(false), type: 'dynamic' };
  return { sql: `CASE WHEN ${flag.sql} THEN ${bag(true)} ELSE ${bag(false)} END`, type: 'dynamic' };
}
