/**
 * `union [kind=inner|outer] [withsource=Col] [isfuzzy=true] A, (B | …), …`, as a source or after
 * a pipe (the input is then the first leg). Rows of every leg, in no defined order.
 * - kind=outer (default): every column of any leg, one per name and type, in order of first
 *   appearance; legs without it give null ("" for strings, which are never null). A name seen with
 *   several types becomes one column per type, suffixed `_type` (`x_long`, `x_int`); a suffixed
 *   name that another leg already uses as a plain name takes a number (`x_long1`).
 * - kind=inner: only the columns (name and type) that every leg has, in the first leg's order.
 * - withsource=Col: a first string column naming each row's leg: the table or let name, the `as`
 *   name a parenthesised leg ends with, else `union_arg<i>`.
 * - isfuzzy=true: a leg that reads a table, name or function that does not resolve is left out,
 *   with a warning naming it (Kusto: "Failed to resolve entity …"). When no leg resolves, Kusto
 *   fails the query; Loupe answers an empty result with a warning instead (issue 13: a rule whose
 *   every source is absent from the analyst's logs has nothing to replay, which is not an error of
 *   the rule), so the columns after such a union are unknown.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { sqlStorageType, type KqlType } from '../../schema/kql-types.ts';
import type { Pipeline, Span, UnionArgs, UnionLeg } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { KqlError } from '../errors.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { columnPattern, type ColumnPattern } from '../syntax/lower-clauses.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { matchColumns } from './column-patterns.ts';
import { sqlString } from '../sql.ts';
import { isStringy, type Relation } from '../types.ts';
import { AS_NAMES } from './as.ts';
import { defineOperator, defineSource } from './spec.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';

/** `[kind=inner|outer] [withsource=Col] [isfuzzy=true] legs…`: the arguments union has as a source or an operator. */
function unionArgs(node: Kusto.Language.Syntax.UnionOperator, l: Lowerer): UnionArgs {
  const params = l.parameters(node.Parameters);
  l.rejectOtherParameters(params, ['kind', 'withsource', 'isfuzzy'], 'union');
  const kind = params.get('kind');
  const unionKind = kind ? l.parameterText(kind.value) : 'outer';
  if (unionKind !== 'inner' && unionKind !== 'outer')
    throw l.error('syntax', `union kind must be inner or outer, not "${unionKind}"`, kind!.value);
  const source = params.get('withsource');
  const fuzzy = params.get('isfuzzy');
  // Kusto reads this flag case-insensitively: Sentinel rules write `isfuzzy=True`.
  const isFuzzy = fuzzy !== undefined && l.parameterText(fuzzy.value).toLowerCase() === 'true';
  const legs: UnionLeg[] = elementsOf(node.Expressions).map((e) => {
    if (kindName(e) === 'NameReference') {
      const name = (e as Kusto.Language.Syntax.NameReference).Name!;
      if (kindName(name) === 'WildcardedName' || kindName(name) === 'BracketedWildcardedName')
        return { kind: 'tables', pattern: columnPattern(e, l).text, span: l.span(e) };
    }
    return l.pipeline(e);
  });
  return {
    unionKind,
    ...(source && {
      withSource: { text: l.parameterText(source.value), span: l.span(source.value) },
    }),
    isFuzzy,
    legs,
  };
}

/** A leg's translation with the name `withsource=` reports for it. */
export interface Leg {
  readonly rel: Relation;
  readonly name: string;
}

function legName(leg: Pipeline, rel: Relation, index: number): string {
  if (leg.source.kind === 'table-ref' && leg.operators.length === 0) return leg.source.name;
  return AS_NAMES.get(rel) ?? `union_arg${index}`;
}

function translateLegs(
  args: UnionArgs,
  first: Leg | undefined,
  ctx: TranslateContext,
  span: Span,
): Leg[] {
  const legs: Leg[] = first ? [first] : [];
  const expanded = args.legs.flatMap((leg): Pipeline[] => {
    if (leg.kind === 'pipeline') return [leg];
    // `union Sign*`: the tables whose names match, in name order (Kusto matches the database's tables).
    const pattern: ColumnPattern = { text: leg.pattern, span: leg.span };
    return matchColumns(pattern, [...ctx.tableNames()].sort(), ctx, 'union').map((name) => ({
      kind: 'pipeline',
      source: { kind: 'table-ref', name, span: leg.span },
      operators: [],
      span: leg.span,
    }));
  });
  expanded.forEach((leg, i) => {
    try {
      const rel = ctx.translatePipeline(leg);
      legs.push({ rel, name: legName(leg, rel, i + (first ? 1 : 0)) });
    } catch (e) {
      if (!args.isFuzzy || !unresolved(e)) throw e;
      ctx.warn(
        `union isfuzzy=true left out a leg: ${e.message.replace(/ \(line \d+, column \d+\)$/, '')}`,
        leg.span,
      );
    }
  });
  return legs;
}

/**
 * What isfuzzy=true forgives: a leg whose table, name or tabular function does not resolve. Not an
 * `externaldata` file the analyst has not supplied: Kusto would download it, so the leg exists and
 * the query needs the file (left out, the leg's columns would vanish from the rest of the query).
 */
function unresolved(e: unknown): e is KqlError {
  if (!(e instanceof KqlError) || e.detail?.kind === 'externaldata-needs-file') return false;
  return e.code === 'unknown-table' || e.detail?.kind === 'function-not-loaded';
}

/** The legs of a union, or its empty result when isfuzzy=true left every leg out. */
function unionOf(
  args: UnionArgs,
  first: Leg | undefined,
  ctx: TranslateContext,
  span: Span,
): Relation {
  const legs = translateLegs(args, first, ctx, span);
  if (legs.length > 0) return unionSql(args, legs, ctx, span);
  if (!args.isFuzzy) throw ctx.error('unknown-table', 'union: none of its tables exists', span);
  // No rows, and no columns anyone could name.
  ctx.warn('union isfuzzy=true: none of its legs resolves, so its result is empty', span);
  return {
    cte: ctx.addCte('union', 'SELECT NULL AS "loupe_no_column" WHERE false', span),
    columns: [],
  };
}

/** The output columns (see the header for Kusto's rules) and one SELECT per leg, UNION ALL'ed. */
function unionSql(
  args: UnionArgs,
  legs: readonly Leg[],
  ctx: TranslateContext,
  span: Span,
): Relation {
  const key = (c: ColumnSchema) => `${c.name}\u0000${c.type}`;
  let shapes: ColumnSchema[] = [];
  if (args.unionKind === 'inner') {
    shapes = legs[0]!.rel.columns.filter((c) =>
      legs.every((l) => l.rel.columns.some((x) => key(x) === key(c))),
    );
  } else {
    const seen = new Set<string>();
    for (const c of legs.flatMap((l) => l.rel.columns)) {
      if (seen.has(key(c))) continue;
      seen.add(key(c));
      shapes.push(c);
    }
  }
  const typesOf = new Map<string, Set<KqlType>>();
  for (const c of shapes) typesOf.set(c.name, (typesOf.get(c.name) ?? new Set()).add(c.type));
  const plain = new Set(shapes.filter((c) => typesOf.get(c.name)!.size === 1).map((c) => c.name));
  const taken = new Set(plain);
  const outNames = shapes.map((c) => {
    if (typesOf.get(c.name)!.size === 1) return c.name;
    let name = `${c.name}_${c.type}`;
    for (let i = 1; taken.has(name); i++) name = `${c.name}_${c.type}${i}`;
    taken.add(name);
    return name;
  });
  const columns: ColumnSchema[] = shapes.map((c, i) => ({ name: outNames[i]!, type: c.type }));
  if (args.withSource) columns.unshift({ name: args.withSource.text, type: 'string' });
  ctx.checkColumns(columns, span);
  const out = sqlColumns(columns);
  const shift = args.withSource ? 1 : 0;
  const selects = legs.map((l) => {
    const items = shapes.map((c, i) => {
      const has = l.rel.columns.some((x) => key(x) === key(c));
      const v = has
        ? sqlColumn(l.rel.columns, c.name)
        : isStringy(c.type)
          ? `''`
          : `CAST(NULL AS ${sqlStorageType(c.type)})`;
      return `${v} AS ${out[i + shift]}`;
    });
    if (args.withSource) items.unshift(`${sqlString(l.name)} AS ${out[0]}`);
    return `SELECT ${items.join(', ')} FROM ${l.rel.cte}`;
  });
  if (columns.length === 0)
    throw ctx.error('unsupported', 'a union whose legs have no column in common', span);
  return { cte: ctx.addCte('union', selects.join(' UNION ALL '), span), columns };
}

/**
 * The outer union of relations already translated, with a first column naming each one's leg
 * (`search` puts its `$table` column there).
 */
export function unionWithSource(
  legs: readonly Leg[],
  sourceColumn: string,
  ctx: TranslateContext,
  span: Span,
): Relation {
  return unionSql(
    { unionKind: 'outer', withSource: { text: sourceColumn, span }, isFuzzy: false, legs: [] },
    legs,
    ctx,
    span,
  );
}

export const UNION = defineOperator({
  kind: 'union',
  syntax: ['UnionOperator'],
  lower(node: Kusto.Language.Syntax.UnionOperator, l) {
    return { kind: 'union', union: unionArgs(node, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const first: Leg = { rel: input, name: AS_NAMES.get(input) ?? 'union_arg0' };
    return unionOf(op.union, first, ctx, op.span);
  },
});

export const UNION_SOURCE = defineSource({
  kind: 'union',
  syntax: ['UnionOperator'],
  lower(node: Kusto.Language.Syntax.UnionOperator, l) {
    return { kind: 'union', union: unionArgs(node, l), span: l.span(node) };
  },
  translate(src, ctx) {
    return unionOf(src.union, undefined, ctx, src.span);
  },
});
