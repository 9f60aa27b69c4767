/** Geospatial runtime functions (../functions/geo.ts): Geohash encoding. */
import { udf } from './udf.ts';

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/**
 * The Geohash of (lon, lat) with `accuracy` characters (1–18): bits alternate longitude then
 * latitude, each halving its interval (a value on the midpoint goes to the upper half), five bits a
 * character. Invalid coordinates or accuracy give "" (Kusto: an empty result).
 */
export function pointToGeohash(
  lon: number | null,
  lat: number | null,
  accuracy: number | null,
): string {
  if (lon === null || lat === null || accuracy === null) return '';
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return '';
  if (!Number.isInteger(accuracy) || accuracy < 1 || accuracy > 18) return '';
  let lonLo = -180,
    lonHi = 180,
    latLo = -90,
    latHi = 90;
  let out = '';
  let bit = 0,
    ch = 0,
    even = true;
  while (out.length < accuracy) {
    if (even) {
      const mid = (lonLo + lonHi) / 2;
      if (lon >= mid) {
        ch = ch * 2 + 1;
        lonLo = mid;
      } else {
        ch *= 2;
        lonHi = mid;
      }
    } else {
      const mid = (latLo + latHi) / 2;
      if (lat >= mid) {
        ch = ch * 2 + 1;
        latLo = mid;
      } else {
        ch *= 2;
        latHi = mid;
      }
    }
    even = !even;
    if (++bit === 5) {
      out += BASE32[ch];
      bit = 0;
      ch = 0;
    }
  }
  return out;
}

export const POINT_TO_GEOHASH = udf(
  'kql_geo_point_to_geohash',
  ['DOUBLE', 'DOUBLE', 'INTEGER'],
  'VARCHAR',
  pointToGeohash,
);
