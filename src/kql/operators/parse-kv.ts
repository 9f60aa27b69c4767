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
import { Scope } from '../context.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import type { KvOptions } from '../runtime/parse-kv.ts';
import { spanFrom } from './common.ts';
import { defineOperator, operatorFor } from './registry.ts';

const BAG = '__loupe_kv';

const CONVERSION: Record<KqlType, string> = {
  string: 'tostring', long: 'tolong', int: 'toint', real: 'toreal', decimal: 'todecimal', bool: 'tobool',
  datetime: 'todatetime', timespan: 'totimespan', guid: 'toguid', dynamic: 'todynamic',
};

export const PARSE_KV = defineOperator({
  kind: 'parse-kv',
  names: ['parse-kv'],
  parse(p, kw) {
    const target = p.parseExpr();
    p.expectWord('as');
    p.expectPunct('(', 'before the keys of parse-kv');
    const keys: { name: string; type: string; span: Span }[] = [];
    do {
      const name = p.parseName('a key name');
      p.expectPunct(':', 'between a key and its type');
      const type = p.expectIdent('a type');
      keys.push({ name: name.text, type: type.value, span: { start: name.span.start, end: type.end } });
    } while (p.acceptPunct(','));
    p.expectPunct(')', 'to close the keys of parse-kv');
    const options: { name: string; value: string | boolean; span: Span }[] = [];
    if (p.acceptWord('with')) {
      p.expectPunct('(', 'after with');
      do {
        const name = p.expectIdent('a parse-kv option');
        p.expectPunct('=', `after ${name.value}`);
        const v = p.next();
        if (v.kind === 'string') options.push({ name: name.value, value: v.value, span: { start: name.start, end: v.end } });
        else if (v.kind === 'ident' && (v.value === 'true' || v.value === 'false')) options.push({ name: name.value, value: v.value === 'true', span: { start: name.start, end: v.end } });
        else throw p.error('syntax', `the value of ${name.value} must be a string or true/false`, v);
      } while (p.acceptPunct(','));
      p.expectPunct(')', 'to close the parse-kv options');
    }
    return { kind: 'parse-kv', target, keys, options, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const text = ctx.expr(op.target, Scope.of(input));
    if (text.type !== 'string') throw ctx.error('type', `parse-kv reads a string, this is a ${text.type}`, op.target.span);
    const o: { -readonly [K in keyof KvOptions]: KvOptions[K] } = { quotes: [], escapes: [], greedy: false, keys: op.keys.map((k) => k.name) };
    for (const opt of op.options) {
      const str = (what: string) => {
        if (typeof opt.value !== 'string') throw ctx.error('syntax', `${opt.name} takes a ${what}`, opt.span);
        return opt.value;
      };
      switch (opt.name) {
        case 'pair_delimiter': o.pairDelimiter = str('string'); break;
        case 'kv_delimiter': o.kvDelimiter = str('string'); break;
        case 'quote': o.quotes = [...o.quotes, str('string of one or two quote characters')]; break;
        case 'escape': o.escapes = [...o.escapes, str('one-character string')]; break;
        case 'regex':
          o.regex = str('string');
          checkRegexLiteral({ literal: o.regex }, (m) => {
            throw ctx.error('syntax', m, opt.span);
          });
          break;
        case 'greedy':
          if (typeof opt.value !== 'boolean') throw ctx.error('syntax', 'greedy takes true or false', opt.span);
          o.greedy = opt.value;
          break;
        default:
          throw ctx.error('syntax', `unknown parse-kv option "${opt.name}"`, opt.span);
      }
    }
    if ((o.pairDelimiter === undefined) !== (o.kvDelimiter === undefined)) throw ctx.error('syntax', 'parse-kv needs both pair_delimiter and kv_delimiter, or neither', op.span);
    const withBag = ctx.addCte('parse_kv_pairs', `SELECT *, kql_parse_kv(${text.sql}, ${sqlString(JSON.stringify(o))}) AS ${quoteIdent(BAG)} FROM ${input.cte}`);
    const bagRef: Expr = { kind: 'name', name: BAG, span: op.span };
    const items: Assignment[] = op.keys.map((k) => {
      const type = parseKqlType(k.type);
      if (!type) throw ctx.error('syntax', `unknown type "${k.type}"`, k.span);
      const value: Expr = { kind: 'call', name: 'tostring', nameSpan: k.span, args: [{ kind: 'index', target: bagRef, index: { kind: 'literal', type: 'string', value: k.name, span: k.span }, span: k.span }], span: k.span };
      const expr: Expr = type === 'string' ? value : { kind: 'call', name: CONVERSION[type], nameSpan: k.span, args: [value], span: k.span };
      return { name: { text: k.name, span: k.span }, expr, span: k.span };
    });
    const bagRelation = { cte: withBag, columns: [...input.columns, { name: BAG, type: 'dynamic' as const }], order: input.order };
    const extended = operatorFor('extend')!.translate({ kind: 'extend', items, span: op.span } as never, bagRelation, ctx);
    return operatorFor('project-away')!.translate({ kind: 'project-away', patterns: [{ text: BAG, span: op.span }], span: op.span } as never, extended, ctx);
  },
});
