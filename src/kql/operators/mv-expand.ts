/**
 * `mv-expand [kind=bag|array] [with_itemindex=I] [Name =] Expr [to typeof(T)], … [limit N]`
 * (legacy spelling `mvexpand`, whose default limit is 128). Each input row becomes one row per
 * element of its dynamic values (../runtime/expand.ts says how arrays, bags, null and scalars
 * expand); several columns expand in parallel, the shorter ones padded with null; a row whose
 * values are all empty arrays/bags disappears. An expanded column replaces the input column of
 * the same name in place, otherwise it is added at the end (unnamed `a.b.c` is named `a_b_c`).
 * `to typeof(T)` only casts: an element that is not a T becomes null (`""` for string).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, type KqlType } from '../../schema/kql-types.ts';
import type { Expr, MvExpandArgs, MvExpandItem, Span } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN, type Relation } from '../types.ts';
import { selectList } from './common.ts';
import { defineOperator } from './spec.ts';
import { derivedName, generatedName } from './column-names.ts';

/** Parses the options and items of mv-expand / mv-apply, up to (not including) `on` or the end. */
type MvNode = Kusto.Language.Syntax.MvExpandOperator | Kusto.Language.Syntax.MvApplyOperator;

/**
 * The arguments mv-expand and mv-apply share: `[bagexpansion=bag|array] [with_itemindex=I]
 * [Name =] Expr [to typeof(T)], … [limit N]`. The legacy spelling `mvexpand` caps each row at 128
 * values unless `limit` says otherwise (Kusto docs).
 */
export function mvExpandArgs(node: MvNode, l: Lowerer): MvExpandArgs {
  const params = l.parameters(node.Parameters);
  l.rejectOtherParameters(params, ['kind', 'bagexpansion', 'with_itemindex'], l.keyword(node));
  let bagExpansion: 'bag' | 'array' = 'bag';
  const kind = params.get('bagexpansion') ?? params.get('kind');
  if (kind) {
    const k = l.parameterText(kind.value);
    if (k !== 'bag' && k !== 'array')
      throw l.error('syntax', `expected bag or array but found "${k}"`, kind.value);
    bagExpansion = k;
  }
  const index = params.get('with_itemindex');
  const items: MvExpandItem[] = elementsOf<
    Kusto.Language.Syntax.MvExpandExpression | Kusto.Language.Syntax.MvApplyExpression
  >(node.Expressions as never).map((item) => {
    const e = item.Expression!;
    const named =
      kindName(e) === 'SimpleNamedExpression'
        ? (e as Kusto.Language.Syntax.SimpleNamedExpression)
        : undefined;
    const types = elementsOf(item.ToTypeOf?.TypeOf?.Types);
    const toType = types[0] ? { text: l.typeText(types[0]), span: l.span(types[0]) } : undefined;
    const kustoName = named ? undefined : l.kustoName(e);
    return {
      ...(named && { name: l.declaredName(named.Name!) }),
      ...(kustoName !== undefined && { kustoName }),
      expr: lowerExpr(named ? named.Expression : e, l),
      ...(toType && { toType }),
      span: l.span(item),
    };
  });
  const limitNode = node.RowLimitClause?.RowLimit;
  const legacy = l.keyword(node) === 'mvexpand';
  const limit: Expr | undefined = limitNode
    ? lowerExpr(limitNode, l)
    : legacy
      ? { kind: 'literal', type: 'long', value: 128, span: l.span(node) }
      : undefined;
  return {
    items,
    bagExpansion,
    ...(index && { itemIndex: { text: l.parameterText(index.value), span: l.span(index.value) } }),
    ...(limit && { limit }),
  };
}

/**
 * The name of an expanded expression: its own, or Kusto's derived one (`a.b.c` → `a_b_c`,
 * `Col` → `Col`, `todynamic(x)` → `x`), else the first free `Column1`, `Column2`….
 */
function itemName(item: MvExpandItem, taken: ReadonlySet<string>): string {
  return item.name?.text ?? item.kustoName ?? derivedName(item.expr) ?? generatedName(taken);
}

/** An expanded element (JSON text) cast to `type` without conversion: a non-T element is null. */
function castElement(json: string, type: KqlType, ctx: TranslateContext, span: Span): string {
  const isString = `left(${json}, 1) = '"'`;
  switch (type) {
    case 'dynamic':
      return json;
    case 'string':
    case 'guid':
      return `CASE WHEN ${isString} THEN kql_dyn_tostring(${json}) ELSE '' END`;
    case 'long':
      return `TRY_CAST(${json} AS BIGINT)`;
    case 'int':
      return `TRY_CAST(${json} AS INTEGER)`;
    case 'real':
    case 'decimal':
      return `TRY_CAST(${json} AS DOUBLE)`;
    case 'bool':
      return `CASE ${json} WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    case 'datetime':
      // A JSON string without escapes is its text between the quotes: no UDF call per element.
      return `CASE WHEN ${isString} THEN TRY_CAST(rtrim(CASE WHEN strpos(${json}, '\\') = 0 THEN ${json}[2:-2] ELSE kql_dyn_tostring(${json}) END, 'Z') AS TIMESTAMP) END`;
    case 'timespan':
      throw ctx.error('unsupported', 'mv-expand … to typeof(timespan)', span);
  }
}

/** A JSON array of numbers, true/false/null and strings without a comma, quote or backslash. */
const FLAT_ARRAY = String.raw`\[(?:[-+.0-9eEtruefalsn]+|"[^",\\]*")(?:,(?:[-+.0-9eEtruefalsn]+|"[^",\\]*"))*\]`;

/** Column added by the expansion: the 0-based element index within its row. */
export const ITEM_COLUMN = '__loupe_mv_i';

/**
 * The expanded relation (one CTE). With `keepRowId`, a hidden row number of the input row is kept
 * in ORDER_COLUMN-compatible form for mv-apply (see mv-apply.ts).
 */
export function expandRelation(
  input: Relation,
  args: MvExpandArgs,
  ctx: TranslateContext,
  span: Span,
): Relation & { expanded: string[] } {
  const scope = Scope.of(input);
  const values: string[] = [];
  const texts: string[] = [];
  const lists: string[] = [];
  const added: { name: string; type: KqlType; sql: string }[] = [];
  const taken = new Set(input.columns.map((c) => c.name));
  args.items.forEach((item, i) => {
    const name = itemName(item, taken);
    taken.add(name);
    const v = ctx.expr(item.expr, scope);
    if (v.type !== 'dynamic' && v.type !== 'null')
      throw ctx.error(
        'type',
        `mv-expand needs a dynamic value (an array or a bag), this is a ${v.type}`,
        item.expr.span,
      );
    const inner = `"__mv${i}"`;
    values.push(`${v.type === 'null' ? 'CAST(NULL AS VARCHAR)' : v.sql} AS ${inner}`);
    // The items as a DuckDB list: one UDF call per row (kql_mv_items), then native list access.
    const items = `kql_mv_items(${inner}, ${args.bagExpansion === 'array' ? 1 : 0})`;
    // A flat array of scalars whose strings hold no comma or escape splits natively at its commas
    // (range()'s arrays); anything else takes the UDF.
    const flat = `regexp_full_match(${inner}, '${FLAT_ARRAY}')`;
    texts.push(`CASE WHEN NOT ${flat} THEN ${items} END AS "__mvt${i}"`);
    lists.push(
      `CASE WHEN ${inner} IS NULL THEN [CAST(NULL AS VARCHAR)] WHEN ${inner} = '[]' THEN CAST([] AS VARCHAR[]) WHEN ${flat} THEN string_split(${inner}[2:-2], ',') WHEN "__mvt${i}" = '' THEN CAST([] AS VARCHAR[]) ELSE string_split("__mvt${i}", chr(31)) END AS "__mvl${i}"`,
    );
    let type: KqlType = 'dynamic';
    if (item.toType) {
      const t = parseKqlType(item.toType.text);
      if (!t) throw ctx.error('syntax', `unknown type "${item.toType.text}"`, item.toType.span);
      type = t;
    }
    const element = `nullif("__mvl${i}"["${ITEM_COLUMN}" + 1], 'null')`;
    added.push({ name, type, sql: castElement(element, type, ctx, item.span) });
  });
  const names = new Set(added.map((a) => a.name));
  if (names.size !== added.length)
    throw ctx.error('unsupported', 'mv-expand of the same column twice', span);
  const out: { name: string; sql: string }[] = [];
  const columns: ColumnSchema[] = [];
  for (const c of input.columns) {
    const a = added.find((x) => x.name === c.name);
    out.push(a ? { name: c.name, sql: a.sql } : { name: c.name, sql: scope.get(c.name)!.sql });
    columns.push(a ? { name: c.name, type: a.type } : c);
  }
  for (const a of added) {
    if (input.columns.some((c) => c.name === a.name)) continue;
    out.push({ name: a.name, sql: a.sql });
    columns.push({ name: a.name, type: a.type });
  }
  if (args.itemIndex) {
    out.push({ name: args.itemIndex.text, sql: `CAST("${ITEM_COLUMN}" AS BIGINT)` });
    columns.push({ name: args.itemIndex.text, type: 'long' });
  }
  let count = `greatest(${args.items.map((_, i) => `len("__mvl${i}")`).join(', ')})`;
  if (args.limit) {
    const n = ctx.expr(args.limit, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int')
      throw ctx.error('type', `mv-expand limit needs a long, this is a ${n.type}`, args.limit.span);
    count = `least(${count}, greatest(${n.sql}, 0))`;
  }
  // Rows keep their input order, and elements their order within the row.
  const orderKeys = input.order ? `${quoteIdent(ORDER_COLUMN)}, "${ITEM_COLUMN}"` : undefined;
  if (orderKeys) out.push({ name: ORDER_COLUMN, sql: `row_number() OVER (ORDER BY ${orderKeys})` });
  const sql =
    `SELECT ${selectList(out)} FROM (SELECT *, unnest(range(CAST(${count} AS BIGINT))) AS "${ITEM_COLUMN}" ` +
    `FROM (SELECT *, ${lists.join(', ')} FROM (SELECT *, ${texts.join(', ')} FROM (SELECT *, ${values.join(', ')} FROM ${input.cte}))))`;
  const cte = ctx.addCte('mv_expand', sql, span);
  const order = input.order ? { clause: quoteIdent(ORDER_COLUMN) } : undefined;
  return { cte, columns, order, expanded: added.map((a) => a.name) };
}

export const MV_EXPAND = defineOperator({
  kind: 'mv-expand',
  syntax: ['MvExpandOperator'],
  lower(node: Kusto.Language.Syntax.MvExpandOperator, l) {
    return { kind: 'mv-expand', expand: mvExpandArgs(node, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const { cte, columns, order } = expandRelation(input, op.expand, ctx, op.span);
    return { cte, columns, order };
  },
});
