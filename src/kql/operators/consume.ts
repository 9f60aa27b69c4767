/**
 * `consume [decodeblocks = true|false]`: reads the whole input and returns nothing (Kusto docs,
 * consume operator: it "consumes the tabular data stream handed to the operator", used to run a
 * query for its side effects or cost without returning its rows). Loupe keeps the input's columns
 * and returns no row; `decodeblocks` only concerns Kusto's storage and changes nothing here.
 */
import { sqlColumns } from '../sql-names.ts';
import { defineOperator } from './spec.ts';

export const CONSUME = defineOperator({
  kind: 'consume',
  syntax: ['ConsumeOperator'],
  lower(node: Kusto.Language.Syntax.ConsumeOperator, l) {
    return { kind: 'consume', span: l.span(node) };
  },
  translate(op, input, ctx) {
    const cols = sqlColumns(input.columns).join(', ');
    const cte = ctx.addCte(
      'consume',
      `SELECT ${cols || '*'} FROM ${input.cte} WHERE false`,
      op.span,
    );
    return { cte, columns: input.columns };
  },
});
