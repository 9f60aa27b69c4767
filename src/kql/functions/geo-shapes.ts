/**
 * Geospatial measurements on GeoJSON lines and polygons (Kusto's geo_* pages): on Kusto's sphere
 * (radius 6371010 m, ./geo.ts) with geodesic edges; computed by the UDFs of ../runtime/geo-shapes.ts,
 * which give null for an invalid shape, coordinate or parameter, as the pages say.
 */
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import { boolCall, realCall } from '../runtime/udf.ts';
import {
  GEO_ANGLE,
  GEO_AZIMUTH,
  GEO_CLOSEST_POINT_ON_LINE,
  GEO_CLOSEST_POINT_ON_POLYGON,
  GEO_DISTANCE_POINT_TO_LINE,
  GEO_DISTANCE_POINT_TO_POLYGON,
  GEO_INTERSECTS_2LINES,
  GEO_INTERSECTS_2POLYGONS,
  GEO_INTERSECTS_LINE_WITH_POLYGON,
  GEO_UNION_POLYGONS_ARRAY,
  GEO_LINE_SIMPLIFY,
  GEO_POLYGON_SIMPLIFY,
  GEO_SIMPLIFY_POLYGONS_ARRAY,
  GEO_LINE_CENTROID,
  GEO_LINE_DENSIFY,
  GEO_LINE_INTERPOLATE_POINT,
  GEO_LINE_LENGTH,
  GEO_LINE_LOCATE_POINT,
  GEO_POLYGON_AREA,
  GEO_POLYGON_CENTROID,
  GEO_POLYGON_DENSIFY,
  GEO_POLYGON_PERIMETER,
} from '../runtime/geo-shapes.ts';
import { GEO_INTERSECTION_2POLYGONS } from '../runtime/geo-ops.ts';
import type { KqlUdf } from '../runtime/udf.ts';

const NUMERIC = ['long', 'int', 'real', 'decimal'] as const;

function real(a: readonly Typed[], i: number, s: CallSite): string {
  return `CAST(${expectType(a, i, s, ...NUMERIC).sql} AS DOUBLE)`;
}

const shape = (a: readonly Typed[], i: number, s: CallSite): string =>
  expectType(a, i, s, 'dynamic').sql;

/** A real-valued function of shapes/numbers: each argument is `real` or `shape`. */
function measure(
  name: string,
  fn: KqlUdf,
  kinds: readonly ('real' | 'shape')[],
  type: 'real' | 'dynamic' | 'bool',
  extra?: { maxArgs: number; check: (a: readonly Typed[], s: CallSite) => void },
): ScalarFunction {
  return {
    name,
    minArgs: kinds.length,
    maxArgs: extra?.maxArgs ?? kinds.length,
    translate: (a, s) => {
      extra?.check(a, s);
      const args = kinds.map((k, i) => (k === 'real' ? real(a, i, s) : shape(a, i, s)));
      const sql = (fn.call as (...x: string[]) => string)(...args);
      return {
        sql: type === 'real' ? realCall(sql) : type === 'bool' ? boolCall(sql) : sql,
        type,
      };
    },
  };
}

/** Only the sphere is implemented: `use_spheroid` may be omitted or false. */
function sphereOnly(i: number) {
  return (a: readonly Typed[], s: CallSite): void => {
    if (a.length <= i) return;
    const u = expectType(a, i, s, 'bool', ...NUMERIC);
    if (u.literal === false || u.literal === 0 || /^(FALSE|false|0)$/.test(u.sql.trim())) return;
    s.fail(
      `${s.name}(): use_spheroid = true (measuring on the WGS-84 ellipsoid) is not supported by Loupe yet; omit it or pass false to measure on the sphere`,
      i,
    );
  };
}

/** geo_line_densify / geo_polygon_densify(shape [, tolerance = 10] [, preserve_crossing = false]). */
function densify(name: string, fn: KqlUdf): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 3,
    translate: (a, s) => {
      if (a.length === 3) {
        const p = expectType(a, 2, s, 'bool');
        if (!(p.literal === false || /^(FALSE|false)$/.test(p.sql.trim())))
          s.fail(
            `${name}(): preserve_crossing = true (keeping edges that cross the antimeridian) is not supported by Loupe yet; omit it or pass false`,
            2,
          );
      }
      const tol = a.length >= 2 ? real(a, 1, s) : '10';
      return { sql: (fn.call as (...x: string[]) => string)(shape(a, 0, s), tol), type: 'dynamic' };
    },
  };
}

/** geo_line_simplify / geo_polygon_simplify(shape [, tolerance = 10]). */
function simplify(name: string, fn: KqlUdf): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => {
      const tol = a.length >= 2 ? real(a, 1, s) : '10';
      return { sql: (fn.call as (...x: string[]) => string)(shape(a, 0, s), tol), type: 'dynamic' };
    },
  };
}

export const GEO_SHAPE_FUNCTIONS: ScalarFunction[] = [
  measure('geo_azimuth', GEO_AZIMUTH, ['real', 'real', 'real', 'real'], 'real'),
  measure('geo_angle', GEO_ANGLE, ['real', 'real', 'real', 'real', 'real', 'real'], 'real'),
  measure('geo_line_length', GEO_LINE_LENGTH, ['shape'], 'real'),
  measure('geo_line_centroid', GEO_LINE_CENTROID, ['shape'], 'dynamic'),
  measure('geo_polygon_area', GEO_POLYGON_AREA, ['shape'], 'real'),
  measure('geo_polygon_perimeter', GEO_POLYGON_PERIMETER, ['shape'], 'real'),
  measure('geo_polygon_centroid', GEO_POLYGON_CENTROID, ['shape'], 'dynamic'),
  measure(
    'geo_distance_point_to_line',
    GEO_DISTANCE_POINT_TO_LINE,
    ['real', 'real', 'shape'],
    'real',
  ),
  measure(
    'geo_distance_point_to_polygon',
    GEO_DISTANCE_POINT_TO_POLYGON,
    ['real', 'real', 'shape'],
    'real',
  ),
  measure(
    'geo_closest_point_on_line',
    GEO_CLOSEST_POINT_ON_LINE,
    ['real', 'real', 'shape'],
    'dynamic',
  ),
  measure(
    'geo_closest_point_on_polygon',
    GEO_CLOSEST_POINT_ON_POLYGON,
    ['real', 'real', 'shape'],
    'dynamic',
  ),
  measure('geo_line_interpolate_point', GEO_LINE_INTERPOLATE_POINT, ['shape', 'real'], 'dynamic'),
  measure('geo_line_locate_point', GEO_LINE_LOCATE_POINT, ['shape', 'real', 'real'], 'real', {
    maxArgs: 4,
    check: sphereOnly(3),
  }),
  measure('geo_intersects_2lines', GEO_INTERSECTS_2LINES, ['shape', 'shape'], 'bool'),
  measure('geo_intersects_2polygons', GEO_INTERSECTS_2POLYGONS, ['shape', 'shape'], 'bool'),
  measure(
    'geo_intersects_line_with_polygon',
    GEO_INTERSECTS_LINE_WITH_POLYGON,
    ['shape', 'shape'],
    'bool',
  ),
  measure('geo_intersection_2polygons', GEO_INTERSECTION_2POLYGONS, ['shape', 'shape'], 'dynamic'),
  measure('geo_union_polygons_array', GEO_UNION_POLYGONS_ARRAY, ['shape'], 'dynamic'),
  simplify('geo_line_simplify', GEO_LINE_SIMPLIFY),
  simplify('geo_polygon_simplify', GEO_POLYGON_SIMPLIFY),
  simplify('geo_simplify_polygons_array', GEO_SIMPLIFY_POLYGONS_ARRAY),
  densify('geo_line_densify', GEO_LINE_DENSIFY),
  densify('geo_polygon_densify', GEO_POLYGON_DENSIFY),
];
