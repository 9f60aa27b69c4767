/**
 * `join [kind=…] Right on Key, $left.A == $right.B`.
 * - Default kind is `innerunique`: the left side is de-duplicated on the join key, keeping the
 *   first row in input order (Kusto keeps an arbitrary one), then inner-joined with every match.
 * - `inner`: every left×right pair with equal keys.
 * - Output: all left columns, then all right columns (keys included); a right name already used is
 *   renamed `Name1`, `Name2`… as Kusto does.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { JoinKind } from '../ast.ts';
import { quoteIdent } from '../sql.ts';
import { spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';

const KINDS: readonly JoinKind[] = ['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftsemi', 'leftanti', 'rightsemi', 'rightanti'];
const TRANSLATED: ReadonlySet<JoinKind> = new Set(['innerunique', 'inner', 'leftouter', 'leftsemi', 'leftanti']);

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
      } else if (t.kind === 'ident' && t.value.startsWith('hint.')) {
        throw p.error('unsupported', `the join hint "${t.value}"`, t);
      } else break;
    }
    const right = p.parsePipelineValue();
    p.expectWord('on');
    const on = p.parseJoinConditions();
    return { kind: 'join', joinKind, kindSpan, right, on, span: spanFrom(p, kw) };
  },
  translate(op, left, ctx) {
    if (!TRANSLATED.has(op.joinKind)) throw ctx.error('unsupported', `join kind=${op.joinKind} is not supported yet`, op.kindSpan ?? op.span);
    const right = ctx.translatePipeline(op.right);
    const keys = op.on.map((c) => {
      const l = left.columns.find((x) => x.name === c.left);
      const r = right.columns.find((x) => x.name === c.right);
      if (!l) throw ctx.error('unknown-column', `the left side of the join has no column "${c.left}"`, c.span);
      if (!r) throw ctx.error('unknown-column', `the right side of the join has no column "${c.right}"`, c.span);
      if (l.type !== r.type) throw ctx.error('type', `join keys "${c.left}" (${l.type}) and "${c.right}" (${r.type}) have different types`, c.span);
      return `l.${quoteIdent(l.name)} = r.${quoteIdent(r.name)}`;
    });
    const on = keys.join(' AND ');

    if (op.joinKind === 'leftsemi' || op.joinKind === 'leftanti') {
      const not = op.joinKind === 'leftanti' ? 'NOT ' : '';
      const cols = left.columns.map((c) => `l.${quoteIdent(c.name)}`).join(', ');
      const cte = ctx.addCte('join', `SELECT ${cols} FROM ${left.cte} AS l WHERE ${not}EXISTS (SELECT 1 FROM ${right.cte} AS r WHERE ${on})`, op.span);
      return { cte, columns: left.columns };
    }

    const taken = new Set(left.columns.map((c) => c.name));
    const columns: ColumnSchema[] = [...left.columns];
    const select = left.columns.map((c) => `l.${quoteIdent(c.name)}`);
    for (const c of right.columns) {
      let name = c.name;
      for (let i = 1; taken.has(name); i++) name = `${c.name}${i}`;
      taken.add(name);
      columns.push({ name, type: c.type });
      // KQL strings are never null: unmatched right rows of an outer join read as "".
      const v = op.joinKind === 'leftouter' && c.type === 'string' ? `coalesce(r.${quoteIdent(c.name)}, '')` : `r.${quoteIdent(c.name)}`;
      select.push(`${v} AS ${quoteIdent(name)}`);
    }
    let leftSql = left.cte;
    if (op.joinKind === 'innerunique') {
      const partition = op.on.map((c) => quoteIdent(c.left)).join(', ');
      leftSql =
        `(SELECT * EXCLUDE ("__loupe_rn") FROM (SELECT *, row_number() OVER () AS "__loupe_rn" FROM ${left.cte}) ` +
        `QUALIFY row_number() OVER (PARTITION BY ${partition} ORDER BY "__loupe_rn") = 1)`;
    }
    const joinSql = op.joinKind === 'leftouter' ? 'LEFT JOIN' : 'JOIN';
    const cte = ctx.addCte('join', `SELECT ${select.join(', ')} FROM ${leftSql} AS l ${joinSql} ${right.cte} AS r ON ${on}`, op.span);
    return { cte, columns };
  },
});
