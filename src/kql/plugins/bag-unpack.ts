/**
 * `T | evaluate bag_unpack(Column [, OutputColumnPrefix] [, columnsConflict] [, ignoredProperties]) [: (…)]`
 * (Kusto docs, bag-unpack-plugin.md): each top-level property of the bags in Column becomes a
 * column. Published Sentinel rules use it on AuditLogs' `AdditionalDetails` and
 * `modifiedProperties` (AccountElevatedtoNewRole, Useraccountcreatedwithoutexpectedattributesdefined).
 *
 * - Output: T's columns without Column, then one column per property, sorted by name, each named
 *   `OutputColumnPrefix` + the property; its type is the values' type when they all have one
 *   (long, real, string, bool), else dynamic. Null values are ignored; a row without the property
 *   holds null (`""` in a string column, as every KQL string).
 * - `columnsConflict`: a property named like a column of T is an error (`error`, the default),
 *   replaces that column where it stands (`replace_source`), or is dropped (`keep_source`).
 * - `ignoredProperties`: a dynamic array of property names left out.
 * - `: (Name:type, …)`: exactly these columns, each read from T (a column of that name) or from the
 *   property of that name (prefix removed) and converted to the type as `to<type>()` converts; with
 *   `*` first, T's columns without Column come before them.
 *
 * Without an output schema the properties are the data's: the translation asks for them
 * (discovery.ts), so the columns are those of the data the translation ran against.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, type KqlType } from '../../schema/kql-types.ts';
import type { TranslateContext } from '../context.ts';
import { orderCarry, selectList } from '../operators/common.ts';
import { BAG_SLOT_TYPES } from '../runtime/bag-slots.ts';
import { Scope } from '../scope.ts';
import { sqlString } from '../sql.ts';
import type { Relation, Typed } from '../types.ts';
import { constantValue, convertTo, inputColumn, optionalArguments } from './arguments.ts';
import { discoverRows } from './discovery.ts';
import { definePlugin, type PluginCall } from './spec.ts';

type Conflict = 'error' | 'replace_source' | 'keep_source';

/** The most columns the properties may add (logs are written by attackers: a bag of a million keys is refused). */
export const MAX_UNPACKED_COLUMNS = 10_000;

interface Options {
  readonly prefix: string;
  readonly conflict: Conflict;
  readonly ignored: ReadonlySet<string>;
}

function options(call: PluginCall, ctx: TranslateContext): Options {
  const args = optionalArguments(
    call,
    1,
    ['OutputColumnPrefix', 'columnsConflict', 'ignoredProperties'],
    ctx,
  );
  const prefixArg = args.get('OutputColumnPrefix');
  const prefix = prefixArg ? constantValue(prefixArg, ctx) : '';
  if (typeof prefix !== 'string')
    throw ctx.error(
      'type',
      'bag_unpack(): OutputColumnPrefix must be a constant string',
      prefixArg!.span,
    );
  const conflictArg = args.get('columnsConflict');
  const conflict = conflictArg ? constantValue(conflictArg, ctx) : 'error';
  if (conflict !== 'error' && conflict !== 'replace_source' && conflict !== 'keep_source') {
    throw ctx.error(
      'type',
      `bag_unpack(): columnsConflict is 'error', 'replace_source' or 'keep_source'`,
      conflictArg!.span,
    );
  }
  const ignoredArg = args.get('ignoredProperties');
  const ignored = ignoredArg ? constantValue(ignoredArg, ctx) : [];
  if (!Array.isArray(ignored) || ignored.some((k) => typeof k !== 'string')) {
    throw ctx.error(
      'type',
      'bag_unpack(): ignoredProperties must be a constant dynamic array of property names',
      ignoredArg!.span,
    );
  }
  return { prefix, conflict, ignored: new Set(ignored as string[]) };
}

/** The properties of the bags in the data, with one type each (dynamic where the values' types differ). */
function discoveredSlots(
  call: PluginCall,
  input: Relation,
  column: string,
  ctx: TranslateContext,
): { slots: Map<string, KqlType>; noRows: boolean } {
  // Null bags answer a null row, so no answer at all means no input rows (not only no properties).
  const rows = discoverRows(
    ctx,
    call,
    input,
    `SELECT DISTINCT ${BAG_SLOT_TYPES.name}(${column}) FROM {input}`,
    'declare its columns after the call: bag_unpack(Column) : (*, Name:type, …)',
  );
  const slots = new Map<string, KqlType>();
  for (const [text] of rows) {
    if (typeof text !== 'string') continue;
    for (const [key, type] of JSON.parse(text) as [string, KqlType][]) {
      const seen = slots.get(key);
      slots.set(key, seen === undefined || seen === type ? type : 'dynamic');
      if (slots.size > MAX_UNPACKED_COLUMNS)
        throw ctx.error(
          'limit',
          `bag_unpack(): the bags hold more than ${MAX_UNPACKED_COLUMNS} distinct properties`,
          call.span,
        );
    }
  }
  return { slots, noRows: rows.length === 0 };
}

/** Ordinal order, as .NET's `string.CompareOrdinal` sorts (UTF-16 code units). */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const BAG_UNPACK = definePlugin({
  name: 'bag_unpack',
  outputSchema: true,
  translate(call, input, ctx) {
    const source = inputColumn(call, 0, input, ctx);
    if (source.type !== 'dynamic')
      throw ctx.error(
        'type',
        `bag_unpack() unpacks a dynamic column; "${source.name}" is ${source.type}`,
        call.args[0]!.span,
      );
    const opts = options(call, ctx);
    const scope = Scope.of(input);
    const bag = scope.get(source.name)!.sql;
    const slot = (key: string): Typed => ({
      sql: `kql_dyn_get(${bag}, ${sqlString(key)})`,
      type: 'dynamic',
    });
    const rest = input.columns.filter((c) => c !== source);
    let noRows = false;
    const out: { name: string; type: KqlType; sql: string }[] = rest.map((c) => ({
      name: c.name,
      type: c.type,
      sql: scope.get(c.name)!.sql,
    }));

    /** Adds a property's column, resolving a clash with a column of T as `columnsConflict` says. */
    const add = (name: string, value: Typed, type: KqlType) => {
      const sql = convertTo(value, type, ctx, call.span).sql;
      const clash = out.findIndex((c) => c.name === name);
      if (clash < 0) out.push({ name, type, sql });
      else if (opts.conflict === 'replace_source') out[clash] = { name, type, sql };
      else if (opts.conflict === 'error')
        throw ctx.error(
          'type',
          `bag_unpack(): the property column "${name}" is already a column of the input (columnsConflict='replace_source' or 'keep_source' resolves it)`,
          call.span,
        );
    };

    const schema = call.outputSchema;
    if (schema) {
      const declared = schema.columns.map((c) => {
        const type = parseKqlType(c.type);
        if (!type) throw ctx.error('syntax', `unknown column type "${c.type}"`, c.span);
        return { name: c.name, type };
      });
      if (!schema.wildcard) out.length = 0;
      for (const c of declared) {
        const column = rest.find((r) => r.name === c.name);
        if (!schema.wildcard && column) {
          out.push({
            name: c.name,
            type: c.type,
            sql: convertTo(
              { sql: scope.get(c.name)!.sql, type: column.type },
              c.type,
              ctx,
              call.span,
            ).sql,
          });
          continue;
        }
        const key = c.name.startsWith(opts.prefix) ? c.name.slice(opts.prefix.length) : undefined;
        const value: Typed =
          key === undefined || opts.ignored.has(key)
            ? { sql: 'CAST(NULL AS VARCHAR)', type: 'dynamic' }
            : slot(key);
        add(c.name, value, c.type);
      }
    } else {
      const found = discoveredSlots(call, input, bag, ctx);
      noRows = found.noRows;
      const slots = found.slots;
      for (const key of [...slots.keys()].sort(ordinal)) {
        if (opts.ignored.has(key)) continue;
        if (opts.prefix + key === '')
          throw ctx.error(
            'type',
            'bag_unpack(): a bag has a property with an empty name, which cannot be a column (give OutputColumnPrefix)',
            call.span,
          );
        add(opts.prefix + key, slot(key), slots.get(key)!);
      }
    }
    const columns: ColumnSchema[] = out.map((c) => ({ name: c.name, type: c.type }));
    ctx.checkColumns(columns, call.span);
    const cte = ctx.addCte(
      'bag_unpack',
      `SELECT ${selectList([...out, ...orderCarry(input)])} FROM ${input.cte}`,
      call.span,
    );
    return {
      cte,
      columns,
      ...(input.order && { order: input.order }),
      ...(noRows && { schemaFromNoRows: true as const }),
    };
  },
});
