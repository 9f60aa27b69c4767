/**
 * What `join` and `lookup` share: their clause `[kind=K] [hint.*=…] (Right) on Key, $left.A ==
 * $right.B` and the SQL of an equi-join with KQL's output columns and key rules (null keys never
 * match; int joins long, string joins guid; right names already taken are renamed `Name1`…).
 * `evaluate` reads hints the same way.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { JoinCondition, Span, Tabular } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Parser } from '../parser.ts';
import { quoteIdent } from '../sql.ts';
import { isNumeric, isStringy, type Relation } from '../types.ts';

/** The parsed clause after `join`/`lookup`. */
export interface JoinClause<K extends string> {
  readonly kind: K;
  /** Where `kind=…` was written, when it was. */
  readonly kindSpan?: Span;
  readonly right: Tabular;
  readonly on: JoinCondition[];
}

/**
 * `[kind=K] [hint.*=…] (Right) on Conditions`, in any order of kind and hints. `what` names the
 * operator in errors; `kinds` are the kinds it has, `defaultKind` the one without `kind=`.
 */
export function parseJoinClause<K extends string>(p: Parser, what: 'join' | 'lookup', kinds: readonly K[], defaultKind: K): JoinClause<K> {
  let kind = defaultKind;
  let kindSpan: Span | undefined;
  for (;;) {
    const t = p.peek();
    if (p.isWord('kind') && p.isPunct('=', 1)) {
      p.next();
      p.next();
      const k = p.expectIdent(`a ${what} kind`);
      if (!(kinds as readonly string[]).includes(k.value)) throw p.error('syntax', `unknown ${what} kind "${k.value}" (expected one of ${kinds.join(', ')})`, k);
      kind = k.value as K;
      kindSpan = { start: t.start, end: k.end };
    } else if (isHint(p)) {
      skipHints(p);
    } else break;
  }
  const right = p.parsePipelineValue();
  p.expectWord('on');
  const on = p.parseJoinConditions();
  return { kind, ...(kindSpan && { kindSpan }), right, on };
}

/** Skips `hint.strategy=broadcast`-style properties (they change Kusto's plan, not the result). */
export function skipHints(p: Parser): void {
  while (isHint(p)) {
    p.next(); // hint
    p.next(); // .
    p.next(); // name
    p.expectPunct('=', 'after a hint name');
    p.next(); // value
  }
}

/** Whether the next tokens are `hint.name =` (the lexer reads `hint`, `.`, `name`). */
export function isHint(p: Parser): boolean {
  return p.isWord('hint') && p.isPunct('.', 1) && p.peek(2).kind === 'ident' && p.isPunct('=', 3);
}

/** `l."A" = r."B" AND …` for the join conditions, checking that both columns exist and compare. */
export function joinKeys(left: Relation, right: Relation, on: readonly JoinCondition[], ctx: TranslateContext): string {
  return on
    .map((c) => {
      const l = left.columns.find((x) => x.name === c.left);
      const r = right.columns.find((x) => x.name === c.right);
      if (!l) throw ctx.error('unknown-column', `the left side of the join has no column "${c.left}"`, c.span);
      if (!r) throw ctx.error('unknown-column', `the right side of the join has no column "${c.right}"`, c.span);
      // int joins long, string joins guid (both text in Loupe); other mixes are Kusto errors too.
      if (l.type !== r.type && !(isNumeric(l.type) && isNumeric(r.type)) && !(isStringy(l.type) && isStringy(r.type))) {
        throw ctx.error('type', `join keys "${c.left}" (${l.type}) and "${c.right}" (${r.type}) have different types`, c.span);
      }
      return `l.${quoteIdent(l.name)} = r.${quoteIdent(r.name)}`;
    })
    .join(' AND ');
}

/** A column read from one side of an outer join: a missing string is "" (never null in KQL). */
function sideColumn(alias: 'l' | 'r', c: ColumnSchema, mayBeMissing: boolean): string {
  const ref = `${alias}.${quoteIdent(c.name)}`;
  return mayBeMissing && c.type === 'string' ? `coalesce(${ref}, '')` : ref;
}

/**
 * The SQL of an equi-join of two relations with KQL's output columns; `dropRightKeys` leaves out
 * the right key columns (lookup). Semi/anti kinds are handled by the caller.
 */
export function joinRelations(
  left: Relation,
  right: Relation,
  kind: 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter',
  on: readonly JoinCondition[],
  ctx: TranslateContext,
  span: Span,
  dropRightKeys = false,
): Relation {
  const cond = joinKeys(left, right, on, ctx);
  const leftMissing = kind === 'rightouter' || kind === 'fullouter';
  const rightMissing = kind === 'leftouter' || kind === 'fullouter';
  const taken = new Set(left.columns.map((c) => c.name));
  const columns: ColumnSchema[] = [...left.columns];
  const select = left.columns.map((c) => `${sideColumn('l', c, leftMissing)} AS ${quoteIdent(c.name)}`);
  const rightKeys = new Set(on.map((c) => c.right));
  for (const c of right.columns) {
    if (dropRightKeys && rightKeys.has(c.name)) continue;
    let name = c.name;
    for (let i = 1; taken.has(name); i++) name = `${c.name}${i}`;
    taken.add(name);
    columns.push({ name, type: c.type });
    select.push(`${sideColumn('r', c, rightMissing)} AS ${quoteIdent(name)}`);
  }
  let leftSql = left.cte;
  if (kind === 'innerunique') {
    const partition = on.map((c) => quoteIdent(c.left)).join(', ');
    // "First" is in the left side's defined order when it has one (a sorted left keeps its top
    // row per key), else in the order the rows are read.
    const first = left.order ? `ORDER BY ${left.order.clause}` : '';
    leftSql =
      `(SELECT * EXCLUDE ("__loupe_rn") FROM (SELECT *, row_number() OVER (${first}) AS "__loupe_rn" FROM ${left.cte}) ` +
      `QUALIFY row_number() OVER (PARTITION BY ${partition} ORDER BY "__loupe_rn") = 1)`;
  }
  const joinSql = { innerunique: 'JOIN', inner: 'JOIN', leftouter: 'LEFT JOIN', rightouter: 'RIGHT JOIN', fullouter: 'FULL OUTER JOIN' }[kind];
  const cte = ctx.addCte('join', `SELECT ${select.join(', ')} FROM ${leftSql} AS l ${joinSql} ${right.cte} AS r ON ${cond}`, span);
  return { cte, columns };
}
