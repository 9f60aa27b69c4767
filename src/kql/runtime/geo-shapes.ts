/**
 * Geospatial measurements on lines and polygons (../functions/geo-shapes.ts), as Kusto's geo_*
 * pages define them: coordinates are WGS-84 degrees, the datum is a sphere of radius 6371010 m
 * (EARTH_RADIUS_M, ../functions/geo.ts) and every edge is a geodesic (a great-circle arc, the
 * shorter one). Shapes are GeoJSON in dynamic values (JSON text); an invalid shape or coordinate
 * gives null, as the pages say.
 *
 * Points are unit vectors of R³. Angles between vectors use atan2(|a×b|, a·b), accurate for small
 * and large angles alike. Operations that need a plane (point in polygon, polygon union) use the
 * gnomonic projection centred on the shape: it maps great circles to straight lines, so planar
 * geometry on the projected coordinates is exact spherical geometry with geodesic edges. It covers
 * shapes lying within 90° of their centre (an open hemisphere); a polygon spanning more than that
 * gives null (documented in docs/kql.md). A multipolygon is measured as the union of its polygons
 * (Kusto: "the result will be the area of polygons union"), computed by polyclip-ts on the
 * projection.
 */
import { union as polyUnion, type Geom } from 'polyclip-ts';
import { udf } from './udf.ts';
import { readLines, readPolygons, readShapeArray, validLonLat, type LonLat } from './geo-json.ts';

/** Kusto's Earth sphere radius in meters (same value as ../functions/geo.ts EARTH_RADIUS_M). */
export const R = 6371010;
const DEG = Math.PI / 180;

export type Vec = readonly [number, number, number];
export type { LonLat };

// --- vector helpers (also geo-ops', geo-cells' and geo-lookup's) ---------------------------------

export const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const norm = (a: Vec): number => Math.hypot(a[0], a[1], a[2]);
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];
const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export function normalize(a: Vec): Vec {
  const n = norm(a);
  return n === 0 ? a : scale(a, 1 / n);
}

export function toVec([lon, lat]: LonLat): Vec {
  const phi = lat * DEG;
  const lam = lon * DEG;
  const c = Math.cos(phi);
  return [c * Math.cos(lam), c * Math.sin(lam), Math.sin(phi)];
}

export function toLonLat(v: Vec): [number, number] {
  return [Math.atan2(v[1], v[0]) / DEG, Math.atan2(v[2], Math.hypot(v[0], v[1])) / DEG];
}

/** The angle between two unit vectors, in radians. */
export function angleBetween(a: Vec, b: Vec): number {
  return Math.atan2(norm(cross(a, b)), dot(a, b));
}

/** Two coordinates denote the same point (the poles and the antimeridian have several spellings). */
function samePoint(a: Vec, b: Vec): boolean {
  return angleBetween(a, b) < 1e-15;
}

/** An edge is valid when shorter than 180° (Kusto: "edge length must be less than 180 degrees"). */
function validEdge(a: Vec, b: Vec): boolean {
  return angleBetween(a, b) < Math.PI - 1e-12;
}

// --- parsing (./geo-json.ts validates; here the positions become unit vectors) ---------------

/** A polyline: its coordinates as given and as unit vectors. */
export interface Polyline {
  readonly coords: LonLat[];
  readonly vecs: Vec[];
}

/** A LineString or MultiLineString: its polylines, or null when invalid. */
export function parseLines(text: string | null): { multi: boolean; lines: Polyline[] } | null {
  const r = readLines(text);
  return (
    r && { multi: r.multi, lines: r.lines.map((coords) => ({ coords, vecs: coords.map(toVec) })) }
  );
}

/** A closed ring: its coordinates (last = first) and the unit vectors of its distinct vertices. */
export interface Ring {
  readonly coords: LonLat[];
  readonly vecs: Vec[];
}

/** A polygon: its shell then its holes. */
export type Polygon = Ring[];

/** A Polygon or MultiPolygon: its polygons, or null when invalid. */
export function parsePolygons(text: string | null): { multi: boolean; polygons: Polygon[] } | null {
  const r = readPolygons(text);
  return (
    r && {
      multi: r.multi,
      polygons: r.polygons.map((poly) =>
        poly.map((coords) => ({ coords, vecs: coords.slice(0, -1).map(toVec) })),
      ),
    }
  );
}

// --- gnomonic projection -----------------------------------------------------------------------

/** A gnomonic projection centred on `c`: great circles become straight lines. */
export class Gnomonic {
  private readonly e1: Vec;
  private readonly e2: Vec;
  constructor(readonly c: Vec) {
    const helper: Vec = Math.abs(c[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
    this.e1 = normalize(cross(helper, c));
    this.e2 = cross(c, this.e1);
  }
  /** Whether v is far enough inside the hemisphere around the centre to be projected. */
  covers(v: Vec): boolean {
    return dot(v, this.c) > 1e-6;
  }
  forward(v: Vec): [number, number] {
    const k = dot(v, this.c);
    return [dot(v, this.e1) / k, dot(v, this.e2) / k];
  }
  inverse([x, y]: readonly [number, number]): Vec {
    return normalize(add(this.c, add(scale(this.e1, x), scale(this.e2, y))));
  }
  /** The projection centred on a set of points, when all of them fit in it. */
  static around(points: readonly Vec[]): Gnomonic | null {
    let s: Vec = [0, 0, 0];
    for (const p of points) s = add(s, p);
    if (norm(s) < 1e-12) return null;
    const g = new Gnomonic(normalize(s));
    return points.every((p) => g.covers(p)) ? g : null;
  }
}

/** Even-odd test of a projected point against projected rings (holes included). */
export function insideRings(
  p: readonly [number, number],
  rings: readonly (readonly [number, number])[][],
) {
  let inside = false;
  const [x, y] = p;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i]!;
      const [xj, yj] = r[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** All the vertices of a set of polygons. */
export const verticesOf = (polygons: readonly Polygon[]): Vec[] =>
  polygons.flatMap((p) => p.flatMap((r) => r.vecs));

/** Whether v lies inside one of the polygons (null when they do not fit one projection). */
export function containsPoint(polygons: readonly Polygon[], v: Vec): boolean | null {
  const g = Gnomonic.around(verticesOf(polygons));
  if (!g) return null;
  if (!g.covers(v)) return false;
  const p = g.forward(v);
  return polygons.some((poly) =>
    insideRings(
      p,
      poly.map((r) => r.vecs.map((x) => g.forward(x))),
    ),
  );
}

/**
 * The union of the polygons, as polygons (rings of unit vectors) — what Kusto measures for a
 * multipolygon. One polygon is its own union; null when the shapes do not fit one projection.
 */
export function unionOf(polygons: readonly Polygon[]): Vec[][][] | null {
  if (polygons.length === 1) return [polygons[0]!.map((r) => r.vecs)];
  const g = Gnomonic.around(verticesOf(polygons));
  if (!g) return null;
  const geoms: Geom[] = polygons.map((poly) =>
    poly.map((r) => {
      const pts = r.vecs.map((v) => g.forward(v));
      return [...pts, pts[0]!];
    }),
  );
  const out = polyUnion(geoms[0]!, ...geoms.slice(1));
  return out.map((poly) => poly.map((r) => r.slice(0, -1).map((p) => g.inverse(p))));
}

// --- measurements ----------------------------------------------------------------------------

/** Length in radians of a polyline (open) or ring (closed when `closed`). */
function pathAngle(vecs: readonly Vec[], closed: boolean): number {
  let s = 0;
  for (let i = 1; i < vecs.length; i++) s += angleBetween(vecs[i - 1]!, vecs[i]!);
  if (closed && vecs.length > 1) s += angleBetween(vecs[vecs.length - 1]!, vecs[0]!);
  return s;
}

/** Signed solid angle of the spherical triangle (a, b, c): positive when counterclockwise. */
function triangleArea(a: Vec, b: Vec, c: Vec): number {
  // Van Oosterom–Strackee, on differences from a for accuracy on small triangles.
  const num = dot(a, cross(sub(b, a), sub(c, a)));
  const den = 1 + dot(a, b) + dot(b, c) + dot(c, a);
  return 2 * Math.atan2(num, den);
}

/** Signed area (steradians) enclosed on the left of a ring. */
function signedRingArea(vecs: readonly Vec[]): number {
  let s = 0;
  const o = vecs[0]!;
  for (let i = 1; i + 1 < vecs.length; i++) s += triangleArea(o, vecs[i]!, vecs[i + 1]!);
  return s;
}

/** ∫ x dA over the region on the left of a ring (Stokes: ½ ∮ x × dx, exact for geodesic edges). */
function ringMoment(vecs: readonly Vec[]): Vec {
  let m: Vec = [0, 0, 0];
  for (let i = 0; i < vecs.length; i++) {
    const a = vecs[i]!;
    const b = vecs[(i + 1) % vecs.length]!;
    const n = cross(a, b);
    const l = norm(n);
    if (l === 0) continue;
    m = add(m, scale(n, (0.5 * Math.atan2(l, dot(a, b))) / l));
  }
  return m;
}

/** A ring's enclosed area (the smaller region) and its moment, oriented to that region. */
function ringMeasure(vecs: readonly Vec[]): { area: number; moment: Vec } {
  const a = signedRingArea(vecs);
  const m = ringMoment(vecs);
  return a >= 0 ? { area: a, moment: m } : { area: -a, moment: scale(m, -1) };
}

/** Area (m²), perimeter (m) and centroid of polygons (rings of unit vectors), shells minus holes. */
function polygonMeasures(polys: readonly Vec[][][]): {
  area: number;
  perimeter: number;
  moment: Vec;
} {
  let area = 0;
  let perimeter = 0;
  let moment: Vec = [0, 0, 0];
  for (const poly of polys) {
    poly.forEach((r, i) => {
      const m = ringMeasure(r);
      const sign = i === 0 ? 1 : -1;
      area += sign * m.area;
      moment = add(moment, scale(m.moment, sign));
      perimeter += pathAngle(r, true);
    });
  }
  return { area: area * R * R, perimeter: perimeter * R, moment };
}

function measuredUnion(text: string | null) {
  const p = parsePolygons(text);
  if (!p) return null;
  const u = unionOf(p.polygons);
  return u ? polygonMeasures(u) : null;
}

const realText = (x: number | null): string | null =>
  x === null || !Number.isFinite(x) ? null : String(x);

const pointJson = (v: Vec): string => {
  const [lon, lat] = toLonLat(v);
  return JSON.stringify({ type: 'Point', coordinates: [lon, lat] });
};

export function polygonArea(text: string | null): string | null {
  return realText(measuredUnion(text)?.area ?? null);
}

export function polygonPerimeter(text: string | null): string | null {
  return realText(measuredUnion(text)?.perimeter ?? null);
}

export function polygonCentroid(text: string | null): string | null {
  const m = measuredUnion(text);
  if (!m || norm(m.moment) === 0) return null;
  return pointJson(normalize(m.moment));
}

export function lineLength(text: string | null): string | null {
  const l = parseLines(text);
  if (!l) return null;
  return realText(l.lines.reduce((s, x) => s + pathAngle(x.vecs, false), 0) * R);
}

/** ∫ x ds along the edges of the lines: its direction is their centroid. */
export function lineCentroid(text: string | null): string | null {
  const l = parseLines(text);
  if (!l) return null;
  let m: Vec = [0, 0, 0];
  for (const line of l.lines) {
    for (let i = 1; i < line.vecs.length; i++) {
      const a = line.vecs[i - 1]!;
      const b = line.vecs[i]!;
      const s = add(a, b);
      const len = norm(s);
      if (len === 0) continue;
      // ∫ over the arc = 2 sin(θ/2) × its midpoint direction.
      m = add(m, scale(s, (2 * Math.sin(angleBetween(a, b) / 2)) / len));
    }
  }
  if (norm(m) === 0) {
    // Every edge has zero length: the lines are points; their centroid is their mean direction.
    for (const line of l.lines) for (const v of line.vecs) m = add(m, v);
    if (norm(m) === 0) return null;
  }
  return pointJson(normalize(m));
}

// --- azimuth and angle -----------------------------------------------------------------------

/** Azimuth in radians of the geodesic from p1 to p2, clockwise from north, in [0, 2π). */
export function azimuth(lon1: number, lat1: number, lon2: number, lat2: number): number | null {
  if (!validLonLat(lon1, lat1) || !validLonLat(lon2, lat2)) return null;
  const a = toVec([lon1, lat1]);
  const b = toVec([lon2, lat2]);
  if (samePoint(a, b) || !validEdge(a, b)) return null;
  // Directions at a: north and east in its tangent plane.
  const pole: Vec = [0, 0, 1];
  const east = cross(pole, a);
  if (norm(east) < 1e-15) return null; // from a pole every direction is south (or north)
  const e = normalize(east);
  const n = cross(a, e);
  const t = sub(b, scale(a, dot(a, b)));
  let az = Math.atan2(dot(t, e), dot(t, n));
  if (az < 0) az += 2 * Math.PI;
  return az;
}

/** Clockwise angle in radians at p2 from the geodesic p2→p1 to the geodesic p2→p3, in [0, 2π). */
export function angle3(
  lon1: number,
  lat1: number,
  lon2: number,
  lat2: number,
  lon3: number,
  lat3: number,
): number | null {
  const a1 = azimuth(lon2, lat2, lon1, lat1);
  const a3 = azimuth(lon2, lat2, lon3, lat3);
  if (a1 === null || a3 === null) return null;
  let d = a3 - a1;
  if (d < 0) d += 2 * Math.PI;
  return d;
}

// --- closest points --------------------------------------------------------------------------

/** The point of the geodesic edge a→b closest to p. */
export function closestOnEdge(p: Vec, a: Vec, b: Vec): Vec {
  const n = cross(a, b);
  if (norm(n) < 1e-300) return a;
  if (dot(p, cross(n, a)) > 0 && dot(p, cross(b, n)) > 0) {
    const nn = normalize(n);
    const t = sub(p, scale(nn, dot(p, nn)));
    if (norm(t) > 1e-300) return normalize(t);
  }
  return angleBetween(p, a) <= angleBetween(p, b) ? a : b;
}

/** The closest point of a set of edge chains to p, with its distance (radians). */
export function closestOnChains(
  p: Vec,
  chains: readonly { vecs: readonly Vec[]; closed: boolean }[],
): { point: Vec; dist: number; chain: number; edge: number } | null {
  let best: { point: Vec; dist: number; chain: number; edge: number } | null = null;
  chains.forEach((c, ci) => {
    const n = c.vecs.length;
    const edges = c.closed ? n : n - 1;
    for (let i = 0; i < edges; i++) {
      const q = closestOnEdge(p, c.vecs[i]!, c.vecs[(i + 1) % n]!);
      const d = angleBetween(p, q);
      if (!best || d < best.dist) best = { point: q, dist: d, chain: ci, edge: i };
    }
  });
  return best;
}

function pointArg(lon: number | null, lat: number | null): Vec | null {
  return lon !== null && lat !== null && validLonLat(lon, lat) ? toVec([lon, lat]) : null;
}

/** The point of a line (or lines) nearest the point (lon, lat), or null for invalid input. */
function closestOnLine(lon: number | null, lat: number | null, text: string | null) {
  const p = pointArg(lon, lat);
  const l = parseLines(text);
  if (!p || !l) return null;
  return closestOnChains(
    p,
    l.lines.map((x) => ({ vecs: x.vecs, closed: false })),
  );
}

export function distancePointToLine(
  lon: number | null,
  lat: number | null,
  text: string | null,
): string | null {
  const c = closestOnLine(lon, lat, text);
  return realText(c ? c.dist * R : null);
}

export function closestPointOnLine(
  lon: number | null,
  lat: number | null,
  text: string | null,
): string | null {
  const c = closestOnLine(lon, lat, text);
  return c ? pointJson(c.point) : null;
}

export function polygonChains(polygons: readonly Polygon[]) {
  return polygons.flatMap((poly) => poly.map((r) => ({ vecs: r.vecs, closed: true })));
}

export function distancePointToPolygon(
  lon: number | null,
  lat: number | null,
  text: string | null,
): string | null {
  const p = pointArg(lon, lat);
  const polys = parsePolygons(text);
  if (!p || !polys) return null;
  const inside = containsPoint(polys.polygons, p);
  if (inside === null) return null;
  if (inside) return '0';
  const c = closestOnChains(p, polygonChains(polys.polygons));
  return realText(c ? c.dist * R : null);
}

export function closestPointOnPolygon(
  lon: number | null,
  lat: number | null,
  text: string | null,
): string | null {
  const p = pointArg(lon, lat);
  const polys = parsePolygons(text);
  if (!p || !polys) return null;
  const inside = containsPoint(polys.polygons, p);
  if (inside === null) return null;
  // Kusto: "If polygon contains input point, the result will be the same point."
  if (inside) return JSON.stringify({ type: 'Point', coordinates: [lon, lat] });
  const c = closestOnChains(p, polygonChains(polys.polygons));
  return c ? pointJson(c.point) : null;
}

// --- positions along a line ------------------------------------------------------------------

/** The point at angle t along the geodesic from a to b (spherical interpolation). */
function along(a: Vec, b: Vec, t: number): Vec {
  const theta = angleBetween(a, b);
  if (theta === 0) return a;
  // Direction from a towards b in a's tangent plane.
  const dir = normalize(sub(b, scale(a, dot(a, b))));
  return normalize(add(scale(a, Math.cos(t)), scale(dir, Math.sin(t))));
}

/** geo_line_interpolate_point: the point at `fraction` (0–1) of a LineString's length. */
export function lineInterpolatePoint(text: string | null, fraction: number | null): string | null {
  if (fraction === null || !(fraction >= 0 && fraction <= 1)) return null;
  const l = parseLines(text);
  if (!l || l.multi) return null;
  const v = l.lines[0]!.vecs;
  const lens = v.slice(1).map((b, i) => angleBetween(v[i]!, b));
  const total = lens.reduce((s, x) => s + x, 0);
  let target = fraction * total;
  for (let i = 0; i < lens.length; i++) {
    if (target <= lens[i]! || i === lens.length - 1) {
      return pointJson(along(v[i]!, v[i + 1]!, Math.min(target, lens[i]!)));
    }
    target -= lens[i]!;
  }
  return pointJson(v[0]!);
}

/** geo_line_locate_point: the fraction (0–1) of a LineString's length at its point closest to p. */
export function lineLocatePoint(
  text: string | null,
  lon: number | null,
  lat: number | null,
): string | null {
  const p = pointArg(lon, lat);
  const l = parseLines(text);
  if (!p || !l || l.multi) return null;
  const v = l.lines[0]!.vecs;
  const c = closestOnChains(p, [{ vecs: v, closed: false }]);
  if (!c) return null;
  const total = pathAngle(v, false);
  if (total === 0) return '0';
  const before = pathAngle(v.slice(0, c.edge + 1), false);
  return realText((before + angleBetween(v[c.edge]!, c.point)) / total);
}

// --- densify ---------------------------------------------------------------------------------

/** Longitude difference b − a taken the short way round (the shorter edge is the edge). */
function lonDelta(a: number, b: number): number {
  let d = b - a;
  if (d > 180) d -= 360;
  else if (d < -180) d += 360;
  return d;
}

const wrapLon = (x: number): number => (x > 180 ? x - 360 : x < -180 ? x + 360 : x);

/**
 * The points to insert between a and b so that the planar (straight in lon/lat) edge and the chain
 * of geodesics through the points stay within `tol` meters: the planar edge is split at its
 * midpoint while the midpoint lies farther than `tol` from the geodesic between the ends.
 */
function densifyEdge(a: LonLat, b: LonLat, tol: number, out: LonLat[], budget: { n: number }) {
  const dl = lonDelta(a[0], b[0]);
  const m: LonLat = [wrapLon(a[0] + dl / 2), (a[1] + b[1]) / 2];
  const va = toVec(a);
  const vb = toVec(b);
  const vm = toVec(m);
  if (angleBetween(vm, closestOnEdge(vm, va, vb)) * R <= tol) return;
  if (--budget.n < 0) return;
  densifyEdge(a, m, tol, out, budget);
  out.push(m);
  densifyEdge(m, b, tol, out, budget);
}

/** Kusto: "The maximum number of points in the densified line is limited to 10485760." */
const DENSIFY_LIMIT = 10485760;

function densifyPath(coords: readonly LonLat[], tol: number, budget: { n: number }): number[][] {
  const out: LonLat[] = [coords[0]!];
  for (let i = 1; i < coords.length; i++) {
    densifyEdge(coords[i - 1]!, coords[i]!, tol, out, budget);
    out.push(coords[i]!);
  }
  return out.map((p) => [p[0], p[1]]);
}

function densifyTolerance(tol: number | null): number | null {
  if (tol === null) return null;
  return tol >= 0.1 && tol <= 10000 ? tol : null;
}

export function lineDensify(text: string | null, tolerance: number | null): string | null {
  const tol = densifyTolerance(tolerance);
  const l = parseLines(text);
  if (tol === null || !l) return null;
  const budget = { n: DENSIFY_LIMIT };
  const lines = l.lines.map((x) => densifyPath(x.coords, tol, budget));
  if (budget.n < 0) return null;
  return JSON.stringify(
    l.multi
      ? { type: 'MultiLineString', coordinates: lines }
      : { type: 'LineString', coordinates: lines[0] },
  );
}

export function polygonDensify(text: string | null, tolerance: number | null): string | null {
  const tol = densifyTolerance(tolerance);
  const p = parsePolygons(text);
  if (tol === null || !p) return null;
  const budget = { n: DENSIFY_LIMIT };
  const polys = p.polygons.map((poly) =>
    poly.map((r, i) => {
      const path = densifyPath(r.coords, tol, budget);
      // Kusto returns the shell counterclockwise and holes clockwise: a ring given the other way
      // round is reversed (its vertices without the closing one, then closed again).
      const ccw = signedRingArea(r.vecs) > 0;
      if (ccw === (i === 0)) return path;
      const open = path.slice(0, -1).reverse();
      return [...open, open[0]!];
    }),
  );
  if (budget.n < 0) return null;
  return JSON.stringify(
    p.multi
      ? { type: 'MultiPolygon', coordinates: polys }
      : { type: 'Polygon', coordinates: polys[0] },
  );
}

// --- intersections ---------------------------------------------------------------------------

export type P2 = readonly [number, number];

/** Sign of the turn a→b→c in the plane (0 when collinear). */
function orient(a: P2, b: P2, c: P2): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

const onSegment = (a: P2, b: P2, p: P2): boolean =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1]);

/** Whether the closed segments ab and cd share a point. */
function segmentsMeet(a: P2, b: P2, c: P2, d: P2): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

/** The edges of projected chains (closed rings repeat their first vertex). */
function edgesOf(chains: readonly P2[][], closed: boolean): [P2, P2][] {
  const out: [P2, P2][] = [];
  for (const c of chains) {
    for (let i = 1; i < c.length; i++) out.push([c[i - 1]!, c[i]!]);
    if (closed && c.length > 2) out.push([c[c.length - 1]!, c[0]!]);
  }
  return out;
}

function anyEdgesMeet(a: readonly [P2, P2][], b: readonly [P2, P2][]): boolean {
  for (const [p, q] of a) for (const [r, s] of b) if (segmentsMeet(p, q, r, s)) return true;
  return false;
}

/** Projected polygons: each polygon's rings of projected vertices (without the closing repeat). */
export const projectPolygons = (g: Gnomonic, polygons: readonly Polygon[]): P2[][][] =>
  polygons.map((poly) => poly.map((r) => r.vecs.map((v) => g.forward(v))));

export const insideAny = (p: P2, polys: readonly P2[][][]): boolean =>
  polys.some((rings) => insideRings(p, rings));

export function intersects2Lines(t1: string | null, t2: string | null): number | null {
  const a = parseLines(t1);
  const b = parseLines(t2);
  if (!a || !b) return null;
  const all = [...a.lines, ...b.lines].flatMap((l) => l.vecs);
  const g = Gnomonic.around(all);
  if (!g) return null;
  const ea = edgesOf(
    a.lines.map((l) => l.vecs.map((v) => g.forward(v))),
    false,
  );
  const eb = edgesOf(
    b.lines.map((l) => l.vecs.map((v) => g.forward(v))),
    false,
  );
  return anyEdgesMeet(ea, eb) ? 1 : 0;
}

export function intersects2Polygons(t1: string | null, t2: string | null): number | null {
  const a = parsePolygons(t1);
  const b = parsePolygons(t2);
  if (!a || !b) return null;
  const g = Gnomonic.around([...verticesOf(a.polygons), ...verticesOf(b.polygons)]);
  if (!g) return null;
  const pa = projectPolygons(g, a.polygons);
  const pb = projectPolygons(g, b.polygons);
  if (anyEdgesMeet(edgesOf(pa.flat(), true), edgesOf(pb.flat(), true))) return 1;
  // No boundaries meet: one polygon is inside the other or they are apart.
  const firstA = pa[0]![0]![0]!;
  const firstB = pb[0]![0]![0]!;
  return insideAny(firstA, pb) || insideAny(firstB, pa) ? 1 : 0;
}

export function intersectsLineWithPolygon(tl: string | null, tp: string | null): number | null {
  const l = parseLines(tl);
  const p = parsePolygons(tp);
  if (!l || !p) return null;
  const g = Gnomonic.around([...l.lines.flatMap((x) => x.vecs), ...verticesOf(p.polygons)]);
  if (!g) return null;
  const lines = l.lines.map((x) => x.vecs.map((v) => g.forward(v)));
  const polys = projectPolygons(g, p.polygons);
  if (anyEdgesMeet(edgesOf(lines, false), edgesOf(polys.flat(), true))) return 1;
  return lines.some((c) => insideAny(c[0]!, polys)) ? 1 : 0;
}

/** Polygons of unit-vector rings as GeoJSON: Polygon, MultiPolygon, or an empty collection. */
export function polygonsJson(polys: readonly Vec[][][]): string {
  const coords = polys.map((poly) =>
    poly.map((r) => {
      const ring = r.map((v) => toLonLat(v));
      return [...ring, ring[0]!];
    }),
  );
  if (coords.length === 0) return JSON.stringify({ type: 'GeometryCollection', geometries: [] });
  return JSON.stringify(
    coords.length === 1
      ? { type: 'Polygon', coordinates: coords[0] }
      : { type: 'MultiPolygon', coordinates: coords },
  );
}

/** The projected closed rings polyclip-ts takes. */
export const toGeom = (polys: readonly P2[][][]): Geom =>
  polys.map((poly) => poly.map((r) => [...r, r[0]!] as [number, number][]));

/** geo_union_polygons_array: the union of an array of polygons and multipolygons. */
export function unionPolygonsArray(text: string | null): string | null {
  const polygons = readShapeArray<Polygon>(text, (e) => parsePolygons(e)?.polygons ?? null);
  if (!polygons) return null;
  const g = Gnomonic.around(verticesOf(polygons));
  if (!g) return null;
  const geoms = projectPolygons(g, polygons).map((poly) => toGeom([poly]));
  const out = polyUnion(geoms[0]!, ...geoms.slice(1));
  return polygonsJson(out.map((poly) => poly.map((r) => r.slice(0, -1).map((p) => g.inverse(p)))));
}

// --- simplify --------------------------------------------------------------------------------

/**
 * Douglas–Peucker on the sphere: keeps the ends of coords[i..j] and, while some vertex between
 * lies farther than `tol` (radians) from the geodesic joining the kept ones, the farthest one.
 */
function simplifyRange(vecs: readonly Vec[], i: number, j: number, tol: number, keep: boolean[]) {
  let far = -1;
  let farDist = tol;
  for (let k = i + 1; k < j; k++) {
    const d = angleBetween(vecs[k]!, closestOnEdge(vecs[k]!, vecs[i]!, vecs[j]!));
    if (d > farDist) {
      far = k;
      farDist = d;
    }
  }
  if (far < 0) return;
  keep[far] = true;
  simplifyRange(vecs, i, far, tol, keep);
  simplifyRange(vecs, far, j, tol, keep);
}

/** Kusto: tolerance in meters within [0, ~7,800,000); the default is 10. */
function simplifyTolerance(tol: number | null): number | null {
  return tol !== null && tol >= 0 && tol < 7800000 ? tol / R : null;
}

/** A simplified polyline, or null when it shrinks below the tolerance (Kusto: it disappears). */
function simplifyLine(l: Polyline, tol: number): number[][] | null {
  const n = l.vecs.length;
  const keep = l.vecs.map((_, k) => k === 0 || k === n - 1);
  simplifyRange(l.vecs, 0, n - 1, tol, keep);
  const idx = keep.flatMap((k, i) => (k ? [i] : []));
  if (idx.length === 2 && angleBetween(l.vecs[0]!, l.vecs[n - 1]!) <= tol) return null;
  return idx.map((i) => [l.coords[i]![0], l.coords[i]![1]]);
}

/** A simplified ring (closed), or null when fewer than three vertices stay. */
function simplifyRing(r: Ring, tol: number): number[][] | null {
  const v = [...r.vecs, r.vecs[0]!];
  const coords = r.coords;
  // Split the ring at its vertex farthest from the first, then simplify both halves.
  let far = 1;
  for (let k = 2; k < r.vecs.length; k++)
    if (angleBetween(v[0]!, v[k]!) > angleBetween(v[0]!, v[far]!)) far = k;
  const keep = v.map((_, k) => k === 0 || k === far || k === v.length - 1);
  simplifyRange(v, 0, far, tol, keep);
  simplifyRange(v, far, v.length - 1, tol, keep);
  const idx = keep.flatMap((k, i) => (k ? [i] : []));
  if (idx.length < 4) return null;
  const out = idx.map((i) => [coords[i]![0], coords[i]![1]]);
  const outVecs = idx.slice(0, -1).map((i) => v[i]!);
  // A ring thinner than the tolerance disappears too.
  const spread = Math.max(...outVecs.map((x) => angleBetween(x, closestOnEdge(x, v[0]!, v[far]!))));
  return spread <= tol ? null : out;
}

export function lineSimplify(text: string | null, tolerance: number | null): string | null {
  const tol = simplifyTolerance(tolerance);
  const l = parseLines(text);
  if (tol === null || !l) return null;
  const lines = l.lines.map((x) => simplifyLine(x, tol)).filter((x) => x !== null);
  if (lines.length === 0) return null;
  return JSON.stringify(
    lines.length === 1
      ? { type: 'LineString', coordinates: lines[0] }
      : { type: 'MultiLineString', coordinates: lines },
  );
}

export function polygonSimplify(text: string | null, tolerance: number | null): string | null {
  const tol = simplifyTolerance(tolerance);
  const p = parsePolygons(text);
  if (tol === null || !p) return null;
  const polys: number[][][][] = [];
  for (const poly of p.polygons) {
    const shell = simplifyRing(poly[0]!, tol);
    if (!shell) continue;
    const holes = poly.slice(1).flatMap((h) => {
      const x = simplifyRing(h, tol);
      return x ? [x] : [];
    });
    polys.push([shell, ...holes]);
  }
  if (polys.length === 0) return null;
  return JSON.stringify(
    polys.length === 1
      ? { type: 'Polygon', coordinates: polys[0] }
      : { type: 'MultiPolygon', coordinates: polys },
  );
}

/** geo_simplify_polygons_array: the union of the polygons, simplified (Kusto's page). */
export function simplifyPolygonsArray(
  text: string | null,
  tolerance: number | null,
): string | null {
  if (simplifyTolerance(tolerance) === null) return null;
  const u = unionPolygonsArray(text);
  return u === null ? null : polygonSimplify(u, tolerance);
}

// --- UDFs ------------------------------------------------------------------------------------

export const GEO_AZIMUTH = udf(
  'kql_geo_azimuth',
  ['DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  (a, b, c, d) =>
    a === null || b === null || c === null || d === null ? null : realText(azimuth(a, b, c, d)),
);
export const GEO_ANGLE = udf(
  'kql_geo_angle',
  ['DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  (a, b, c, d, e, f) =>
    a === null || b === null || c === null || d === null || e === null || f === null
      ? null
      : realText(angle3(a, b, c, d, e, f)),
);
export const GEO_LINE_LENGTH = udf('kql_geo_line_length', ['VARCHAR'], 'VARCHAR', lineLength);
export const GEO_LINE_CENTROID = udf('kql_geo_line_centroid', ['VARCHAR'], 'VARCHAR', lineCentroid);
export const GEO_POLYGON_AREA = udf('kql_geo_polygon_area', ['VARCHAR'], 'VARCHAR', polygonArea);
export const GEO_POLYGON_PERIMETER = udf(
  'kql_geo_polygon_perimeter',
  ['VARCHAR'],
  'VARCHAR',
  polygonPerimeter,
);
export const GEO_POLYGON_CENTROID = udf(
  'kql_geo_polygon_centroid',
  ['VARCHAR'],
  'VARCHAR',
  polygonCentroid,
);
export const GEO_DISTANCE_POINT_TO_LINE = udf(
  'kql_geo_distance_point_to_line',
  ['DOUBLE', 'DOUBLE', 'VARCHAR'],
  'VARCHAR',
  distancePointToLine,
);
export const GEO_DISTANCE_POINT_TO_POLYGON = udf(
  'kql_geo_distance_point_to_polygon',
  ['DOUBLE', 'DOUBLE', 'VARCHAR'],
  'VARCHAR',
  distancePointToPolygon,
);
export const GEO_CLOSEST_POINT_ON_LINE = udf(
  'kql_geo_closest_point_on_line',
  ['DOUBLE', 'DOUBLE', 'VARCHAR'],
  'VARCHAR',
  closestPointOnLine,
);
export const GEO_CLOSEST_POINT_ON_POLYGON = udf(
  'kql_geo_closest_point_on_polygon',
  ['DOUBLE', 'DOUBLE', 'VARCHAR'],
  'VARCHAR',
  closestPointOnPolygon,
);
export const GEO_LINE_INTERPOLATE_POINT = udf(
  'kql_geo_line_interpolate_point',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  lineInterpolatePoint,
);
export const GEO_LINE_LOCATE_POINT = udf(
  'kql_geo_line_locate_point',
  ['VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  lineLocatePoint,
);
export const GEO_LINE_DENSIFY = udf(
  'kql_geo_line_densify',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  lineDensify,
);
export const GEO_POLYGON_DENSIFY = udf(
  'kql_geo_polygon_densify',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  polygonDensify,
);
export const GEO_INTERSECTS_2LINES = udf(
  'kql_geo_intersects_2lines',
  ['VARCHAR', 'VARCHAR'],
  'INTEGER',
  intersects2Lines,
);
export const GEO_INTERSECTS_2POLYGONS = udf(
  'kql_geo_intersects_2polygons',
  ['VARCHAR', 'VARCHAR'],
  'INTEGER',
  intersects2Polygons,
);
export const GEO_INTERSECTS_LINE_WITH_POLYGON = udf(
  'kql_geo_intersects_line_with_polygon',
  ['VARCHAR', 'VARCHAR'],
  'INTEGER',
  intersectsLineWithPolygon,
);
export const GEO_UNION_POLYGONS_ARRAY = udf(
  'kql_geo_union_polygons_array',
  ['VARCHAR'],
  'VARCHAR',
  unionPolygonsArray,
);
export const GEO_LINE_SIMPLIFY = udf(
  'kql_geo_line_simplify',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  lineSimplify,
);
export const GEO_POLYGON_SIMPLIFY = udf(
  'kql_geo_polygon_simplify',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  polygonSimplify,
);
export const GEO_SIMPLIFY_POLYGONS_ARRAY = udf(
  'kql_geo_simplify_polygons_array',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  simplifyPolygonsArray,
);
