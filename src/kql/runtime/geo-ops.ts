/**
 * Geospatial constructions on lines and polygons (../functions/geo-ops.ts): the intersection of two
 * lines and of a line with a polygon, the union of lines, and the buffers of points, lines and
 * polygons, as Kusto's geo_* pages define them: WGS-84 degrees on a sphere of radius 6371010 m,
 * geodesic edges, GeoJSON in and out, null for an invalid shape or parameter.
 *
 * Like ./geo-shapes.ts, planar work happens on the gnomonic projection centred on the shapes (great
 * circles are straight lines there, so segment intersections are the spherical ones), which covers
 * shapes within one open hemisphere; larger inputs give null (docs/kql.md).
 *
 * Buffers: Kusto does not document how it approximates a circle, only that the result deviates from
 * the ideal radius by at most `tolerance` meters. Loupe builds each circle as a regular polygon whose
 * edges touch the circle at their middles (so it holds every point within the radius) and whose
 * vertices lie at most `tolerance` beyond it; a line's sides are sampled along the curve at the
 * radius so that the geodesic between two samples strays at most `tolerance` outwards; the pieces
 * are unioned by polyclip-ts on the projection. Vertex counts therefore differ from Kusto's.
 */
import { intersection as polyIntersection, union as polyUnion, type Geom } from 'polyclip-ts';
import {
  angleBetween,
  cross,
  dot,
  normalize,
  R,
  Gnomonic,
  insideAny,
  parseLines,
  parsePolygons,
  polygonsJson,
  projectPolygons,
  toGeom,
  toLonLat,
  toVec,
  verticesOf,
  type P2,
  type Polygon,
  type Polyline,
  type Vec,
} from './geo-shapes.ts';
import { readShapeArray } from './geo-json.ts';
import { s2 } from 's2js';
import { udf } from './udf.ts';

// --- small vector helpers ----------------------------------------------------------------------

const lin = (a: Vec, ka: number, b: Vec, kb: number): Vec => [
  a[0] * ka + b[0] * kb,
  a[1] * ka + b[1] * kb,
  a[2] * ka + b[2] * kb,
];

/** Upper bound on edge pairs compared by one intersection (the shapes are user data). */
const MAX_EDGE_PAIRS = 4_000_000;
/** Upper bound on the vertices of all the pieces of one buffer. */
const MAX_BUFFER_VERTICES = 200_000;

// --- planar segments on the projection ---------------------------------------------------------

/** A point of a result: its projected position and, when it is an input vertex, its coordinates. */
interface Pt {
  readonly p: P2;
  readonly ll?: readonly [number, number];
}

const cr = (ax: number, ay: number, bx: number, by: number): number => ax * by - ay * bx;

type Meet = { kind: 'none' } | { kind: 'point'; at: Pt } | { kind: 'segment'; from: Pt; to: Pt };

/** Where closed segments ab and cd meet: nothing, a point, or (collinear) a segment. */
function meet(a: Pt, b: Pt, c: Pt, d: Pt): Meet {
  const rx = b.p[0] - a.p[0];
  const ry = b.p[1] - a.p[1];
  const sx = d.p[0] - c.p[0];
  const sy = d.p[1] - c.p[1];
  const qx = c.p[0] - a.p[0];
  const qy = c.p[1] - a.p[1];
  const den = cr(rx, ry, sx, sy);
  const scaleLen = Math.max(Math.hypot(rx, ry), Math.hypot(sx, sy), 1e-300);
  if (Math.abs(den) <= 1e-14 * scaleLen * scaleLen) {
    // Parallel: overlapping only when collinear.
    if (Math.abs(cr(qx, qy, rx, ry)) > 1e-14 * scaleLen * scaleLen) return { kind: 'none' };
    const rr = rx * rx + ry * ry;
    if (rr === 0) return onSegment(a, c, d) ? { kind: 'point', at: a } : { kind: 'none' };
    // The vertices of either segment lying on the other, ordered along ab.
    const t = (x: Pt) => ((x.p[0] - a.p[0]) * rx + (x.p[1] - a.p[1]) * ry) / rr;
    const tc = t(c);
    const td = t(d);
    const lo = Math.min(tc, td);
    const hi = Math.max(tc, td);
    const cand: [number, Pt][] = [];
    if (lo <= 0 && 0 <= hi) cand.push([0, a]);
    if (lo <= 1 && 1 <= hi) cand.push([1, b]);
    if (tc >= 0 && tc <= 1) cand.push([tc, c]);
    if (td >= 0 && td <= 1) cand.push([td, d]);
    if (cand.length === 0) return { kind: 'none' };
    cand.sort((x, y) => x[0] - y[0]);
    const first = cand[0]!;
    const last = cand[cand.length - 1]!;
    if (last[0] - first[0] <= 1e-15) return { kind: 'point', at: first[1] };
    return { kind: 'segment', from: first[1], to: last[1] };
  }
  const t = cr(qx, qy, sx, sy) / den;
  const u = cr(qx, qy, rx, ry) / den;
  const eps = 1e-12;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return { kind: 'none' };
  // An intersection at a vertex is that vertex, keeping its exact coordinates.
  if (Math.abs(t) <= eps) return { kind: 'point', at: a };
  if (Math.abs(t - 1) <= eps) return { kind: 'point', at: b };
  if (Math.abs(u) <= eps) return { kind: 'point', at: c };
  if (Math.abs(u - 1) <= eps) return { kind: 'point', at: d };
  return { kind: 'point', at: { p: [a.p[0] + t * rx, a.p[1] + t * ry] } };
}

function onSegment(x: Pt, c: Pt, d: Pt): boolean {
  const [px, py] = x.p;
  if (Math.abs(cr(d.p[0] - c.p[0], d.p[1] - c.p[1], px - c.p[0], py - c.p[1])) > 1e-24)
    return false;
  return (
    Math.min(c.p[0], d.p[0]) <= px &&
    px <= Math.max(c.p[0], d.p[0]) &&
    Math.min(c.p[1], d.p[1]) <= py &&
    py <= Math.max(c.p[1], d.p[1])
  );
}

/** Coordinates of a result point: the input's own, or the inverse projection's. */
const coordsOf = (g: Gnomonic, x: Pt): [number, number] =>
  x.ll ? [x.ll[0], x.ll[1]] : toLonLat(g.inverse(x.p));

const keyOf = (c: readonly [number, number]): string => `${c[0]},${c[1]}`;

/** Projected chains of the lines, each vertex carrying its coordinates. */
const projectLines = (g: Gnomonic, lines: readonly Polyline[]): Pt[][] =>
  lines.map((l) => l.vecs.map((v, i) => ({ p: g.forward(v), ll: l.coords[i]! })));

/** The edges of polygons' rings on the projection, each vertex carrying its coordinates. */
const polygonEdges = (g: Gnomonic, polygons: readonly Polygon[]): [Pt, Pt][] =>
  polygons.flatMap((poly) =>
    poly.flatMap((r) => {
      const pts: Pt[] = r.vecs.map((v, i) => ({ p: g.forward(v), ll: r.coords[i]! }));
      return pts.map((x, i) => [x, pts[(i + 1) % pts.length]!] as [Pt, Pt]);
    }),
  );

/**
 * Polylines from undirected segments (coordinates): overlapping duplicates merged, chains walked
 * from the nodes where lines end or branch, in the order the segments came, then closed loops.
 */
function chain(segments: readonly (readonly [[number, number], [number, number]])[]): number[][][] {
  const adj = new Map<string, { c: [number, number]; edges: number[] }>();
  const edges: [string, string][] = [];
  const seen = new Set<string>();
  for (const [a, b] of segments) {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka === kb) continue;
    const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const [key, c] of [
      [ka, a],
      [kb, b],
    ] as const) {
      if (!adj.has(key)) adj.set(key, { c: [c[0], c[1]], edges: [] });
      adj.get(key)!.edges.push(edges.length);
    }
    edges.push([ka, kb]);
  }
  const used = new Array<boolean>(edges.length).fill(false);
  const out: number[][][] = [];
  const walk = (start: string, first: number) => {
    const path = [adj.get(start)!.c];
    let at = start;
    let e: number | undefined = first;
    while (e !== undefined) {
      used[e] = true;
      const [x, y] = edges[e]!;
      at = x === at ? y : x;
      const node = adj.get(at)!;
      path.push(node.c);
      e = node.edges.length === 2 ? node.edges.find((i) => !used[i]) : undefined;
    }
    out.push(path);
  };
  for (const [key, node] of adj) {
    if (node.edges.length === 2) continue;
    for (const e of node.edges) if (!used[e]) walk(key, e);
  }
  for (const [key, node] of adj) for (const e of node.edges) if (!used[e]) walk(key, e);
  return out;
}

type Geometry = { type: string; coordinates: unknown };

/** Points and lines as one GeoJSON value (an empty collection when there are none). */
function resultJson(points: number[][], lines: number[][][]): string {
  const parts: Geometry[] = [];
  if (points.length === 1) parts.push({ type: 'Point', coordinates: points[0] });
  else if (points.length > 1) parts.push({ type: 'MultiPoint', coordinates: points });
  if (lines.length === 1) parts.push({ type: 'LineString', coordinates: lines[0] });
  else if (lines.length > 1) parts.push({ type: 'MultiLineString', coordinates: lines });
  if (parts.length === 1) return JSON.stringify(parts[0]);
  return JSON.stringify({ type: 'GeometryCollection', geometries: parts });
}

/** Drops points that lie on one of the lines (they are part of it) and repeated points. */
function loosePoints(points: number[][], lines: number[][][]): number[][] {
  const onLine = new Set(lines.flatMap((l) => l.map((c) => keyOf(c as [number, number]))));
  const out = new Map<string, number[]>();
  for (const p of points) {
    const k = keyOf(p as [number, number]);
    if (!onLine.has(k)) out.set(k, p);
  }
  return [...out.values()];
}

// --- geo_intersection_2lines -------------------------------------------------------------------

export function intersection2Lines(t1: string | null, t2: string | null): string | null {
  const a = parseLines(t1);
  const b = parseLines(t2);
  if (!a || !b) return null;
  const g = Gnomonic.around([...a.lines, ...b.lines].flatMap((l) => l.vecs));
  if (!g) return null;
  const ca = projectLines(g, a.lines);
  const cb = projectLines(g, b.lines);
  const ea = ca.flatMap((c) => c.slice(1).map((x, i) => [c[i]!, x] as const));
  const eb = cb.flatMap((c) => c.slice(1).map((x, i) => [c[i]!, x] as const));
  if (ea.length * eb.length > MAX_EDGE_PAIRS) return null;
  const points: number[][] = [];
  const segments: [[number, number], [number, number]][] = [];
  for (const [p, q] of ea) {
    for (const [r, s] of eb) {
      const m = meet(p, q, r, s);
      if (m.kind === 'point') points.push(coordsOf(g, m.at));
      else if (m.kind === 'segment') segments.push([coordsOf(g, m.from), coordsOf(g, m.to)]);
    }
  }
  const lines = chain(segments);
  return resultJson(loosePoints(points, lines), lines);
}

// --- geo_intersection_line_with_polygon --------------------------------------------------------

export function intersectionLineWithPolygon(tl: string | null, tp: string | null): string | null {
  const l = parseLines(tl);
  const p = parsePolygons(tp);
  if (!l || !p) return null;
  const g = Gnomonic.around([...l.lines.flatMap((x) => x.vecs), ...verticesOf(p.polygons)]);
  if (!g) return null;
  const polys = projectPolygons(g, p.polygons);
  const ringEdges = polygonEdges(g, p.polygons);
  const chains = projectLines(g, l.lines);
  const lineEdges = chains.reduce((n, c) => n + c.length - 1, 0);
  if (lineEdges * ringEdges.length > MAX_EDGE_PAIRS) return null;
  const pieces: number[][][] = [];
  for (const c of chains) {
    let current: number[][] | null = null;
    for (let i = 1; i < c.length; i++) {
      const a = c[i - 1]!;
      const b = c[i]!;
      // Cut the edge where it meets the polygon's boundary, then keep the parts inside.
      const cuts: { t: number; at: Pt }[] = [
        { t: 0, at: a },
        { t: 1, at: b },
      ];
      const rx = b.p[0] - a.p[0];
      const ry = b.p[1] - a.p[1];
      const rr = rx * rx + ry * ry;
      const tOf = (x: Pt) =>
        rr === 0 ? 0 : ((x.p[0] - a.p[0]) * rx + (x.p[1] - a.p[1]) * ry) / rr;
      for (const [r, s] of ringEdges) {
        const m = meet(a, b, r, s);
        if (m.kind === 'point') cuts.push({ t: tOf(m.at), at: m.at });
        else if (m.kind === 'segment')
          cuts.push({ t: tOf(m.from), at: m.from }, { t: tOf(m.to), at: m.to });
      }
      cuts.sort((x, y) => x.t - y.t);
      for (let k = 1; k < cuts.length; k++) {
        const u = cuts[k - 1]!;
        const w = cuts[k]!;
        if (w.t - u.t <= 1e-12) continue;
        const tm = (u.t + w.t) / 2;
        const inside = insideAny([a.p[0] + tm * rx, a.p[1] + tm * ry], polys);
        if (!inside) {
          current = null;
          continue;
        }
        const from = coordsOf(g, u.at);
        const to = coordsOf(g, w.at);
        const last = current?.[current.length - 1];
        if (current && last && keyOf(last as [number, number]) === keyOf(from)) current.push(to);
        else {
          current = [from, to];
          pieces.push(current);
        }
      }
    }
  }
  return resultJson([], pieces);
}

// --- geo_intersection_2polygons ----------------------------------------------------------------

/** Distance (projected units) from p to the segment ab. */
function segmentDistance(p: P2, a: P2, b: P2): number {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const rr = rx * rx + ry * ry;
  const t = rr === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * rx + (p[1] - a[1]) * ry) / rr));
  return Math.hypot(p[0] - a[0] - t * rx, p[1] - a[1] - t * ry);
}

/**
 * A result ring made to start where Kusto's do in the page's examples: at the first vertex the
 * intersection created (one that is no input vertex) following an input vertex. Kusto does not
 * document where a ring starts; the cyclic order is the same either way.
 */
function rotateRing(ring: P2[], inputs: readonly P2[]): P2[] {
  const isInput = ring.map((p) => inputs.some((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 1e-13));
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    if (!isInput[i] && isInput[(i + n - 1) % n]) return [...ring.slice(i), ...ring.slice(0, i)];
  }
  return ring;
}

/**
 * geo_intersection_2polygons: the area both polygons cover (Polygon or MultiPolygon) and, where
 * their boundaries only touch, those points and shared stretches (Point/MultiPoint,
 * LineString/MultiLineString); several kinds together form a GeometryCollection, an empty one when
 * the polygons are apart.
 */
export function intersection2Polygons(t1: string | null, t2: string | null): string | null {
  const a = parsePolygons(t1);
  const b = parsePolygons(t2);
  if (!a || !b) return null;
  const g = Gnomonic.around([...verticesOf(a.polygons), ...verticesOf(b.polygons)]);
  if (!g) return null;
  const pa = projectPolygons(g, a.polygons);
  const pb = projectPolygons(g, b.polygons);
  const ea = polygonEdges(g, a.polygons);
  const eb = polygonEdges(g, b.polygons);
  if (ea.length * eb.length > MAX_EDGE_PAIRS) return null;
  const area = polyIntersection(toGeom(pa), toGeom(pb));
  const inputs = [...pa.flat(2), ...pb.flat(2)];
  const rings = area.map((poly) => poly.map((r) => rotateRing(r.slice(0, -1) as P2[], inputs)));
  const resultEdges = rings.flatMap((poly) =>
    poly.flatMap((r) => r.map((x, i) => [x, r[(i + 1) % r.length]!] as const)),
  );
  const onResult = (p: P2) => resultEdges.some(([x, y]) => segmentDistance(p, x, y) < 1e-13);
  // Where the boundaries meet outside the common area: touching points and shared stretches.
  const points: number[][] = [];
  const segments: [[number, number], [number, number]][] = [];
  for (const [p, q] of ea) {
    for (const [r, s] of eb) {
      const m = meet(p, q, r, s);
      if (m.kind === 'point' && !onResult(m.at.p)) points.push(coordsOf(g, m.at));
      else if (m.kind === 'segment') {
        const mid: P2 = [(m.from.p[0] + m.to.p[0]) / 2, (m.from.p[1] + m.to.p[1]) / 2];
        if (!onResult(mid)) segments.push([coordsOf(g, m.from), coordsOf(g, m.to)]);
      }
    }
  }
  const lines = chain(segments);
  const loose = loosePoints(points, lines);
  const polys = rings.map((poly) =>
    poly.map((r) => {
      const ring = r.map((p) => toLonLat(g.inverse(p)));
      return [...ring, ring[0]!];
    }),
  );
  const parts: Geometry[] = [];
  if (loose.length === 1) parts.push({ type: 'Point', coordinates: loose[0] });
  else if (loose.length > 1) parts.push({ type: 'MultiPoint', coordinates: loose });
  if (lines.length === 1) parts.push({ type: 'LineString', coordinates: lines[0] });
  else if (lines.length > 1) parts.push({ type: 'MultiLineString', coordinates: lines });
  if (polys.length === 1) parts.push({ type: 'Polygon', coordinates: polys[0] });
  else if (polys.length > 1) parts.push({ type: 'MultiPolygon', coordinates: polys });
  if (parts.length === 1) return JSON.stringify(parts[0]);
  return JSON.stringify({ type: 'GeometryCollection', geometries: parts });
}

// --- geo_union_lines_array ---------------------------------------------------------------------

export function unionLinesArray(text: string | null): string | null {
  const lines = readShapeArray<Polyline>(text, (e) => parseLines(e)?.lines ?? null);
  if (!lines) return null;
  const g = Gnomonic.around(lines.flatMap((l) => l.vecs));
  if (!g) return null;
  const chains = projectLines(g, lines);
  const edges = chains.flatMap((c) => c.slice(1).map((x, i) => [c[i]!, x] as const));
  const vertices = chains.flat();
  if (edges.length * vertices.length > MAX_EDGE_PAIRS) return null;
  // Split each edge at the vertices of other lines lying on it, so overlaps become shared edges.
  const segments: [[number, number], [number, number]][] = [];
  for (const [a, b] of edges) {
    const rx = b.p[0] - a.p[0];
    const ry = b.p[1] - a.p[1];
    const rr = rx * rx + ry * ry;
    const cuts: { t: number; at: Pt }[] = [
      { t: 0, at: a },
      { t: 1, at: b },
    ];
    if (rr > 0) {
      for (const v of vertices) {
        const t = ((v.p[0] - a.p[0]) * rx + (v.p[1] - a.p[1]) * ry) / rr;
        if (t <= 1e-12 || t >= 1 - 1e-12) continue;
        const off = cr(rx, ry, v.p[0] - a.p[0], v.p[1] - a.p[1]) / Math.sqrt(rr);
        if (Math.abs(off) <= 1e-12 * Math.sqrt(rr)) cuts.push({ t, at: v });
      }
    }
    cuts.sort((x, y) => x.t - y.t);
    for (let k = 1; k < cuts.length; k++)
      segments.push([coordsOf(g, cuts[k - 1]!.at), coordsOf(g, cuts[k]!.at)]);
  }
  const out = chain(segments);
  if (out.length === 0) {
    // Every line is a repeated point: the union is that point (or those points).
    const pts = loosePoints(
      lines.map((l) => [l.coords[0]![0], l.coords[0]![1]]),
      [],
    );
    return resultJson(pts, []);
  }
  return JSON.stringify(
    out.length === 1
      ? { type: 'LineString', coordinates: out[0] }
      : { type: 'MultiLineString', coordinates: out },
  );
}

// --- buffers -----------------------------------------------------------------------------------

/**
 * Radius and tolerance in radians, or null when invalid. Kusto: the radius must be positive; the
 * tolerance defaults to 10 m, must be at least 0.0001% of the radius, and one above the radius is
 * lowered below it. A circle must stay within a hemisphere (radius under a quarter meridian).
 */
function bufferParams(
  radius: number | null,
  tolerance: number | null,
): { d: number; tol: number } | null {
  if (radius === null || tolerance === null || !Number.isFinite(radius)) return null;
  if (!(radius > 0) || !Number.isFinite(tolerance) || tolerance < radius * 1e-6) return null;
  const tolM = Math.min(tolerance, radius * 0.999999);
  const d = radius / R;
  const tol = tolM / R;
  if (d + tol >= Math.PI / 2 - 1e-9) return null;
  return { d, tol };
}

/** The largest angle between samples on a curve at distance d keeping chords within tol of it. */
const maxStep = (d: number, tol: number): number =>
  2 * Math.acos(Math.min(1, Math.tan(d) / Math.tan(d + tol)));

/**
 * Kusto's circle around c (checked against the outputs Kusto gives for the page's examples): S2's
 * regular loop — n vertices exactly at distance d, n = ⌈π / acos(1 − tolerance/radius)⌉ so an edge's
 * middle lies at most `tolerance` inside the circle — in S2's frame at c (y = S2's Ortho(c),
 * x = y × c), counterclockwise from the angle π/2.
 */
function circle(c: Vec, d: number, tolRatio: number): Vec[] {
  const n = Math.max(3, Math.ceil(Math.PI / Math.acos(1 - tolRatio)));
  const o = s2.Point.ortho(new s2.Point(c[0], c[1], c[2])).vector;
  const y: Vec = [o.x, o.y, o.z];
  const x = cross(y, c);
  const z = Math.cos(d);
  const r = Math.sin(d);
  const step = (2 * Math.PI) / n;
  const out: Vec[] = [];
  for (let i = 0; i < n; i++) {
    const angle = Math.PI / 2 + i * step;
    const px = r * Math.cos(angle);
    const py = r * Math.sin(angle);
    out.push(
      normalize([
        x[0] * px + y[0] * py + c[0] * z,
        x[1] * px + y[1] * py + c[1] * z,
        x[2] * px + y[2] * py + c[2] * z,
      ]),
    );
  }
  return out;
}

/** The band of points within d of the geodesic ab (its sides sampled; ends straight). */
function corridor(a: Vec, b: Vec, d: number, tol: number): Vec[] | null {
  const len = angleBetween(a, b);
  if (len < 1e-15) return null;
  const n = normalize(cross(a, b));
  const steps = Math.max(1, Math.ceil(len / maxStep(d, tol)));
  // The geodesic from a towards b: cos(s)·a + sin(s)·m, m the unit tangent at a.
  const m = normalize(cross(n, a));
  const at = (s: number): Vec => lin(a, Math.cos(s), m, Math.sin(s));
  const right: Vec[] = [];
  const left: Vec[] = [];
  for (let k = 0; k <= steps; k++) {
    const g = at((len * k) / steps);
    right.push(lin(g, Math.cos(d), n, -Math.sin(d)));
    left.push(lin(g, Math.cos(d), n, Math.sin(d)));
  }
  return [...right, ...left.reverse()];
}

/** The union of pieces (rings of unit vectors, or polygons with holes) as GeoJSON, or null. */
function unionPieces(pieces: readonly Vec[][][]): string | null {
  const all = pieces.flat(2);
  if (all.length > MAX_BUFFER_VERTICES) return null;
  const g = Gnomonic.around(all);
  if (!g) return null;
  const geoms: Geom[] = pieces.map((poly) =>
    poly.map((r) => {
      const pts = r.map((v) => g.forward(v));
      return [...pts, pts[0]!];
    }),
  );
  const out =
    geoms.length === 1
      ? [geoms[0] as [number, number][][]]
      : polyUnion(geoms[0]!, ...geoms.slice(1));
  return polygonsJson(out.map((poly) => poly.map((r) => r.slice(0, -1).map((p) => g.inverse(p)))));
}

/** Circles around the vertices and bands along the edges of chains of unit vectors. */
function chainPieces(chains: readonly Vec[][], closed: boolean, d: number, tol: number) {
  const pieces: Vec[][][] = [];
  let budget = MAX_BUFFER_VERTICES;
  for (const c of chains) {
    for (let i = 0; i < c.length; i++) {
      const ring = circle(c[i]!, d, tol / d);
      budget -= ring.length;
      pieces.push([ring]);
      const next = i + 1 < c.length ? c[i + 1] : closed ? c[0] : undefined;
      if (next) {
        const band = corridor(c[i]!, next, d, tol);
        if (band) {
          budget -= band.length;
          pieces.push([band]);
        }
      }
      if (budget < 0) return null;
    }
  }
  return pieces;
}

export function pointBuffer(
  lon: number | null,
  lat: number | null,
  radius: number | null,
  tolerance: number | null,
): string | null {
  if (lon === null || lat === null || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
    return null;
  const q = bufferParams(radius, tolerance);
  if (!q) return null;
  return polygonsJson([[circle(toVec([lon, lat]), q.d, q.tol / q.d)]]);
}

export function lineBuffer(
  text: string | null,
  radius: number | null,
  tolerance: number | null,
): string | null {
  const l = parseLines(text);
  const q = bufferParams(radius, tolerance);
  if (!l || !q) return null;
  const pieces = chainPieces(
    l.lines.map((x) => x.vecs),
    false,
    q.d,
    q.tol,
  );
  return pieces ? unionPieces(pieces) : null;
}

export function polygonBuffer(
  text: string | null,
  radius: number | null,
  tolerance: number | null,
): string | null {
  const p = parsePolygons(text);
  const q = bufferParams(radius, tolerance);
  if (!p || !q) return null;
  const rings = p.polygons.flatMap((poly: Polygon) => poly.map((r) => r.vecs));
  const pieces = chainPieces(rings, true, q.d, q.tol);
  if (!pieces) return null;
  // The polygons themselves (holes included): the bands around their rings widen them.
  return unionPieces([...p.polygons.map((poly) => poly.map((r) => r.vecs)), ...pieces]);
}

// --- UDFs --------------------------------------------------------------------------------------

export const GEO_INTERSECTION_2LINES = udf(
  'kql_geo_intersection_2lines',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  intersection2Lines,
);
export const GEO_INTERSECTION_LINE_WITH_POLYGON = udf(
  'kql_geo_intersection_line_with_polygon',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  intersectionLineWithPolygon,
);
export const GEO_INTERSECTION_2POLYGONS = udf(
  'kql_geo_intersection_2polygons',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  intersection2Polygons,
);
export const GEO_UNION_LINES_ARRAY = udf(
  'kql_geo_union_lines_array',
  ['VARCHAR'],
  'VARCHAR',
  unionLinesArray,
);
export const GEO_POINT_BUFFER = udf(
  'kql_geo_point_buffer',
  ['DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  pointBuffer,
);
export const GEO_LINE_BUFFER = udf(
  'kql_geo_line_buffer',
  ['VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  lineBuffer,
);
export const GEO_POLYGON_BUFFER = udf(
  'kql_geo_polygon_buffer',
  ['VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  polygonBuffer,
);
