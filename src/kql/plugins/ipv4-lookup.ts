/**
 * `evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey…] [, return_unmatched])`
 * (Kusto docs): Sentinel identity rules use it to match sign-in IPs against address ranges
 * (AuthenticationAttemptfromNewCountry.yaml). Each input row is joined with the lookup rows whose
 * IPv4 prefix (`5.8.0.0/19`) contains its IP, extra keys must be equal as in a join, and the output
 * is the input's columns then the lookup table's (a name already taken gets 1, 2…; extra keys are
 * not repeated), like `lookup`. By default only matched rows are returned; `return_unmatched =
 * true` keeps the others, their lookup strings empty.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Relation } from '../types.ts';
import { columnArgument, tabularArgument } from './arguments.ts';
import { definePlugin } from './spec.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';

type Name = { readonly text: string; readonly span: Span };

function column(rel: Relation, name: Name, where: string, ctx: TranslateContext): ColumnSchema {
  const c = rel.columns.find((x) => x.name === name.text);
  if (!c) throw ctx.error('unknown-column', `${where} has no column "${name.text}"`, name.span);
  return c;
}

export const IPV4_LOOKUP = definePlugin({
  name: 'ipv4_lookup',
  translate(call, left, ctx) {
    if (call.args.length < 3) throw ctx.error('type', 'ipv4_lookup takes a lookup table, an input column and a lookup column', call.span);
    const right = ctx.translatePipeline(tabularArgument(call, 0, ctx));
    const op = {
      sourceKey: columnArgument(call, 1, ctx),
      lookupKey: columnArgument(call, 2, ctx),
      extraKeys: [] as Name[],
      returnUnmatched: false,
      span: call.span,
    };
    // Extra key columns, then `return_unmatched` (a bool literal, or `return_unmatched = b`) last.
    for (let i = 3; i < call.args.length; i++) {
      const a = call.args[i]!;
      const e = a.kind === 'scalar' ? a.expr : undefined;
      if (e?.kind === 'literal' && e.type === 'bool' && i === call.args.length - 1) op.returnUnmatched = e.value === true;
      else if (a.kind === 'scalar' && a.name?.text === 'return_unmatched') throw ctx.error('type', 'return_unmatched must be true or false', a.span);
      else op.extraKeys.push(columnArgument(call, i, ctx));
    }
    const ip = column(left, op.sourceKey, 'the input of ipv4_lookup', ctx);
    const range = column(right, op.lookupKey, 'the lookup table of ipv4_lookup', ctx);
    for (const [c, n] of [[ip, op.sourceKey], [range, op.lookupKey]] as const) {
      if (c.type !== 'string') throw ctx.error('type', `ipv4_lookup compares IPv4 strings; "${c.name}" is ${c.type}`, n.span);
    }
    // ipv4_is_in_range(ip, range) (functions/ip.ts): the range's prefix decides; a value that is
    // not an IPv4 address or prefix matches nothing.
    const conds = [`kql_ipv4_compare(l.${sqlColumn(left.columns, ip.name)}, r.${sqlColumn(right.columns, range.name)}, CAST(NULL AS DOUBLE)) = 0`];
    for (const k of op.extraKeys) {
      const l = column(left, k, 'the input of ipv4_lookup', ctx);
      const r = column(right, k, 'the lookup table of ipv4_lookup', ctx);
      conds.push(`l.${sqlColumn(left.columns, l.name)} = r.${sqlColumn(right.columns, r.name)}`);
    }
    const extra = new Set(op.extraKeys.map((k) => k.text));
    const taken = new Set(left.columns.map((c) => c.name));
    const columns: ColumnSchema[] = [...left.columns];
    const select = sqlColumns(left.columns).map((c) => `l.${c}`);
    for (const c of right.columns) {
      if (extra.has(c.name)) continue;
      let name = c.name;
      for (let i = 1; taken.has(name); i++) name = `${c.name}${i}`;
      taken.add(name);
      columns.push({ name, type: c.type });
      // An unmatched row's lookup strings are "" (KQL strings are never null).
      const ref = `r.${sqlColumn(right.columns, c.name)}`;
      select.push(op.returnUnmatched && c.type === 'string' ? `coalesce(${ref}, '')` : ref);
    }
    const out = sqlColumns(columns);
    const join = op.returnUnmatched ? 'LEFT JOIN' : 'JOIN';
    const cte = ctx.addCte('ipv4_lookup', `SELECT ${select.map((s, i) => `${s} AS ${out[i]}`).join(', ')} FROM ${left.cte} AS l ${join} ${right.cte} AS r ON ${conds.join(' AND ')}`, op.span);
    return { cte, columns };
  },
});
