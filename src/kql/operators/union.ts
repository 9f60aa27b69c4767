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
import type { Pipeline, Span, UnionArgs } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { KqlError } from '../errors.ts';
import type { Parser } from '../parser.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import { isStringy, type Relation } from '../types.ts';
import { AS_NAMES } from './as.ts';
import { spanFrom } from './common.ts';
import { defineOperator, defineSource, sourceAt, sourceFor } from './registry.ts';

function parseUnionArgs(p: Parser): UnionArgs {
  let unionKind: UnionArgs['unionKind'] = 'outer';
  let withSource: UnionArgs['withSource'];
  let isFuzzy = false;
  for (;;) {
    const t = p.peek();
    if (p.isWord('hint') && p.isPunct('.', 1) && p.isPunct('=', 3)) {
      // hint.concurrency / hint.spread (lexed as hint . name = value) only tune Kusto's execution.
      for (let i = 0; i < 5; i++) p.next();
      continue;
    }
    if (t.kind !== 'ident' || !p.isPunct('=', 1)) break;
    if (t.value === 'kind') {
      p.next();
      p.next();
      const k = p.expectIdent('inner or outer');
      if (k.value !== 'inner' && k.value !== 'outer') throw p.error('syntax', `union kind must be inner or outer, not "${k.value}"`, k);
      unionKind = k.value;
    } else if (t.value === 'withsource') {
      p.next();
      p.next();
      withSource = p.parseName('a column name after withsource=');
    } else if (t.value === 'isfuzzy') {
      p.next();
      p.next();
      // Kusto reads this flag case-insensitively: Sentinel rules write `isfuzzy=True`.
      const v = p.expectIdent('true or false');
      const flag = v.value.toLowerCase();
      if (flag !== 'true' && flag !== 'false') throw p.error('syntax', `isfuzzy must be true or false, not "${v.value}"`, v);
      isFuzzy = flag === 'true';
    } else break;
  }
  const legs: Pipeline[] = [];
  do {
    const t = p.peek();
    if (p.acceptPunct('(')) {
      const inner = p.parsePipelineValue();
      p.expectPunct(')', 'to close a union leg');
      legs.push({ ...inner, span: { start: t.start, end: p.lastEnd() } });
    } else if (t.kind === 'ident' && p.isPunct('(', 1)) {
      // A call as a leg: a tabular function `f(x)` (the query's, the workspace's, or one that is
      // not loaded, which isfuzzy leaves out) or a pattern invocation `P("a").Path`.
      const source = (sourceAt(p) ?? sourceFor('invoke')!).parse(p);
      legs.push({ kind: 'pipeline', source, operators: [], span: { start: t.start, end: p.lastEnd() } });
    } else {
      const name = p.parseName('a table name or "(" after union');
      if (p.isPunct('*') && p.peek().start === name.span.end) throw p.error('unsupported', 'union of tables chosen by a wildcard', { start: name.span.start, end: p.peek().end });
      legs.push({ kind: 'pipeline', source: { kind: 'table-ref', name: name.text, span: name.span }, operators: [], span: name.span });
    }
  } while (p.acceptPunct(','));
  return { unionKind, withSource, isFuzzy, legs };
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

/** What isfuzzy=true forgives: a leg whose table, name or tabular function does not resolve. */
function unresolved(e: unknown): e is KqlError {
  return e instanceof KqlError && (e.code === 'unknown-table' || e.detail?.kind === 'function-not-loaded');
}

function translateLegs(args: UnionArgs, first: Leg | undefined, ctx: TranslateContext, span: Span): Leg[] {
  const legs: Leg[] = first ? [first] : [];
  args.legs.forEach((leg, i) => {
    try {
      const rel = ctx.translatePipeline(leg);
      legs.push({ rel, name: legName(leg, rel, i + (first ? 1 : 0)) });
    } catch (e) {
      if (!args.isFuzzy || !unresolved(e)) throw e;
      ctx.warn(`union isfuzzy=true left out a leg: ${e.message.replace(/ \(line \d+, column \d+\)$/, '')}`, leg.span);
    }
  });
  return legs;
}

/** A fuzzy union none of whose legs resolved: no rows, and no columns anyone could name. */
function emptyUnion(ctx: TranslateContext, span: Span): Relation {
  ctx.warn('union isfuzzy=true: none of its legs resolves, so its result is empty', span);
  return { cte: ctx.addCte('union', 'SELECT NULL AS "loupe_no_column" WHERE false', span), columns: [] };
}

/** The output columns (see the header for Kusto's rules) and one SELECT per leg, UNION ALL'ed. */
function unionSql(args: UnionArgs, legs: readonly Leg[], ctx: TranslateContext, span: Span): Relation {
  const key = (c: ColumnSchema) => `${c.name}\u0000${c.type}`;
  let shapes: ColumnSchema[] = [];
  if (args.unionKind === 'inner') {
    shapes = legs[0]!.rel.columns.filter((c) => legs.every((l) => l.rel.columns.some((x) => key(x) === key(c))));
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
  const selects = legs.map((l) => {
    const items = shapes.map((c, i) => {
      const has = l.rel.columns.some((x) => key(x) === key(c));
      const v = has ? quoteIdent(c.name) : isStringy(c.type) ? `''` : `CAST(NULL AS ${sqlStorageType(c.type)})`;
      return `${v} AS ${quoteIdent(outNames[i]!)}`;
    });
    if (args.withSource) items.unshift(`${sqlString(l.name)} AS ${quoteIdent(args.withSource.text)}`);
    return `SELECT ${items.join(', ')} FROM ${l.rel.cte}`;
  });
  if (columns.length === 0) throw ctx.error('unsupported', 'a union whose legs have no column in common', span);
  return { cte: ctx.addCte('union', selects.join(' UNION ALL '), span), columns };
}

/**
 * The outer union of relations already translated, with a first column naming each one's leg
 * (`search` puts its `$table` column there).
 */
export function unionWithSource(legs: readonly Leg[], sourceColumn: string, ctx: TranslateContext, span: Span): Relation {
  return unionSql({ unionKind: 'outer', withSource: { text: sourceColumn, span }, isFuzzy: false, legs: [] }, legs, ctx, span);
}

export const UNION = defineOperator({
  kind: 'union',
  names: ['union'],
  parse(p, kw) {
    return { kind: 'union', union: parseUnionArgs(p), span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const first: Leg = { rel: input, name: AS_NAMES.get(input) ?? 'union_arg0' };
    return unionSql(op.union, translateLegs(op.union, first, ctx, op.span), ctx, op.span);
  },
});

export const UNION_SOURCE = defineSource({
  kind: 'union',
  starts: (p) => p.isWord('union'),
  parse(p) {
    const kw = p.next();
    return { kind: 'union', union: parseUnionArgs(p), span: spanFrom(p, kw) };
  },
  translate(src, ctx) {
    const legs = translateLegs(src.union, undefined, ctx, src.span);
    if (legs.length === 0) {
      if (src.union.isFuzzy) return emptyUnion(ctx, src.span);
      throw ctx.error('unknown-table', 'union: none of its tables exists', src.span);
    }
    return unionSql(src.union, legs, ctx, src.span);
  },
});
