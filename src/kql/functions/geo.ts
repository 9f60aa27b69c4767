/**
 * Geospatial functions that need only spherical geometry (Kusto's geo_* pages). Coordinates are
 * WGS-84 degrees; distances are measured on Kusto's sphere, whose radius is 6371010 m (the value
 * that reproduces geo_distance_2points' documented Seattle → Los Angeles distance, 1546754.35197381 m,
 * to every printed digit with the haversine formula). Invalid coordinates (longitude outside
 * [-180, 180], latitude outside [-90, 90]) give null, as the pages say.
 */
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import { POINT_TO_GEOHASH } from '../runtime/geo.ts';

/** Kusto's Earth sphere radius in meters (see the module comment). */
export const EARTH_RADIUS_M = 6371010;

const NUMERIC = ['long', 'int', 'real', 'decimal'] as const;

function real(a: readonly Typed[], i: number, s: CallSite): string {
  return `CAST(${expectType(a, i, s, ...NUMERIC).sql} AS DOUBLE)`;
}

/** TRUE when (lon, lat) is a valid coordinate; NULL when either is null. */
function validPoint(lon: string, lat: string): string {
  return `(${lon} BETWEEN -180 AND 180 AND ${lat} BETWEEN -90 AND 90)`;
}

/** Great-circle distance in meters between two points (haversine on the sphere), null when invalid. */
function sphereDistance(lon1: string, lat1: string, lon2: string, lat2: string): string {
  const h = `(pow(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians(${lon2} - ${lon1}) / 2), 2))`;
  return `CASE WHEN ${validPoint(lon1, lat1)} AND ${validPoint(lon2, lat2)} THEN ${2 * EARTH_RADIUS_M} * asin(sqrt(least(1.0, ${h}))) END`;
}

export const GEO_FUNCTIONS: ScalarFunction[] = [
  {
    // geo_distance_2points(p1_lon, p1_lat, p2_lon, p2_lat [, use_spheroid])
    name: 'geo_distance_2points',
    minArgs: 4,
    maxArgs: 5,
    translate: (a, s) => {
      if (a.length === 5) {
        const u = expectType(a, 4, s, 'bool');
        // Only the sphere (Kusto's default) is implemented; the spheroid needs a geodesic solver.
        if (!/^(FALSE|false)$/.test(u.sql.trim())) {
          return s.fail(
            'geo_distance_2points(): use_spheroid = true (distance on the WGS-84 ellipsoid) is not supported by Loupe yet; omit it or pass false to measure on the sphere',
          );
        }
      }
      return {
        sql: sphereDistance(real(a, 0, s), real(a, 1, s), real(a, 2, s), real(a, 3, s)),
        type: 'real',
      };
    },
  },
  {
    // geo_point_in_circle(p_lon, p_lat, pc_lon, pc_lat, c_radius): a spherical cap; radius must be positive.
    name: 'geo_point_in_circle',
    minArgs: 5,
    maxArgs: 5,
    translate: (a, s) => {
      const r = real(a, 4, s);
      const d = sphereDistance(real(a, 0, s), real(a, 1, s), real(a, 2, s), real(a, 3, s));
      return { sql: `CASE WHEN ${r} > 0 THEN ${d} <= ${r} END`, type: 'bool' };
    },
  },
  {
    // geo_point_to_geohash(lon, lat [, accuracy = 5]): "" for an invalid coordinate or accuracy (1–18).
    name: 'geo_point_to_geohash',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const acc =
        a.length === 3 ? `CAST(${expectType(a, 2, s, 'long', 'int').sql} AS BIGINT)` : '5';
      // Out-of-INTEGER accuracies are invalid anyway: clamp them to 0 before the UDF's INTEGER cast.
      const accSql = `CASE WHEN ${acc} BETWEEN 1 AND 18 THEN ${acc} ELSE 0 END`;
      return {
        sql: `coalesce(${POINT_TO_GEOHASH.call(real(a, 0, s), real(a, 1, s), accSql)}, '')`,
        type: 'string',
      };
    },
  },
];
