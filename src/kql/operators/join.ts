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
import type { JoinKind } from '../ast.ts';
import { joinKeys, joinRelations } from './equi-join.ts';
import { joinClause } from '../syntax/lower-clauses.ts';
import { defineOperator } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

const KINDS: readonly JoinKind[] = [
  'innerunique',
  'inner',
  'leftouter',
  'rightouter',
  'fullouter',
  'leftsemi',
  'leftanti',
  'rightsemi',
  'rightanti',
];

export const JOIN = defineOperator({
  kind: 'join',
  syntax: ['JoinOperator'],
  lower(node: Kusto.Language.Syntax.JoinOperator, l) {
    const {
      kind: joinKind,
      kindSpan,
      right,
      on,
    } = joinClause(node, node.ConditionClause, 'join', KINDS, 'innerunique', l);
    return { kind: 'join', joinKind, ...(kindSpan && { kindSpan }), right, on, span: l.span(node) };
  },
  translate(op, left, ctx) {
    const right = ctx.translatePipeline(op.right);
    const k = op.joinKind;
    if (k === 'leftsemi' || k === 'leftanti' || k === 'rightsemi' || k === 'rightanti') {
      // Semi/anti joins keep one side's rows (each once, even with several matches) and columns.
      const cond = joinKeys(left, right, op.on, ctx);
      const not = k.endsWith('anti') ? 'NOT ' : '';
      const [kept, keptAlias, other, otherAlias] = k.startsWith('left')
        ? [left, 'l', right, 'r']
        : [right, 'r', left, 'l'];
      const cols = sqlColumns(kept.columns)
        .map((c) => `${keptAlias}.${c}`)
        .join(', ');
      const sql = `SELECT ${cols} FROM ${kept.cte} AS ${keptAlias} WHERE ${not}EXISTS (SELECT 1 FROM ${other.cte} AS ${otherAlias} WHERE ${cond})`;
      return { cte: ctx.addCte('join', sql, op.span), columns: kept.columns };
    }
    return joinRelations(left, right, k, op.on, ctx, op.span);
  },
});
