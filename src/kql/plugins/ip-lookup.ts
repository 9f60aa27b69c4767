/**
 * `evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey…] [, return_unmatched])`
 * and `evaluate ipv6_lookup(LookupTable, SourceIPv6Key, IPv6LookupKey [, return_unmatched])`
 * (Kusto docs, ipv4-lookup-plugin.md, ipv6-lookup-plugin.md). Sentinel identity rules use ipv4_lookup
 * to match sign-in IPs against address ranges (AuthenticationAttemptfromNewCountry.yaml).
 *
 * Each input row is joined with the lookup rows whose prefix (`5.8.0.0/19`, `2001:db8::/48`)
 * contains its address (an input value may carry a prefix too: the smaller one decides, as
 * ipv4_is_in_range / ipv6_is_in_range), and ipv4_lookup's extra keys must be equal as in a join.
 * By default only matched rows are returned; `return_unmatched` (the last argument, a bool literal
 * or `return_unmatched = b`) keeps the others, their lookup columns empty (`""` for strings, null
 * otherwise). Output columns, as the reference pages' examples and the Kusto engine give them:
 * ipv4_lookup the input's then the lookup table's (extra keys not repeated); ipv6_lookup the lookup
 * table's then the input's. A name already taken gets 1, 2… like `lookup`.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';
import type { Relation } from '../types.ts';
import { columnArgument, tabularArgument } from './arguments.ts';
import { definePlugin, type PluginCall, type PluginSpec } from './spec.ts';

type Name = { readonly text: string; readonly span: Span };

function column(rel: Relation, name: Name, where: string, ctx: TranslateContext): ColumnSchema {
  const c = rel.columns.find((x) => x.name === name.text);
  if (!c) throw ctx.error('unknown-column', `${where} has no column "${name.text}"`, name.span);
  return c;
}

interface Family {
  readonly name: 'ipv4_lookup' | 'ipv6_lookup';
  /** The UDF comparing two addresses with their prefixes (runtime/ip.ts): 0 when one range holds the other. */
  readonly compare: string;
  readonly extraKeys: boolean;
  readonly lookupFirst: boolean;
}

/** The arguments after the three required ones: extra keys, then return_unmatched last. */
function trailing(
  call: PluginCall,
  family: Family,
  ctx: TranslateContext,
): { extraKeys: Name[]; returnUnmatched: boolean } {
  const extraKeys: Name[] = [];
  let returnUnmatched = false;
  for (let i = 3; i < call.args.length; i++) {
    const a = call.args[i]!;
    const e = a.kind === 'scalar' ? a.expr : undefined;
    const last = i === call.args.length - 1;
    if (a.kind === 'scalar' && a.name?.text === 'return_unmatched') {
      if (!last || e?.kind !== 'literal' || e.type !== 'bool')
        throw ctx.error('type', 'return_unmatched is the last argument, true or false', a.span);
      returnUnmatched = e.value === true;
    } else if (last && e?.kind === 'literal' && e.type === 'bool')
      returnUnmatched = e.value === true;
    else if (family.extraKeys) extraKeys.push(columnArgument(call, i, ctx));
    else
      throw ctx.error(
        'type',
        `${family.name}() takes a lookup table, two key columns and return_unmatched`,
        a.span,
      );
  }
  return { extraKeys, returnUnmatched };
}

function ipLookup(family: Family): PluginSpec {
  return definePlugin({
    name: family.name,
    translate(call, left, ctx) {
      if (call.args.length < 3)
        throw ctx.error(
          'type',
          `${family.name}() takes a lookup table, an input column and a lookup column`,
          call.span,
        );
      const right = ctx.translatePipeline(tabularArgument(call, 0, ctx));
      const sourceKey = columnArgument(call, 1, ctx);
      const lookupKey = columnArgument(call, 2, ctx);
      const { extraKeys, returnUnmatched } = trailing(call, family, ctx);
      const ip = column(left, sourceKey, `the input of ${family.name}`, ctx);
      const range = column(right, lookupKey, `the lookup table of ${family.name}`, ctx);
      for (const [c, n] of [
        [ip, sourceKey],
        [range, lookupKey],
      ] as const) {
        if (c.type !== 'string')
          throw ctx.error(
            'type',
            `${family.name} compares IP address strings; "${c.name}" is ${c.type}`,
            n.span,
          );
      }
      // A value that is not an address or prefix matches nothing (the UDF answers null).
      const conds = [
        `${family.compare}(l.${sqlColumn(left.columns, ip.name)}, r.${sqlColumn(right.columns, range.name)}, CAST(NULL AS DOUBLE)) = 0`,
      ];
      for (const k of extraKeys) {
        const l = column(left, k, `the input of ${family.name}`, ctx);
        const r = column(right, k, `the lookup table of ${family.name}`, ctx);
        conds.push(`l.${sqlColumn(left.columns, l.name)} = r.${sqlColumn(right.columns, r.name)}`);
      }
      const extra = new Set(extraKeys.map((k) => k.text));
      const leftItems = left.columns.map((c, i) => ({
        c,
        sql: `l.${sqlColumns(left.columns)[i]}`,
        fromLookup: false,
      }));
      const rightItems = right.columns
        .filter((c) => !extra.has(c.name))
        .map((c) => ({ c, sql: `r.${sqlColumn(right.columns, c.name)}`, fromLookup: true }));
      const taken = new Set<string>();
      const columns: ColumnSchema[] = [];
      const select: string[] = [];
      for (const item of family.lookupFirst
        ? [...rightItems, ...leftItems]
        : [...leftItems, ...rightItems]) {
        let name = item.c.name;
        for (let i = 1; taken.has(name); i++) name = `${item.c.name}${i}`;
        taken.add(name);
        columns.push({ name, type: item.c.type });
        // An unmatched row's lookup strings are "" (KQL strings are never null).
        select.push(
          returnUnmatched && item.fromLookup && item.c.type === 'string'
            ? `coalesce(${item.sql}, '')`
            : item.sql,
        );
      }
      const out = sqlColumns(columns);
      const join = returnUnmatched ? 'LEFT JOIN' : 'JOIN';
      const body = `SELECT ${select.map((s, i) => `${s} AS ${out[i]}`).join(', ')} FROM ${left.cte} AS l ${join} ${right.cte} AS r ON ${conds.join(' AND ')}`;
      return { cte: ctx.addCte(family.name, body, call.span), columns };
    },
  });
}

export const IPV4_LOOKUP = ipLookup({
  name: 'ipv4_lookup',
  compare: 'kql_ipv4_compare',
  extraKeys: true,
  lookupFirst: false,
});
export const IPV6_LOOKUP = ipLookup({
  name: 'ipv6_lookup',
  compare: 'kql_ipv6_compare',
  extraKeys: false,
  lookupFirst: true,
});
