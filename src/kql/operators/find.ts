/**
 * `find [withsource=Col] [in (T1, T2, …)] where Predicate [project-smart | project C1[:type], …]`
 * and `find Predicate …` (Kusto docs, find operator): the rows of several tables the predicate
 * keeps, with a first column naming each row's table (`source_`, or Col).
 *
 * - Tables: those of `in (…)` (names, `let` names, `E*` patterns over the loaded tables), or,
 *   without `in`, every loaded table (Kusto: every table of the database). A table that has none
 *   of the columns the predicate names is left out ("Source tables that don't contain any column
 *   used by the predicate evaluation will be filtered out").
 * - Predicate: evaluated on each table's own columns. A condition (an operand of and/or/not, or
 *   the whole predicate) that names a column the table lacks is false for its rows: `find Version
 *   == 'v1.0.0' or EventName == 'Event1'` filters EventsTable1 by Version and EventsTable2 by
 *   EventName, as the page says. A bare string, or `* has "x"`, is a term search over the table's
 *   string, guid and dynamic columns (as in `search`).
 * - Output schema: Kusto.Language's own for the operator (its binder sees the loaded tables and
 *   applies the page's rules): with project-smart (the default), the columns the predicate names
 *   and the columns every table has, a name with several types split into `Name_type` columns,
 *   and `pack_`, a bag of each row's other columns; with `project C1, C2:type`, those columns
 *   (null where a table lacks one, converted to the given type). Loupe fills each column per table:
 *   the table's column of that name and type, the base column of a `Name_type` column, a
 *   conversion where the type differs, else null ("" for a string).
 * Rows come in no defined order. `project-away` and `pack_all()` are refused (not on the page's
 * syntax, and Kusto.Language does not parse `pack_all()` in find's project list either).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { sqlStorageType, type KqlType } from '../../schema/kql-types.ts';
import type { Assignment, Expr, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { rewriteExpr } from '../rewrite.ts';
import { elementsOf, kindName, kustoLanguage, listOf } from '../syntax/kusto-language.ts';
import { columnPattern } from '../syntax/lower-clauses.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { sqlColumn } from '../sql-names.ts';
import type { Relation } from '../types.ts';
import { selectList } from './common.ts';
import { expandTerms, searchPredicate } from './search.ts';
import { searchedTables } from './searched-tables.ts';
import { defineSource } from './spec.ts';

export interface FindColumn {
  readonly name: string;
  readonly type: KqlType;
  readonly role: 'source' | 'pack' | 'column';
}

const KQL_TYPE_NAMES: Readonly<Record<string, KqlType>> = {
  string: 'string',
  long: 'long',
  int: 'int',
  real: 'real',
  double: 'real',
  decimal: 'decimal',
  bool: 'bool',
  boolean: 'bool',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  dynamic: 'dynamic',
  guid: 'guid',
};

/** The conversion function giving a value of each type. */
const CONVERSIONS: Readonly<Record<KqlType, string>> = {
  string: 'tostring',
  long: 'tolong',
  int: 'toint',
  real: 'toreal',
  decimal: 'todecimal',
  bool: 'tobool',
  datetime: 'todatetime',
  timespan: 'totimespan',
  dynamic: 'todynamic',
  guid: 'toguid',
};

/** The output columns Kusto.Language's binder gives the operator. */
function boundColumns(
  node: Kusto.Language.Syntax.FindOperator,
  smart: boolean,
  l: Lowerer,
): FindColumn[] {
  const result = node.ResultType;
  if (!(result instanceof kustoLanguage().Symbols.TableSymbol))
    throw l.error('unknown-table', 'find: Kusto could not tell the tables it searches', node);
  const cols = listOf(result.Columns);
  return cols.map((c, i): FindColumn => {
    const typeName = c.Type?.Name ?? '';
    const type = KQL_TYPE_NAMES[typeName];
    if (!type) throw l.unsupported(`find's column ${c.Name} of type ${typeName}`, node);
    const role =
      i === 0 ? 'source' : smart && i === cols.length - 1 && c.Name === 'pack_' ? 'pack' : 'column';
    return { name: c.Name ?? '', type, role };
  });
}

export const FIND_SOURCE = defineSource({
  kind: 'find',
  syntax: ['FindOperator'],
  lower(node: Kusto.Language.Syntax.FindOperator, l) {
    const params = l.parameters(node.Parameters);
    l.rejectOtherParameters(params, ['withsource'], 'find');
    if (node.DataScope) throw l.unsupported('find datascope=…', node.DataScope);
    if (node.ProjectAway) throw l.unsupported('find … project-away', node.ProjectAway);
    const project = node.Project;
    const projectList = project !== null && elementsOf(project.Columns).length > 0;
    if (project)
      for (const c of elementsOf(project.Columns))
        if (kindName(c) === 'FunctionCallExpression')
          throw l.unsupported('find … project pack_all()', c);
    const tables = node.InClause
      ? elementsOf(node.InClause.Expressions).map((e) => {
          const k = kindName(e);
          if (k !== 'NameReference')
            throw l.unsupported('find in (…) with a tabular expression (name a table or a let)', e);
          return columnPattern(e, l);
        })
      : undefined;
    return {
      kind: 'find',
      ...(tables && { tables }),
      predicate: searchPredicate(node.Condition, false, l),
      columns: boundColumns(node, !projectList, l),
      span: l.span(node),
    };
  },
  translate(src, ctx) {
    const names = searchedTables(src.tables, [], ctx, src.span);
    const referenced = columnNames(src.predicate, ctx);
    const legs: Relation[] = [];
    for (const n of names) {
      const table = ctx.tabularByName(n.text, n.span);
      const has = new Set(table.columns.map((c) => c.name));
      if (referenced.size > 0 && ![...referenced].some((c) => has.has(c))) continue;
      const predicate = expandStarTerms(
        expandTerms(onlyPresent(src.predicate, has, ctx), table.columns, false),
        table.columns,
      );
      const filtered = ctx.translateOperator({ kind: 'where', predicate, span: src.span }, table);
      legs.push(
        ctx.translateOperator(
          {
            kind: 'project',
            items: src.columns.map((c) =>
              output(c, n.text, filtered.columns, src.columns, src.span),
            ),
            span: src.span,
          },
          filtered,
        ),
      );
    }
    const columns: ColumnSchema[] = src.columns.map((c) => ({ name: c.name, type: c.type }));
    const sql =
      legs.length === 0
        ? `SELECT ${selectList(columns.map((c) => ({ name: c.name, sql: `CAST(NULL AS ${sqlStorageType(c.type)})` })))} WHERE false`
        : legs
            .map(
              (leg) =>
                `SELECT ${selectList(columns.map((c) => ({ name: c.name, sql: sqlColumn(leg.columns, c.name) })))} FROM ${leg.cte}`,
            )
            .join(' UNION ALL ');
    return { cte: ctx.addCte('find', sql, src.span), columns };
  },
});

/** The column names the predicate reads (names that are not `let` values). */
function columnNames(e: Expr, ctx: TranslateContext): Set<string> {
  const out = new Set<string>();
  rewriteExpr(e, (x) => {
    if (x.kind === 'name' && !ctx.binding(x.name)) out.add(x.name);
    return undefined;
  });
  return out;
}

const FALSE = (span: Span): Expr => ({ kind: 'literal', type: 'bool', value: false, span });

/** The predicate with each condition that names a column the table lacks made false. */
function onlyPresent(e: Expr, has: ReadonlySet<string>, ctx: TranslateContext): Expr {
  if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or'))
    return { ...e, left: onlyPresent(e.left, has, ctx), right: onlyPresent(e.right, has, ctx) };
  if (e.kind === 'call' && e.name === 'not' && e.args.length === 1)
    return { ...e, args: [onlyPresent(e.args[0]!, has, ctx)] };
  for (const n of columnNames(e, ctx)) if (!has.has(n)) return FALSE(e.span);
  return e;
}

/** `* has "x"` (and the other term operators after `*`): the term searched in every searchable column. */
function expandStarTerms(e: Expr, columns: readonly ColumnSchema[]): Expr {
  if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or'))
    return {
      ...e,
      left: expandStarTerms(e.left, columns),
      right: expandStarTerms(e.right, columns),
    };
  if (e.kind === 'call' && e.name === 'not' && e.args.length === 1)
    return { ...e, args: [expandStarTerms(e.args[0]!, columns)] };
  if (e.kind === 'binary' && e.left.kind === 'star') {
    const terms = columns
      .filter((c) => c.type === 'string' || c.type === 'guid' || c.type === 'dynamic')
      .map((c): Expr => {
        const name: Expr = { kind: 'name', name: c.name, span: e.span };
        return {
          ...e,
          left:
            c.type === 'string'
              ? name
              : { kind: 'call', name: 'tostring', nameSpan: e.span, args: [name], span: e.span },
        };
      });
    if (terms.length === 0) return FALSE(e.span);
    return terms.reduce((a, b) => ({
      kind: 'binary',
      op: 'or',
      opSpan: e.span,
      left: a,
      right: b,
      span: e.span,
    }));
  }
  return e;
}

/** One output column of one table's rows. */
function output(
  c: FindColumn,
  table: string,
  columns: readonly ColumnSchema[],
  all: readonly FindColumn[],
  span: Span,
): Assignment {
  const named = (expr: Expr): Assignment => ({
    name: { text: c.name, span },
    expr,
    span,
  });
  const ref = (name: string): Expr => ({ kind: 'name', name, span });
  const convert = (e: Expr, to: KqlType): Expr => ({
    kind: 'call',
    name: CONVERSIONS[to],
    nameSpan: span,
    args: [e],
    span,
  });
  if (c.role === 'source') return named({ kind: 'literal', type: 'string', value: table, span });
  if (c.role === 'pack') {
    const claimed = new Set(
      all.filter((o) => o.role === 'column').map((o) => source(o, columns)?.name),
    );
    const rest = columns.filter((x) => !claimed.has(x.name));
    if (rest.length === 0) return named({ kind: 'literal', type: 'dynamic', value: '{}', span });
    return named({
      kind: 'call',
      name: 'bag_pack',
      nameSpan: span,
      args: rest.flatMap((x): Expr[] => [
        { kind: 'literal', type: 'string', value: x.name, span },
        ref(x.name),
      ]),
      span,
    });
  }
  const from = source(c, columns);
  if (!from) {
    if (c.type === 'string') return named({ kind: 'literal', type: 'string', value: '', span });
    return named(convert({ kind: 'literal', type: 'null', value: null, span }, c.type));
  }
  return named(from.type === c.type ? ref(from.name) : convert(ref(from.name), c.type));
}

/** The table column an output column reads: the same name, else the base of a `Name_type` column of that type. */
function source(c: FindColumn, columns: readonly ColumnSchema[]): ColumnSchema | undefined {
  const same = columns.find((x) => x.name === c.name);
  if (same) return same;
  const i = c.name.lastIndexOf('_');
  if (i <= 0) return undefined;
  const base = columns.find((x) => x.name === c.name.slice(0, i));
  const suffix = c.name.slice(i + 1);
  return base && (KQL_TYPE_NAMES[suffix] === base.type || suffix === base.type) ? base : undefined;
}
