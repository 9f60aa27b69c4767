/**
 * `evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey…] [, return_unmatched])`:
 * the one `evaluate` plugin Loupe runs, because Sentinel identity rules use it to match sign-in IPs
 * against address ranges (AuthenticationAttemptfromNewCountry.yaml). Kusto docs: each input row is
 * joined with the lookup rows whose IPv4 prefix (`5.8.0.0/19`) contains its IP, extra keys must be
 * equal as in a join, and the output is the input's columns then the lookup table's (a name
 * already taken gets 1, 2…; extra keys are not repeated), like `lookup`. By default only matched
 * rows are returned; `return_unmatched = true` keeps the others, their lookup strings empty.
 * Other plugins are refused as before.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { quoteIdent } from '../sql.ts';
import type { Relation } from '../types.ts';
import { spanFrom } from './common.ts';
import { isHint, skipHints } from './equi-join.ts';
import { defineOperator } from './registry.ts';

type Name = { readonly text: string; readonly span: Span };

function column(rel: Relation, name: Name, where: string, ctx: TranslateContext): ColumnSchema {
  const c = rel.columns.find((x) => x.name === name.text);
  if (!c) throw ctx.error('unknown-column', `${where} has no column "${name.text}"`, name.span);
  return c;
}

export const EVALUATE = defineOperator({
  kind: 'evaluate',
  names: ['evaluate'],
  parse(p, kw) {
    while (isHint(p)) skipHints(p);
    if (!(p.isWord('ipv4_lookup') && p.isPunct('(', 1))) throw p.error('unsupported', 'the operator "evaluate" is not supported yet', kw);
    p.next();
    p.expectPunct('(', 'after ipv4_lookup');
    const lookup = p.parsePipelineValue();
    const name = (what: string): Name => {
      const t = p.expectIdent(what);
      return { text: t.value, span: t };
    };
    p.expectPunct(',', 'after the lookup table');
    const sourceKey = name('the input column holding IPv4 addresses');
    p.expectPunct(',', 'after the input column');
    const lookupKey = name("the lookup table's column holding IPv4 ranges");
    const extraKeys: Name[] = [];
    let returnUnmatched = false;
    while (p.acceptPunct(',')) {
      // return_unmatched: `return_unmatched = true` or a bare bool literal, last.
      if (p.isWord('return_unmatched') && p.isPunct('=', 1)) {
        p.next();
        p.next();
      }
      const e = p.parseExpr();
      if (e.kind === 'literal' && e.type === 'bool' && p.isPunct(')')) {
        returnUnmatched = e.value === true;
        break;
      }
      if (e.kind !== 'name') throw p.error('syntax', 'expected an extra key column or return_unmatched in ipv4_lookup', e.span);
      extraKeys.push({ text: e.name, span: e.span });
    }
    p.expectPunct(')', 'to close ipv4_lookup');
    return { kind: 'evaluate', plugin: 'ipv4_lookup', lookup, sourceKey, lookupKey, extraKeys, returnUnmatched, span: spanFrom(p, kw) };
  },
  translate(op, left, ctx) {
    const right = ctx.translatePipeline(op.lookup);
    const ip = column(left, op.sourceKey, 'the input of ipv4_lookup', ctx);
    const range = column(right, op.lookupKey, 'the lookup table of ipv4_lookup', ctx);
    for (const [c, n] of [[ip, op.sourceKey], [range, op.lookupKey]] as const) {
      if (c.type !== 'string') throw ctx.error('type', `ipv4_lookup compares IPv4 strings; "${c.name}" is ${c.type}`, n.span);
    }
    // ipv4_is_in_range(ip, range) (functions/ip.ts): the range's prefix decides; a value that is
    // not an IPv4 address or prefix matches nothing.
    const conds = [`kql_ipv4_compare(l.${quoteIdent(ip.name)}, r.${quoteIdent(range.name)}, CAST(NULL AS DOUBLE)) = 0`];
    for (const k of op.extraKeys) {
      const l = column(left, k, 'the input of ipv4_lookup', ctx);
      const r = column(right, k, 'the lookup table of ipv4_lookup', ctx);
      conds.push(`l.${quoteIdent(l.name)} = r.${quoteIdent(r.name)}`);
    }
    const extra = new Set(op.extraKeys.map((k) => k.text));
    const taken = new Set(left.columns.map((c) => c.name));
    const columns: ColumnSchema[] = [...left.columns];
    const select = left.columns.map((c) => `l.${quoteIdent(c.name)} AS ${quoteIdent(c.name)}`);
    for (const c of right.columns) {
      if (extra.has(c.name)) continue;
      let name = c.name;
      for (let i = 1; taken.has(name); i++) name = `${c.name}${i}`;
      taken.add(name);
      columns.push({ name, type: c.type });
      // An unmatched row's lookup strings are "" (KQL strings are never null).
      const ref = `r.${quoteIdent(c.name)}`;
      select.push(`${op.returnUnmatched && c.type === 'string' ? `coalesce(${ref}, '')` : ref} AS ${quoteIdent(name)}`);
    }
    const join = op.returnUnmatched ? 'LEFT JOIN' : 'JOIN';
    const cte = ctx.addCte('ipv4_lookup', `SELECT ${select.join(', ')} FROM ${left.cte} AS l ${join} ${right.cte} AS r ON ${conds.join(' AND ')}`, op.span);
    return { cte, columns };
  },
});
