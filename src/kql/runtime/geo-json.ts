/**
 * The one reader of GeoJSON lines and polygons for every geo_* function (./geo-shapes.ts,
 * ./geo-cells.ts, ./geo-ops.ts), so that a shape is valid or invalid the same way everywhere. It
 * applies the constraints Kusto's pages list ("LineString definition and constraints", "Polygon
 * definition and constraints"):
 *
 * - a position is [longitude, latitude] or [longitude, latitude, altitude] (the altitude is
 *   ignored), longitude in [-180, +180], latitude in [-90, +90];
 * - a LineString has at least two positions; a MultiLineString at least one LineString;
 * - a LinearRing has at least four positions, the last equal to the first, at least three distinct
 *   vertices and no vertex repeated (the poles and the antimeridian have several spellings: they
 *   count as one point); a Polygon has a shell and any holes; a MultiPolygon at least one Polygon;
 * - every edge is shorter than 180° (its two ends not antipodal), so the geodesic between them is
 *   the shorter one.
 *
 * Anything else is invalid: the reader answers null and the function null, as the pages say.
 * Orientation, crossings and the hemisphere limit are the caller's concern.
 */
import { parseDynamic } from './dynamic.ts';

export type LonLat = readonly [number, number];

const DEG = Math.PI / 180;

/** A longitude in [-180, 180] and a latitude in [-90, 90], both numbers. */
export const validLonLat = (lon: unknown, lat: unknown): boolean =>
  typeof lon === 'number' &&
  typeof lat === 'number' &&
  lon >= -180 &&
  lon <= 180 &&
  lat >= -90 &&
  lat <= 90;

/** A GeoJSON position, or null. */
export function position(c: unknown): LonLat | null {
  if (!Array.isArray(c) || c.length < 2 || c.length > 3) return null;
  const [lon, lat] = c as unknown[];
  return validLonLat(lon, lat) ? [lon as number, lat as number] : null;
}

/** The same point spelled one way: a pole has longitude 0, the antimeridian is +180. */
function canonicalKey([lon, lat]: LonLat): string {
  if (lat === 90 || lat === -90) return `0,${lat}`;
  return `${lon === -180 ? 180 : lon},${lat}`;
}

/** Whether two positions are antipodal or so close to it that the geodesic is ambiguous. */
function antipodal(a: LonLat, b: LonLat): boolean {
  const ua = unit(a);
  const ub = unit(b);
  const cx = ua[1] * ub[2] - ua[2] * ub[1];
  const cy = ua[2] * ub[0] - ua[0] * ub[2];
  const cz = ua[0] * ub[1] - ua[1] * ub[0];
  const d = ua[0] * ub[0] + ua[1] * ub[1] + ua[2] * ub[2];
  return Math.atan2(Math.hypot(cx, cy, cz), d) >= Math.PI - 1e-12;
}

function unit([lon, lat]: LonLat): [number, number, number] {
  const c = Math.cos(lat * DEG);
  return [c * Math.cos(lon * DEG), c * Math.sin(lon * DEG), Math.sin(lat * DEG)];
}

/** At least `min` valid positions, or null. */
function positions(c: unknown, min: number): LonLat[] | null {
  if (!Array.isArray(c) || c.length < min) return null;
  const out: LonLat[] = [];
  for (const p of c) {
    const ll = position(p);
    if (!ll) return null;
    out.push(ll);
  }
  return out;
}

/** A LineString's positions (every edge shorter than 180°), or null. */
function lineString(c: unknown): LonLat[] | null {
  const line = positions(c, 2);
  if (!line) return null;
  for (let i = 1; i < line.length; i++) if (antipodal(line[i - 1]!, line[i]!)) return null;
  return line;
}

/** A closed LinearRing's positions (last = first), or null. */
function linearRing(c: unknown): LonLat[] | null {
  const ring = positions(c, 4);
  if (!ring) return null;
  const keys = ring.map(canonicalKey);
  if (keys[0] !== keys[keys.length - 1]) return null;
  const open = keys.slice(0, -1);
  if (open.length < 3 || new Set(open).size !== open.length) return null;
  for (let i = 1; i < ring.length; i++) if (antipodal(ring[i - 1]!, ring[i]!)) return null;
  return ring;
}

/** A Polygon's rings, shell first, or null. */
function polygon(c: unknown): LonLat[][] | null {
  if (!Array.isArray(c) || c.length < 1) return null;
  const rings: LonLat[][] = [];
  for (const r of c) {
    const ring = linearRing(r);
    if (!ring) return null;
    rings.push(ring);
  }
  return rings;
}

/** The `type` and `coordinates` of a GeoJSON geometry given as dynamic (JSON) text, or null. */
export function geometryOf(text: string | null): { type: string; coordinates: unknown[] } | null {
  if (text === null) return null;
  let v: unknown;
  try {
    v = parseDynamic(text);
  } catch {
    return null;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.type !== 'string' || !Array.isArray(o.coordinates)) return null;
  return { type: o.type, coordinates: o.coordinates };
}

/** A geometry of one kind or its Multi form: its parts, or null when it or any part is invalid. */
function singleOrMulti<T>(
  text: string | null,
  single: string,
  part: (coordinates: unknown) => T | null,
): { multi: boolean; parts: T[] } | null {
  const g = geometryOf(text);
  if (!g) return null;
  if (g.type === single) {
    const p = part(g.coordinates);
    return p ? { multi: false, parts: [p] } : null;
  }
  if (g.type !== `Multi${single}` || g.coordinates.length === 0) return null;
  const parts: T[] = [];
  for (const c of g.coordinates) {
    const p = part(c);
    if (!p) return null;
    parts.push(p);
  }
  return { multi: true, parts };
}

/** A LineString or MultiLineString: its lines' positions, or null when invalid. */
export function readLines(text: string | null): { multi: boolean; lines: LonLat[][] } | null {
  const r = singleOrMulti(text, 'LineString', lineString);
  return r && { multi: r.multi, lines: r.parts };
}

/** A Polygon or MultiPolygon: each polygon's closed rings (shell first), or null when invalid. */
export function readPolygons(
  text: string | null,
): { multi: boolean; polygons: LonLat[][][] } | null {
  const r = singleOrMulti(text, 'Polygon', polygon);
  return r && { multi: r.multi, polygons: r.parts };
}

/**
 * The shapes of a dynamic array of GeoJSON values (geo_union_*_array), each read by `read`; null
 * when the text is not a non-empty array or any element is not a valid shape, as Kusto's pages say.
 */
export function readShapeArray<T>(
  text: string | null,
  read: (element: string) => readonly T[] | null,
): T[] | null {
  if (text === null) return null;
  let arr: unknown;
  try {
    arr = parseDynamic(text);
  } catch {
    return null;
  }
  if (!Array.isArray(arr) || arr.length === 0) return null;
  const shapes: T[] = [];
  for (const element of arr) {
    const r = read(JSON.stringify(element));
    if (!r) return null;
    shapes.push(...r);
  }
  return shapes;
}
