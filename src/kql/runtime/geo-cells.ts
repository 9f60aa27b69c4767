/**
 * Geospatial cells and shape inputs (../functions/geo-cells.ts): Geohash cells, H3 cells (the
 * `h3-js` library, Uber's H3 compiled to JavaScript), S2 cells and spherical polygons (the `s2js`
 * library, a port of Google's S2 geometry — the geometry Kusto's geo_* functions are built on),
 * point-in-polygon and WKT → GeoJSON. Shapes arrive and leave as canonical GeoJSON text (KQL
 * dynamic); invalid input gives null (or "" where Kusto's result is an empty string), never an
 * exception.
 */
import * as h3 from 'h3-js';
import { s2 } from 's2js';
import { udf } from './udf.ts';
import { pointToGeohash } from './geo.ts';
import { readLines, readPolygons, validLonLat } from './geo-json.ts';
import { memo } from './memo.ts';
import { cross, dot, toVec as unit, type Vec } from './geo-shapes.ts';

type Position = [number, number];
type Ring = Position[];

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

const point = (lon: number, lat: number): string =>
  JSON.stringify({ type: 'Point', coordinates: [lon, lat] });

const polygon = (ring: Ring): string => JSON.stringify({ type: 'Polygon', coordinates: [ring] });

// ---------------------------------------------------------------------------------------------
// Geohash

interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The rectangle of a Geohash (1–18 characters of the lowercase base-32 alphabet), else null. */
export function geohashBox(hash: string | null): Box | null {
  if (hash === null || hash.length < 1 || hash.length > 18) return null;
  let west = -180,
    east = 180,
    south = -90,
    north = 90,
    even = true;
  for (const c of hash) {
    const v = BASE32.indexOf(c);
    if (v < 0) return null;
    for (let b = 4; b >= 0; b--) {
      const bit = (v >> b) & 1;
      if (even) {
        const mid = (west + east) / 2;
        if (bit) west = mid;
        else east = mid;
      } else {
        const mid = (south + north) / 2;
        if (bit) south = mid;
        else north = mid;
      }
      even = !even;
    }
  }
  return { west, south, east, north };
}

/**
 * The order of Kusto's geo_geohash_neighbors result (its page: 'sunny' → sunnt, sunpj, sunnx,
 * sunpn, sunnv, sunpp, sunnz, sunnw): south-west, north-west, south-east, north, west, north-east,
 * east, south, as (dx, dy) steps.
 */
const GEOHASH_NEIGHBOR_STEPS: readonly Position[] = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [0, 1],
  [-1, 0],
  [1, 1],
  [1, 0],
  [0, -1],
];

/** The Geohash cells around one: longitudes wrap at the antimeridian; none beyond a pole. */
export function geohashNeighbors(hash: string | null): string | null {
  const box = geohashBox(hash);
  if (!box) return null;
  const w = box.east - box.west,
    h = box.north - box.south;
  const cx = (box.west + box.east) / 2,
    cy = (box.south + box.north) / 2;
  const out: string[] = [];
  for (const [dx, dy] of GEOHASH_NEIGHBOR_STEPS) {
    const lat = cy + dy * h;
    if (lat <= -90 || lat >= 90) continue;
    let lon = cx + dx * w;
    if (lon > 180) lon -= 360;
    else if (lon < -180) lon += 360;
    const n = pointToGeohash(lon, lat, hash!.length);
    if (n !== hash && !out.includes(n)) out.push(n);
  }
  return JSON.stringify(out);
}

export function geohashToCentralPoint(hash: string | null): string | null {
  const b = geohashBox(hash);
  return b ? point((b.west + b.east) / 2, (b.south + b.north) / 2) : null;
}

export function geohashToPolygon(hash: string | null): string | null {
  const b = geohashBox(hash);
  if (!b) return null;
  return polygon([
    [b.west, b.south],
    [b.east, b.south],
    [b.east, b.north],
    [b.west, b.north],
    [b.west, b.south],
  ]);
}

// ---------------------------------------------------------------------------------------------
// GeoJSON polygons (Kusto's "Polygon definition and constraints")

/** A Polygon or MultiPolygon: polygons, each a shell then its holes, rings closed (first = last). */
type Polygons = Ring[][];

const mutable = (ring: readonly (readonly [number, number])[]): Ring =>
  ring.map(([lon, lat]) => [lon, lat]);

/** The polygons of a GeoJSON Polygon/MultiPolygon dynamic value (./geo-json.ts), or null when invalid. */
export function parsePolygons(text: string | null): Polygons | null {
  const r = readPolygons(text);
  return r && r.polygons.map((poly) => poly.map(mutable));
}

const s2Point = (lon: number, lat: number) => s2.Point.fromLatLng(s2.LatLng.fromDegrees(lat, lon));

/** Whether geodesic edges AB and CD cross at a point interior to both (S2's "simple crossing"). */
function edgesCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const ab = cross(a, b);
  const acb = -dot(ab, c),
    bda = dot(ab, d);
  if (acb * bda <= 0) return false;
  const cd = cross(c, d);
  const cbd = -dot(cd, b),
    dac = dot(cd, a);
  return acb * cbd > 0 && acb * dac > 0;
}

/** Rings this long skip the quadratic self-crossing check (S2's own checks still apply). */
const MAX_CHECKED_RING = 4000;

/** Whether two non-adjacent edges of a closed ring cross (a bow tie: Kusto's invalid ring). */
function selfCrossing(ring: Ring): boolean {
  const n = ring.length - 1;
  if (n > MAX_CHECKED_RING) return false;
  const v = ring.map(unit);
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (edgesCross(v[i]!, v[i + 1]!, v[j]!, v[j + 1]!)) return true;
    }
  }
  return false;
}

/**
 * An S2 loop of a closed ring whose edges are geodesics, normalized to the smaller of the two
 * regions it bounds (Kusto: "LinearRing divides the sphere into two regions. The smaller of the two
 * regions will be chosen"); null when S2 finds it invalid (repeated or antipodal adjacent vertices,
 * crossing edges).
 */
function s2Loop(ring: Ring): s2.Loop | null {
  if (selfCrossing(ring)) return null;
  const loop = new s2.Loop(ring.slice(0, -1).map(([lon, lat]) => s2Point(lon, lat)));
  if (loop.validate() !== null) return null;
  loop.normalize();
  return loop;
}

interface SphericalPolygons {
  shells: { shell: s2.Loop; holes: s2.Loop[] }[];
}

const sphericalMemo = memo<SphericalPolygons | null>(200);

/** The polygons of a GeoJSON value as S2 loops (memoized by text), or null when invalid. */
function sphericalPolygons(text: string | null): SphericalPolygons | null {
  if (text === null) return null;
  return sphericalMemo(text, () => {
    const polys = parsePolygons(text);
    if (!polys) return null;
    const shells: SphericalPolygons['shells'] = [];
    for (const [shellRing, ...holeRings] of polys) {
      const shell = s2Loop(shellRing!);
      if (!shell) return null;
      const holes: s2.Loop[] = [];
      for (const h of holeRings) {
        const hole = s2Loop(h);
        if (!hole) return null;
        holes.push(hole);
      }
      shells.push({ shell, holes });
    }
    return { shells };
  });
}

/**
 * geo_point_in_polygon: whether (lon, lat) is inside the Polygon/MultiPolygon (edges geodesics on
 * the sphere, S2's semi-open boundary: a point on a shared edge belongs to exactly one polygon);
 * null when the point or the polygon is invalid. Returns 1/0 (a UDF's boolean).
 */
export function pointInPolygon(
  lon: number | null,
  lat: number | null,
  text: string | null,
): number | null {
  if (!validLonLat(lon, lat)) return null;
  const polys = sphericalPolygons(text);
  if (!polys) return null;
  const p = s2Point(lon!, lat!);
  for (const { shell, holes } of polys.shells) {
    if (shell.containsPoint(p) && !holes.some((h) => h.containsPoint(p))) return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// WKT → GeoJSON

type Geometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString' | 'MultiPoint'; coordinates: number[][] }
  | { type: 'Polygon' | 'MultiLineString'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

class WktParser {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  private eat(c: string): boolean {
    this.ws();
    if (this.s[this.i] === c) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(c: string): void {
    if (!this.eat(c)) throw new Error(`expected ${c}`);
  }
  private word(): string {
    this.ws();
    const m = /^[A-Za-z]+/.exec(this.s.slice(this.i));
    if (!m) throw new Error('expected a geometry type');
    this.i += m[0].length;
    return m[0].toUpperCase();
  }
  private number(): number {
    this.ws();
    const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) throw new Error('expected a number');
    this.i += m[0].length;
    return Number(m[0]);
  }
  /** "x y": two coordinates (Z and M are not supported: a third number fails the parse). */
  private position(): number[] {
    return [this.number(), this.number()];
  }
  private list<T>(item: () => T): T[] {
    this.expect('(');
    const out = [item()];
    while (this.eat(',')) out.push(item());
    this.expect(')');
    return out;
  }
  private positions = () => this.list(() => this.position());
  private rings = () => this.list(this.positions);

  geometry(): Geometry {
    const type = this.word();
    switch (type) {
      case 'POINT': {
        this.expect('(');
        const p = this.position();
        this.expect(')');
        return { type: 'Point', coordinates: p };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: this.positions() };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: this.rings() };
      case 'MULTIPOINT':
        // Both "MULTIPOINT (1 1, 2 2)" and "MULTIPOINT ((1 1), (2 2))".
        return {
          type: 'MultiPoint',
          coordinates: this.list(() => {
            if (!this.eat('(')) return this.position();
            const p = this.position();
            this.expect(')');
            return p;
          }),
        };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: this.rings() };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: this.list(this.rings) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: this.list(() => this.geometry()) };
      default:
        throw new Error(`unsupported geometry ${type}`);
    }
  }

  parse(): Geometry {
    const g = this.geometry();
    this.ws();
    if (this.i !== this.s.length) throw new Error('trailing text');
    return g;
  }
}

/** geo_from_wkt: the GeoJSON of a WKT geometry; null when the text is invalid or unsupported (EMPTY, Z, M). */
export function geoFromWkt(wkt: string | null): string | null {
  if (wkt === null) return null;
  try {
    return JSON.stringify(new WktParser(wkt).parse());
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// H3

/** A valid H3 cell index token (lowercase hex, as geo_point_to_h3cell writes it), else null. */
function h3Cell(token: string | null): string | null {
  return token !== null && /^[0-9a-f]{15,16}$/.test(token) && h3.isValidCell(token) ? token : null;
}

const validRes = (r: number | null, lo = 0, hi = 15): r is number =>
  r !== null && Number.isInteger(r) && r >= lo && r <= hi;

/** geo_point_to_h3cell: "" for an invalid coordinate or resolution (0–15). */
export function pointToH3Cell(lon: number | null, lat: number | null, res: number | null): string {
  if (!validLonLat(lon, lat) || !validRes(res)) return '';
  return h3.latLngToCell(lat!, lon!, res);
}

export function h3CellLevel(token: string | null): number | null {
  const c = h3Cell(token);
  return c === null ? null : h3.getResolution(c);
}

/**
 * geo_h3cell_children: the children at `res` (default: the next resolution), null for an invalid
 * cell, a resolution outside [1, 15], below the cell's, or more than 5 levels below it.
 */
export function h3CellChildren(token: string | null, res: number | null): string | null {
  const c = h3Cell(token);
  if (c === null) return null;
  const level = h3.getResolution(c);
  const r = res ?? level + 1;
  if (!validRes(r, 1, 15) || r < level || r - level > 5) return null;
  return JSON.stringify(h3.cellToChildren(c, r));
}

/** geo_h3cell_parent: the parent at `res` (default: the previous resolution); "" when invalid. */
export function h3CellParent(token: string | null, res: number | null): string {
  const c = h3Cell(token);
  if (c === null) return '';
  const level = h3.getResolution(c);
  const r = res ?? level - 1;
  if (!validRes(r, 0, 14) || r > level) return '';
  return h3.cellToParent(c, r);
}

/** geo_h3cell_neighbors: the cells around one (H3's grid disk of distance 1 without the cell). */
export function h3CellNeighbors(token: string | null): string | null {
  const c = h3Cell(token);
  if (c === null) return null;
  return JSON.stringify(h3.gridDisk(c, 1).filter((n) => n !== c));
}

/** geo_h3cell_rings: the rings of distance 0…d (d in [0, 142]); null when invalid. */
export function h3CellRings(token: string | null, distance: number | null): string | null {
  const c = h3Cell(token);
  if (c === null || !validRes(distance, 0, 142)) return null;
  return JSON.stringify(h3.gridDiskDistances(c, distance));
}

export function h3CellToCentralPoint(token: string | null): string | null {
  const c = h3Cell(token);
  if (c === null) return null;
  const [lat, lng] = h3.cellToLatLng(c);
  return point(lng, lat);
}

export function h3CellToPolygon(token: string | null): string | null {
  const c = h3Cell(token);
  return c === null ? null : polygon(h3.cellToBoundary(c, true) as Ring);
}

/** Kusto's limit on geo_polygon_to_h3cells' result ("The maximum count of tokens per polygon is 61680"). */
const MAX_H3_CELLS = 61680;

/**
 * geo_polygon_to_h3cells (radius 0): the cells of resolution `res` whose centers are inside the
 * polygon or multipolygon (edges straight lines in longitude/latitude, as its page says and as H3's
 * polygonToCells works); null when the polygon or resolution is invalid or the cells exceed the limit.
 */
export function polygonToH3Cells(text: string | null, res: number | null): string | null {
  if (!validRes(res)) return null;
  const polys = parsePolygons(text);
  if (!polys || !sphericalPolygons(text)) return null;
  // Refuse before enumerating when the area alone needs more cells than the limit allows.
  // (S2 areas are steradians; H3's average hexagon area is in km² on its 6371.007180918475 km sphere.)
  let area = 0;
  for (const { shell } of sphericalPolygons(text)!.shells) area += shell.area();
  const cellArea = h3.getHexagonAreaAvg(res, h3.UNITS.km2) / 6371.007180918475 ** 2;
  if (area / cellArea > 2 * MAX_H3_CELLS) return null;
  const seen = new Set<string>();
  for (const rings of polys) {
    for (const c of h3.polygonToCells(rings, res, true)) seen.add(c);
    if (seen.size > MAX_H3_CELLS) return null;
  }
  return JSON.stringify([...seen]);
}

// ---------------------------------------------------------------------------------------------
// S2

/** A valid S2 cell token (1–16 lowercase hex digits, trailing zeros stripped), else null. */
function s2Cell(token: string | null): bigint | null {
  if (token === null || !/^[0-9a-f]{1,16}$/.test(token)) return null;
  const id = s2.cellid.fromToken(token);
  return s2.cellid.valid(id) && s2.cellid.toToken(id) === token ? id : null;
}

const degrees = (ll: s2.LatLng): Position => [(ll.lng * 180) / Math.PI, (ll.lat * 180) / Math.PI];

/** geo_point_to_s2cell: the token of the cell of `level` (0–30) holding (lon, lat); "" when invalid. */
export function pointToS2Cell(
  lon: number | null,
  lat: number | null,
  level: number | null,
): string {
  if (!validLonLat(lon, lat) || !validRes(level, 0, 30)) return '';
  const leaf = s2.cellid.fromLatLng(s2.LatLng.fromDegrees(lat!, lon!));
  return s2.cellid.toToken(s2.cellid.parent(leaf, level));
}

/** geo_s2cell_neighbors: the 8 cells of the same level around one (fewer at a cube corner). */
export function s2CellNeighbors(token: string | null): string | null {
  const id = s2Cell(token);
  if (id === null) return null;
  const out: string[] = [];
  for (const n of s2.cellid.allNeighbors(id, s2.cellid.level(id))) {
    const t = s2.cellid.toToken(n);
    if (n !== id && !out.includes(t)) out.push(t);
  }
  return JSON.stringify(out);
}

export function s2CellToCentralPoint(token: string | null): string | null {
  const id = s2Cell(token);
  if (id === null) return null;
  const [lon, lat] = degrees(s2.LatLng.fromPoint(s2.cellid.point(id)));
  return point(lon, lat);
}

/** geo_s2cell_to_polygon: the cell's four vertices in S2's order (counterclockwise), closed. */
export function s2CellToPolygon(token: string | null): string | null {
  const id = s2Cell(token);
  if (id === null) return null;
  const cell = s2.Cell.fromCellID(id);
  const ring: Ring = [0, 1, 2, 3].map((k) => degrees(s2.LatLng.fromPoint(cell.vertex(k))));
  ring.push(ring[0]!);
  return polygon(ring);
}

/** Kusto's limit on the cells of geo_polygon_to_s2cells / geo_line_to_s2cells (65536 tokens). */
const MAX_S2_CELLS = 65536;

/** The average area (steradians) and edge (radians) of an S2 cell of `level`. */
const s2CellArea = (level: number) => (4 * Math.PI) / (6 * 4 ** level);

/**
 * The tokens of the cells of exactly `level` covering `region` (S2's region coverer with
 * min = max level), or null when they would exceed Kusto's limit. `area` (steradians) and `length`
 * (radians of boundary or line) estimate the count first, so a huge covering is never enumerated.
 */
function coverAtLevel(
  region: s2.Region,
  level: number,
  area: number,
  length: number,
): string | null {
  const cellArea = s2CellArea(level);
  const estimate = area / cellArea + (2 * length) / Math.sqrt(cellArea);
  if (estimate > 4 * MAX_S2_CELLS) return null;
  // A coarse covering (S2's coverer, few cells), then each cell refined down to `level`: a cell the
  // region contains contributes all its descendants at `level`, one it only intersects is split.
  // (S2's coverer asked for min = max = level directly took 35 s for 60,000 cells.)
  const coarse = new s2.RegionCoverer({ maxLevel: level, maxCells: 16 }).covering(region);
  const out: bigint[] = [];
  const refine = (id: bigint): boolean => {
    const cell = s2.Cell.fromCellID(id);
    if (!region.intersectsCell(cell)) return true;
    if (s2.cellid.level(id) === level) {
      out.push(id);
      return out.length <= MAX_S2_CELLS;
    }
    if (region.containsCell(cell)) {
      const end = s2.cellid.childEndAtLevel(id, level);
      for (let c = s2.cellid.childBeginAtLevel(id, level); c !== end; c = s2.cellid.next(c)) {
        out.push(c);
        if (out.length > MAX_S2_CELLS) return false;
      }
      return true;
    }
    return s2.cellid.children(id).every(refine);
  };
  for (const id of coarse) {
    if (s2.cellid.level(id) > level) continue;
    if (!refine(id)) return null;
  }
  return JSON.stringify(out.map((c) => s2.cellid.toToken(c)));
}

function ringLength(ring: Ring): number {
  const v = ring.map(unit);
  let sum = 0;
  for (let i = 0; i + 1 < v.length; i++)
    sum += Math.acos(Math.max(-1, Math.min(1, dot(v[i]!, v[i + 1]!))));
  return sum;
}

/** geo_polygon_to_s2cells (radius 0): the covering of a Polygon/MultiPolygon at `level`; null when invalid or too many cells. */
export function polygonToS2Cells(text: string | null, level: number | null): string | null {
  if (!validRes(level, 0, 30)) return null;
  const polys = parsePolygons(text);
  const sph = sphericalPolygons(text);
  if (!polys || !sph) return null;
  const out = new Set<string>();
  for (let i = 0; i < sph.shells.length; i++) {
    const { shell, holes } = sph.shells[i]!;
    const region = new s2.Polygon([shell, ...holes]);
    const length = polys[i]!.reduce((n, r) => n + ringLength(r), 0);
    const tokens = coverAtLevel(region, level, shell.area(), length);
    if (tokens === null) return null;
    for (const t of JSON.parse(tokens) as string[]) out.add(t);
    if (out.size > MAX_S2_CELLS) return null;
  }
  return JSON.stringify(
    [...out].sort((a, b) => s2.cellid.ascending(s2.cellid.fromToken(a), s2.cellid.fromToken(b))),
  );
}

/** The lines of a GeoJSON LineString/MultiLineString (./geo-json.ts), or null when invalid. */
function parseLines(text: string | null): Ring[] | null {
  const r = readLines(text);
  return r && r.lines.map(mutable);
}

/** geo_line_to_s2cells (radius 0): the covering of a LineString/MultiLineString (geodesic edges) at `level`. */
export function lineToS2Cells(text: string | null, level: number | null): string | null {
  if (!validRes(level, 0, 30)) return null;
  const lines = parseLines(text);
  if (!lines) return null;
  const out = new Set<string>();
  for (const l of lines) {
    // Consecutive antipodal vertices have no unique geodesic between them: invalid.
    const v = l.map(unit);
    for (let i = 0; i + 1 < v.length; i++) if (dot(v[i]!, v[i + 1]!) < -1 + 1e-15) return null;
    const region = new s2.Polyline(l.map(([lon, lat]) => s2Point(lon, lat)));
    const tokens = coverAtLevel(region, level, 0, ringLength(l));
    if (tokens === null) return null;
    for (const t of JSON.parse(tokens) as string[]) out.add(t);
    if (out.size > MAX_S2_CELLS) return null;
  }
  return JSON.stringify(
    [...out].sort((a, b) => s2.cellid.ascending(s2.cellid.fromToken(a), s2.cellid.fromToken(b))),
  );
}

// ---------------------------------------------------------------------------------------------
// UDFs (registered by ./index.ts, called by ../functions/geo-cells.ts)

export const GEOHASH_NEIGHBORS = udf(
  'kql_geo_geohash_neighbors',
  ['VARCHAR'],
  'VARCHAR',
  geohashNeighbors,
);
export const GEOHASH_TO_CENTRAL_POINT = udf(
  'kql_geo_geohash_to_central_point',
  ['VARCHAR'],
  'VARCHAR',
  geohashToCentralPoint,
);
export const GEOHASH_TO_POLYGON = udf(
  'kql_geo_geohash_to_polygon',
  ['VARCHAR'],
  'VARCHAR',
  geohashToPolygon,
);
export const POINT_IN_POLYGON = udf(
  'kql_geo_point_in_polygon',
  ['DOUBLE', 'DOUBLE', 'VARCHAR'],
  'INTEGER',
  pointInPolygon,
);
export const FROM_WKT = udf('kql_geo_from_wkt', ['VARCHAR'], 'VARCHAR', geoFromWkt);
export const POINT_TO_H3CELL = udf(
  'kql_geo_point_to_h3cell',
  ['DOUBLE', 'DOUBLE', 'INTEGER'],
  'VARCHAR',
  pointToH3Cell,
);
export const H3CELL_LEVEL = udf('kql_geo_h3cell_level', ['VARCHAR'], 'INTEGER', h3CellLevel);
export const H3CELL_CHILDREN = udf(
  'kql_geo_h3cell_children',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  h3CellChildren,
);
export const H3CELL_PARENT = udf(
  'kql_geo_h3cell_parent',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  h3CellParent,
);
export const H3CELL_NEIGHBORS = udf(
  'kql_geo_h3cell_neighbors',
  ['VARCHAR'],
  'VARCHAR',
  h3CellNeighbors,
);
export const H3CELL_RINGS = udf(
  'kql_geo_h3cell_rings',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  h3CellRings,
);
export const H3CELL_TO_CENTRAL_POINT = udf(
  'kql_geo_h3cell_to_central_point',
  ['VARCHAR'],
  'VARCHAR',
  h3CellToCentralPoint,
);
export const H3CELL_TO_POLYGON = udf(
  'kql_geo_h3cell_to_polygon',
  ['VARCHAR'],
  'VARCHAR',
  h3CellToPolygon,
);
export const POLYGON_TO_H3CELLS = udf(
  'kql_geo_polygon_to_h3cells',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  polygonToH3Cells,
);
export const POINT_TO_S2CELL = udf(
  'kql_geo_point_to_s2cell',
  ['DOUBLE', 'DOUBLE', 'INTEGER'],
  'VARCHAR',
  pointToS2Cell,
);
export const S2CELL_NEIGHBORS = udf(
  'kql_geo_s2cell_neighbors',
  ['VARCHAR'],
  'VARCHAR',
  s2CellNeighbors,
);
export const S2CELL_TO_CENTRAL_POINT = udf(
  'kql_geo_s2cell_to_central_point',
  ['VARCHAR'],
  'VARCHAR',
  s2CellToCentralPoint,
);
export const S2CELL_TO_POLYGON = udf(
  'kql_geo_s2cell_to_polygon',
  ['VARCHAR'],
  'VARCHAR',
  s2CellToPolygon,
);
export const POLYGON_TO_S2CELLS = udf(
  'kql_geo_polygon_to_s2cells',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  polygonToS2Cells,
);
export const LINE_TO_S2CELLS = udf(
  'kql_geo_line_to_s2cells',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  lineToS2Cells,
);
