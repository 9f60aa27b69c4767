/**
 * The matching UDFs of the geo_polygon_lookup / geo_line_lookup plugins (../plugins/geo-lookup.ts).
 * The plugins join every input row with every lookup row, so each shape is parsed once (a bounded
 * memo keyed by its text) and a shape of more than MAX_LOOKUP_VERTICES vertices matches nothing:
 * the lookup table is user data, and a pair's cost stays bounded by that cap.
 */
import { pointInPolygon } from './geo-cells.ts';
import {
  closestOnChains,
  containsPoint,
  parseLines,
  parsePolygons,
  polygonChains,
  R,
  toVec,
  type Polygon,
  type Polyline,
  type Vec,
} from './geo-shapes.ts';
import { udf } from './udf.ts';
import { memo } from './memo.ts';
import { validLonLat } from './geo-json.ts';

/** Shapes with more vertices match nothing (docs/kql.md, geo lookup plugins). */
export const MAX_LOOKUP_VERTICES = 100_000;

const polygonMemo = memo<Polygon[] | null>(256);
const lineMemo = memo<Polyline[] | null>(256);

function polygonsOf(text: string): Polygon[] | null {
  return polygonMemo(text, () => {
    const p = parsePolygons(text);
    if (!p) return null;
    const n = p.polygons.reduce((s, poly) => s + poly.reduce((t, r) => t + r.vecs.length, 0), 0);
    return n > MAX_LOOKUP_VERTICES ? null : p.polygons;
  });
}

function linesOf(text: string): Polyline[] | null {
  return lineMemo(text, () => {
    const l = parseLines(text);
    if (!l) return null;
    const n = l.lines.reduce((s, x) => s + x.vecs.length, 0);
    return n > MAX_LOOKUP_VERTICES ? null : l.lines;
  });
}

function pointOf(lon: number | null, lat: number | null): Vec | null {
  // validLonLat: both are numbers in range.
  return validLonLat(lon, lat) ? toVec([lon as number, lat as number]) : null;
}

/**
 * Whether (lon, lat) matches a polygon: inside it (geo_point_in_polygon's S2 rule) when `radius` is
 * null, else within `radius` meters of it (geo_distance_point_to_polygon); null when invalid.
 */
export function lookupPolygon(
  lon: number | null,
  lat: number | null,
  text: string | null,
  radius: number | null,
): number | null {
  if (text === null) return null;
  const polys = polygonsOf(text);
  if (!polys) return null;
  if (radius === null) return pointInPolygon(lon, lat, text);
  const p = pointOf(lon, lat);
  if (!p) return null;
  const inside = containsPoint(polys, p);
  if (inside === null) return null;
  if (inside) return 1;
  const c = closestOnChains(p, polygonChains(polys));
  return c ? (c.dist * R <= radius ? 1 : 0) : null;
}

/** Whether (lon, lat) lies within `radius` meters of a line (geo_distance_point_to_line). */
export function lookupLine(
  lon: number | null,
  lat: number | null,
  text: string | null,
  radius: number | null,
): number | null {
  if (text === null || radius === null) return null;
  const lines = linesOf(text);
  const p = pointOf(lon, lat);
  if (!lines || !p) return null;
  const c = closestOnChains(
    p,
    lines.map((x) => ({ vecs: x.vecs, closed: false })),
  );
  return c ? (c.dist * R <= radius ? 1 : 0) : null;
}

export const GEO_LOOKUP_POLYGON = udf(
  'kql_geo_lookup_polygon',
  ['DOUBLE', 'DOUBLE', 'VARCHAR', 'DOUBLE'],
  'INTEGER',
  lookupPolygon,
);
export const GEO_LOOKUP_LINE = udf(
  'kql_geo_lookup_line',
  ['DOUBLE', 'DOUBLE', 'VARCHAR', 'DOUBLE'],
  'INTEGER',
  lookupLine,
);
