/**
 * `evaluate geo_polygon_lookup(LookupTable, SourceLongitude, SourceLatitude, LookupPolygonKey
 * [, radius] [, return_unmatched] [, join_hint])` and `evaluate geo_line_lookup(LookupTable,
 * SourceLongitude, SourceLatitude, LookupLineKey, radius [, return_unmatched] [, join_hint])`
 * (Kusto docs, geo-polygon-lookup-plugin.md, geo-line-lookup-plugin.md).
 *
 * Each input row is joined with the lookup rows whose shape holds its location: a polygon contains
 * it (geo_point_in_polygon) or, with a radius, lies within radius meters of it
 * (geo_distance_point_to_polygon); a line lies within radius meters (geo_distance_point_to_line).
 * Output columns: the input's then the lookup table's (a name already taken gets 1, 2… like
 * `lookup`); unmatched rows (`return_unmatched = true`) get "" for the lookup table's strings.
 * `join_hint` only tunes Kusto's matching and is accepted and ignored.
 *
 * The pages' earlier syntax, which their published examples still use, put the shape column second
 * (`geo_polygon_lookup(LookupTable, LookupPolygonKey, SourceLongitude, SourceLatitude, …)`), named
 * the hint `lookup_area_radius`, and returned the shape column only with `return_lookup_key = true`:
 * a call whose second argument is a dynamic column of the lookup table is read that way.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { PluginArgument, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { GEO_LOOKUP_LINE, GEO_LOOKUP_POLYGON } from '../runtime/geo-lookup.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';
import type { Relation } from '../types.ts';
import { columnArgument, constantValue, tabularArgument } from './arguments.ts';
import { definePlugin, type PluginCall, type PluginSpec } from './spec.ts';

type Name = { readonly text: string; readonly span: Span };
type Scalar = Extract<PluginArgument, { kind: 'scalar' }>;

const NUMERIC = new Set(['real', 'long', 'int', 'decimal']);

function column(rel: Relation, name: Name, where: string, ctx: TranslateContext): ColumnSchema {
  const c = rel.columns.find((x) => x.name === name.text);
  if (!c) throw ctx.error('unknown-column', `${where} has no column "${name.text}"`, name.span);
  return c;
}

interface Options {
  radius?: number;
  returnUnmatched: boolean;
  returnKey: boolean;
}

/** The optional arguments after the four column arguments, by name or position. */
function options(
  call: PluginCall,
  positional: readonly string[],
  legacy: boolean,
  ctx: TranslateContext,
): Options {
  const given = new Map<string, Scalar>();
  call.args.slice(4).forEach((a, k) => {
    if (a.kind !== 'scalar')
      throw ctx.error('type', `argument ${k + 5} of ${call.name}() must be a scalar`, a.span);
    let name = (a.name?.text ?? positional[k])?.toLowerCase();
    if (name === 'lookup_area_radius') name = 'join_hint';
    if (!name || !['radius', 'return_unmatched', 'join_hint', 'return_lookup_key'].includes(name))
      throw ctx.error(
        'type',
        `${call.name}() has no parameter ${a.name ? `"${a.name.text}"` : `at position ${k + 5}`}`,
        a.span,
      );
    if (given.has(name))
      throw ctx.error('type', `${call.name}(): "${name}" is given twice`, a.span);
    given.set(name, a);
  });
  const num = (n: string): number | undefined => {
    const a = given.get(n);
    if (!a) return undefined;
    const v = constantValue(a, ctx);
    const x = typeof v === 'bigint' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      throw ctx.error('type', `${call.name}(): ${n} must be a non-negative number`, a.span);
    return x;
  };
  const bool = (n: string, dflt: boolean): boolean => {
    const a = given.get(n);
    if (!a) return dflt;
    const v = constantValue(a, ctx);
    if (typeof v !== 'boolean')
      throw ctx.error('type', `${call.name}(): ${n} must be true or false`, a.span);
    return v;
  };
  num('join_hint');
  return {
    radius: num('radius'),
    returnUnmatched: bool('return_unmatched', false),
    returnKey: bool('return_lookup_key', !legacy),
  };
}

function geoLookup(kind: 'polygon' | 'line'): PluginSpec {
  const name = kind === 'polygon' ? 'geo_polygon_lookup' : 'geo_line_lookup';
  return definePlugin({
    name,
    translate(call, left, ctx) {
      if (call.args.length < 4)
        throw ctx.error(
          'type',
          `${name}() takes a lookup table, the input's longitude and latitude columns and the lookup table's ${kind} column`,
          call.span,
        );
      const right = ctx.translatePipeline(tabularArgument(call, 0, ctx));
      const second = columnArgument(call, 1, ctx);
      const legacy =
        right.columns.some((c) => c.name === second.text && c.type === 'dynamic') &&
        !left.columns.some((c) => c.name === second.text);
      const [lonName, latName, keyName] = legacy
        ? [columnArgument(call, 2, ctx), columnArgument(call, 3, ctx), second]
        : [second, columnArgument(call, 2, ctx), columnArgument(call, 3, ctx)];
      const positional = legacy
        ? kind === 'polygon'
          ? ['return_unmatched', 'join_hint', 'return_lookup_key']
          : ['radius', 'return_unmatched', 'join_hint', 'return_lookup_key']
        : ['radius', 'return_unmatched', 'join_hint'];
      const opts = options(call, positional, legacy, ctx);
      if (kind === 'line' && opts.radius === undefined)
        throw ctx.error('type', `${name}() needs a radius (meters)`, call.span);
      const lon = column(left, lonName, `the input of ${name}`, ctx);
      const lat = column(left, latName, `the input of ${name}`, ctx);
      const key = column(right, keyName, `the lookup table of ${name}`, ctx);
      for (const [c, n] of [
        [lon, lonName],
        [lat, latName],
      ] as const)
        if (!NUMERIC.has(c.type))
          throw ctx.error('type', `${name}(): "${c.name}" must be a number, not ${c.type}`, n.span);
      if (key.type !== 'dynamic')
        throw ctx.error(
          'type',
          `${name}(): "${key.name}" must be a dynamic GeoJSON ${kind}, not ${key.type}`,
          keyName.span,
        );
      const x = `l.${sqlColumn(left.columns, lon.name)}`;
      const y = `l.${sqlColumn(left.columns, lat.name)}`;
      const shape = `r.${sqlColumn(right.columns, key.name)}`;
      // An invalid location or shape matches nothing (the UDFs answer null).
      const radius = opts.radius === undefined ? 'CAST(NULL AS DOUBLE)' : String(opts.radius);
      const cond = `${(kind === 'line' ? GEO_LOOKUP_LINE : GEO_LOOKUP_POLYGON).call(x, y, shape, radius)} = 1`;
      const items = [
        ...left.columns.map((c, i) => ({
          c,
          sql: `l.${sqlColumns(left.columns)[i]}`,
          look: false,
        })),
        ...right.columns
          .filter((c) => opts.returnKey || c.name !== key.name)
          .map((c) => ({ c, sql: `r.${sqlColumn(right.columns, c.name)}`, look: true })),
      ];
      const taken = new Set<string>();
      const columns: ColumnSchema[] = [];
      const select: string[] = [];
      for (const item of items) {
        let n = item.c.name;
        for (let i = 1; taken.has(n); i++) n = `${item.c.name}${i}`;
        taken.add(n);
        columns.push({ name: n, type: item.c.type });
        select.push(
          opts.returnUnmatched && item.look && item.c.type === 'string'
            ? `coalesce(${item.sql}, '')`
            : item.sql,
        );
      }
      const out = sqlColumns(columns);
      const join = opts.returnUnmatched ? 'LEFT JOIN' : 'JOIN';
      const body = `SELECT ${select.map((s, i) => `${s} AS ${out[i]}`).join(', ')} FROM ${left.cte} AS l ${join} ${right.cte} AS r ON ${cond}`;
      return { cte: ctx.addCte(name, body, call.span), columns };
    },
  });
}

export const GEO_POLYGON_LOOKUP = geoLookup('polygon');
export const GEO_LINE_LOOKUP = geoLookup('line');
