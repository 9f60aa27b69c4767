/**
 * `join [kind=…] [hint.*=…] Right on Key, $left.A == $right.B`.
 * - Default kind is `innerunique`: the left side is de-duplicated on the join key, keeping the
 *   first row in input order (Kusto keeps an arbitrary one), then inner-joined with every match.
 * - `inner`: every left×right pair with equal keys.
 * - `leftouter`/`rightouter`/`fullouter`: unmatched rows of the kept side(s) with the other side's
 *   columns missing — null, or `""` for strings (KQL strings are never null).
 * - `leftsemi`/`leftanti` keep only the left columns; `rightsemi`/`rightanti` only the right ones.
 * - Output of the other kinds: all left columns, then all right columns (keys included); a right
 *   name already used is renamed `Name1`, `Name2`… as Kusto does.
 * - Null keys never match (as in Kusto). `hint.*` properties only tune Kusto's plan: ignored.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { JoinCondition, JoinKind, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Parser } from '../parser.ts';
import { quoteIdent } from '../sql.ts';
import { isNumeric, isStringy, type Relation } from '../types.ts';
import { spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';

const KINDS: readonly JoinKind[] = ['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftsemi', 'leftanti', 'rightsemi', 'rightanti'];

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

export const JOIN = defineOperator({
  kind: 'join',
  names: ['join'],
  parse(p, kw) {
    let joinKind: JoinKind = 'innerunique';
    let kindSpan;
    for (;;) {
      const t = p.peek();
      if (p.isWord('kind') && p.isPunct('=', 1)) {
        p.next();
        p.next();
        const k = p.expectIdent('a join kind');
        if (!(KINDS as readonly string[]).includes(k.value)) throw p.error('syntax', `unknown join kind "${k.value}" (expected one of ${KINDS.join(', ')})`, k);
        joinKind = k.value as JoinKind;
        kindSpan = { start: t.start, end: k.end };
      } else if (isHint(p)) {
        skipHints(p);
      } else break;
    }
    const right = p.parsePipelineValue();
    p.expectWord('on');
    const on = p.parseJoinConditions();
    return { kind: 'join', joinKind, kindSpan, right, on, span: spanFrom(p, kw) };
  },
  translate(op, left, ctx) {
    const right = ctx.translatePipeline(op.right);
    const k = op.joinKind;
    if (k === 'leftsemi' || k === 'leftanti' || k === 'rightsemi' || k === 'rightanti') {
      // Semi/anti joins keep one side's rows (each once, even with several matches) and columns.
      const cond = joinKeys(left, right, op.on, ctx);
      const not = k.endsWith('anti') ? 'NOT ' : '';
      const [kept, keptAlias, other, otherAlias] = k.startsWith('left') ? [left, 'l', right, 'r'] : [right, 'r', left, 'l'];
      const cols = kept.columns.map((c) => `${keptAlias}.${quoteIdent(c.name)}`).join(', ');
      const sql = `SELECT ${cols} FROM ${kept.cte} AS ${keptAlias} WHERE ${not}EXISTS (SELECT 1 FROM ${other.cte} AS ${otherAlias} WHERE ${cond})`;
      return { cte: ctx.addCte('join', sql, op.span), columns: kept.columns };
    }
    return joinRelations(left, right, k, op.on, ctx, op.span);
  },
});
