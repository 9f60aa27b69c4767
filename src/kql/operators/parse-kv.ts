/**
 * `parse-kv Expr as (Key: type, ['Other key']: type, …) [with (pair_delimiter = ',', kv_delimiter = ':',
 * quote = '"', escape = '\\', greedy = true | regex = '…')]` (Kusto docs, parse-kv operator): the
 * input extended with one column per listed key, converted to its type (a missing key is null,
 * "" for strings). The text is split by runtime/parse-kv.ts into a bag of strings; each column is
 * the KQL conversion (tolong, todatetime…) of its key's string.
 */
import { checkRegexLiteral } from '../runtime/regex.ts';
import { parseKqlType, type KqlType } from '../../schema/kql-types.ts';
import type { Assignment, Expr, Span } from '../ast.ts';
import { Scope } from '../scope.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import type { KvOptions } from '../runtime/parse-kv.ts';
import { elementsOf } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { rowSchema } from '../syntax/lower-clauses.ts';
import { defineOperator } from './spec.ts';

const BAG = '__loupe_kv';

const CONVERSION: Record<KqlType, string> = {
  string: 'tostring',
  long: 'tolong',
  int: 'toint',
  real: 'toreal',
  decimal: 'todecimal',
  bool: 'tobool',
  datetime: 'todatetime',
  timespan: 'totimespan',
  guid: 'toguid',
  dynamic: 'todynamic',
};

export const PARSE_KV = defineOperator({
  kind: 'parse-kv',
  syntax: ['ParseKvOperator'],
  lower(node: Kusto.Language.Syntax.ParseKvOperator, l) {
    const keys = rowSchema(node.Keys, l);
    const options = elementsOf(node.WithClause?.Properties).map((p) => {
      const v = lowerExpr(p.Expression, l);
      if (v.kind !== 'literal' || (v.type !== 'string' && v.type !== 'bool') || v.value === null)
        throw l.error(
          'syntax',
          `the value of ${l.nameOf(p.Name!)} must be a string or true/false`,
          v.span,
        );
      return { name: l.nameOf(p.Name!), value: v.value as string | boolean, span: l.span(p) };
    });
    return {
      kind: 'parse-kv',
      target: lowerExpr(node.Expression, l),
      keys,
      options,
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const text = ctx.expr(op.target, Scope.of(input));
    if (text.type !== 'string')
      throw ctx.error('type', `parse-kv reads a string, this is a ${text.type}`, op.target.span);
    const o: { -readonly [K in keyof KvOptions]: KvOptions[K] } = {
      quotes: [],
      escapes: [],
      greedy: false,
      keys: op.keys.map((k) => k.name),
    };
    for (const opt of op.options) {
      const str = (what: string) => {
        if (typeof opt.value !== 'string')
          throw ctx.error('syntax', `${opt.name} takes a ${what}`, opt.span);
        return opt.value;
      };
      switch (opt.name) {
        case 'pair_delimiter':
          o.pairDelimiter = str('string');
          break;
        case 'kv_delimiter':
          o.kvDelimiter = str('string');
          break;
        case 'quote':
          o.quotes = [...o.quotes, str('string of one or two quote characters')];
          break;
        case 'escape':
          o.escapes = [...o.escapes, str('one-character string')];
          break;
        case 'regex':
          o.regex = str('string');
          checkRegexLiteral({ literal: o.regex }, (m) => {
            throw ctx.error('syntax', m, opt.span);
          });
          break;
        case 'greedy':
          if (typeof opt.value !== 'boolean')
            throw ctx.error('syntax', 'greedy takes true or false', opt.span);
          o.greedy = opt.value;
          break;
        default:
          throw ctx.error('syntax', `unknown parse-kv option "${opt.name}"`, opt.span);
      }
    }
    if ((o.pairDelimiter === undefined) !== (o.kvDelimiter === undefined))
      throw ctx.error(
        'syntax',
        'parse-kv needs both pair_delimiter and kv_delimiter, or neither',
        op.span,
      );
    const withBag = ctx.addCte(
      'parse_kv_pairs',
      `SELECT *, kql_parse_kv(${text.sql}, ${sqlString(JSON.stringify(o))}) AS ${quoteIdent(BAG)} FROM ${input.cte}`,
    );
    const bagRef: Expr = { kind: 'name', name: BAG, span: op.span };
    const items: Assignment[] = op.keys.map((k) => {
      const type = parseKqlType(k.type);
      if (!type) throw ctx.error('syntax', `unknown type "${k.type}"`, k.span);
      const value: Expr = {
        kind: 'call',
        name: 'tostring',
        nameSpan: k.span,
        args: [
          {
            kind: 'index',
            target: bagRef,
            index: { kind: 'literal', type: 'string', value: k.name, span: k.span },
            span: k.span,
          },
        ],
        span: k.span,
      };
      const expr: Expr =
        type === 'string'
          ? value
          : { kind: 'call', name: CONVERSION[type], nameSpan: k.span, args: [value], span: k.span };
      return { name: { text: k.name, span: k.span }, expr, span: k.span };
    });
    const bagRelation = {
      cte: withBag,
      columns: [...input.columns, { name: BAG, type: 'dynamic' as const }],
      order: input.order,
    };
    const extended = ctx.translateOperator({ kind: 'extend', items, span: op.span }, bagRelation);
    return ctx.translateOperator(
      { kind: 'project-away', patterns: [{ text: BAG, span: op.span }], span: op.span },
      extended,
    );
  },
});
