/**
 * Geospatial constructions (Kusto's geo_* pages): line/line and line/polygon intersections, the
 * union of lines and the point/line/polygon buffers, and the geo_polygon_lookup / geo_line_lookup
 * plugins — the pages' examples with their documented results, and for the buffers (whose pages
 * show no coordinates) what the page promises: every point within the radius is inside, the
 * boundary strays at most `tolerance` beyond the radius, invalid input gives null.
 */
import { functionCases } from './function-cases.ts';

/** A real within 1e-9 relative (the reference comparison's tolerance, src/conformance/compare.ts). */
function near(v: number): unknown {
  const tol = Math.abs(v) * 1e-9 || 1e-12;
  return {
    asymmetricMatch: (x: unknown) => typeof x === 'number' && Math.abs(x - v) <= tol,
    toString: () => `near(${v})`,
    toAsymmetricMatcher: () => `near(${v} ± ${tol})`,
  };
}

/** A real in [lo, hi]. */
function within(lo: number, hi: number): unknown {
  return {
    asymmetricMatch: (x: unknown) => typeof x === 'number' && x >= lo && x <= hi,
    toString: () => `within(${lo}, ${hi})`,
    toAsymmetricMatcher: () => `within(${lo}, ${hi})`,
  };
}

const LINE_A =
  'dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]})';
const LINE_B =
  'dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]})';
const TRIANGLE =
  'dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]})';
const HOLED =
  'dynamic({"type":"Polygon","coordinates":[[[-90.263,36.738],[-102.041,45.274],[-109.335,36.527],[-90.263,36.738]],[[-100.393,41.705],[-103.139,38.925],[-97.558,39.113],[-100.393,41.705]]]})';
const KEYS_LINE =
  'dynamic({"type":"LineString","coordinates":[[-80.66634997047466,24.894526340592122],[-80.67373241820246,24.890808090321286]]})';
const TOKYO =
  'dynamic({"type":"Polygon","coordinates":[[[139.813757,35.719666],[139.72558,35.71813],[139.727471,35.653231],[139.818721,35.657264],[139.813757,35.719666]]]})';

const ROADS = `let roads = datatable(road_name:string, road:dynamic)
[
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
    "Kensington Palace", -0.1885272501232862,  51.504906159672316
];
locations`;

const POLYGONS = `let polygons = datatable(polygon_name:string, polygon:dynamic)
[
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185,
    "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
];`;

functionCases('KQL geo constructions', [
  {
    rule: 'geo_intersection_2lines: two crossing lines meet at the documented point; a line with itself is that line; apart gives an empty GeometryCollection; an invalid line gives null',
    kql: `print p = geo_intersection_2lines(${LINE_A}, ${LINE_B}), same = geo_intersection_2lines(${LINE_A}, ${LINE_A}), none = geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[3, 3],[4, 4]]})), bad = isnull(geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[3, 3]]}))), poly = isnull(geo_intersection_2lines(${LINE_A}, ${TRIANGLE}))`,
    rows: [
      {
        p: { type: 'Point', coordinates: [near(-73.979837116670978), near(40.783989289772165)] },
        same: {
          type: 'LineString',
          coordinates: [
            [-73.978929, 40.785155],
            [-73.980903, 40.782621],
          ],
        },
        none: { type: 'GeometryCollection', geometries: [] },
        bad: true,
        poly: true,
      },
    ],
  },
  {
    rule: 'geo_intersection_2lines: lines crossing twice give a MultiPoint; a shared stretch and a separate crossing give a GeometryCollection',
    kql: 'print two = geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[0,0],[2,2],[4,0]]}), dynamic({"type":"LineString","coordinates":[[0,1],[4,1]]})), mixed = geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[0,0],[1,0],[2,0]]}), dynamic({"type":"LineString","coordinates":[[1,0],[2,0],[2,1],[0.5,-1]]}))',
    rows: [
      {
        two: {
          type: 'MultiPoint',
          coordinates: [
            [within(0.99, 1.01), within(1, 1.01)],
            [within(2.99, 3.01), within(1, 1.01)],
          ],
        },
        mixed: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Point', coordinates: [within(1.2, 1.3), within(-1e-9, 1e-9)] },
            {
              type: 'LineString',
              coordinates: [
                [1, 0],
                [2, 0],
              ],
            },
          ],
        },
      },
    ],
  },
  {
    rule: 'geo_intersection_line_with_polygon: the part of the line inside (documented coordinates); a hole splits it into a MultiLineString; disjoint gives an empty GeometryCollection',
    kql: `print a = geo_intersection_line_with_polygon(${LINE_B}, ${TRIANGLE}), b = geo_intersection_line_with_polygon(dynamic({"type":"LineString","coordinates":[[-110.522, 39.198],[-91.428, 40.880]]}), ${HOLED}), c = geo_intersection_line_with_polygon(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), ${TRIANGLE}), bad = isnull(geo_intersection_line_with_polygon(${LINE_A}, dynamic({"type":"Polygon","coordinates":[]})))`,
    rows: [
      {
        a: {
          type: 'LineString',
          coordinates: [
            [near(-73.975611956578192), near(40.78060906714618)],
            [-73.974552, 40.779761],
          ],
        },
        b: {
          type: 'MultiLineString',
          coordinates: [
            [
              [near(-106.89353655881905), near(39.769226209776306)],
              [near(-101.74448553679453), near(40.373506008712525)],
            ],
            [
              [near(-99.136499431328858), near(40.589336512699994)],
              [near(-95.284527737311791), near(40.799060242246348)],
            ],
          ],
        },
        c: { type: 'GeometryCollection', geometries: [] },
        bad: true,
      },
    ],
  },
  {
    rule: 'geo_intersection_2polygons: polygons touching at a vertex meet in that Point; a common area plus a touch is a GeometryCollection [Point, Polygon] whose ring starts at a vertex the intersection created (as the page shows)',
    kql: 'print touch = geo_intersection_2polygons(dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]}), dynamic({"type":"Polygon","coordinates":[[[3,44],[2,45],[2,43],[3,44]]]})), both = geo_intersection_2polygons(dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]}), dynamic({"type":"MultiPolygon","coordinates":[[[[3,44],[2,45],[2,43],[3,44]]],[[[1.192,45.265],[1.005,44.943],[1.356,44.937],[1.192,45.265]]]]}))',
    rows: [
      {
        touch: { type: 'Point', coordinates: [2, 45] },
        both: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Point', coordinates: [2, 45] },
            {
              type: 'Polygon',
              coordinates: [
                [
                  [near(1.3227075526410679), near(45.003909145068739)],
                  [near(1.0404565374899824), near(45.004356403066552)],
                  [near(1.005), near(44.943)],
                  [near(1.356), near(44.937)],
                  [near(1.3227075526410679), near(45.003909145068739)],
                ],
              ],
            },
          ],
        },
      },
    ],
  },
  {
    rule: 'geo_union_lines_array: overlapping lines merge into one LineString (documented); disjoint lines stay a MultiLineString; one invalid line makes the result null',
    kql: 'print u = geo_union_lines_array(pack_array(dynamic({"type":"LineString","coordinates":[[-73.95683884620665,40.80502891480884],[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}), dynamic({"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311],[-73.95537436008453,40.804413741624515]]}))), m = geo_union_lines_array(pack_array(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), dynamic({"type":"LineString","coordinates":[[5,5],[6,6]]}))), bad = isnull(geo_union_lines_array(pack_array(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), dynamic({"type":"LineString","coordinates":[[1, 1]]}))))',
    rows: [
      {
        u: {
          type: 'LineString',
          coordinates: [
            [-73.95683884620665, 40.80502891480884],
            [-73.95633727312088, 40.8057171711177],
            [-73.95489156246185, 40.80510200431311],
            [-73.95537436008453, 40.804413741624515],
          ],
        },
        m: {
          type: 'MultiLineString',
          coordinates: [
            [
              [0, 0],
              [1, 1],
            ],
            [
              [5, 5],
              [6, 6],
            ],
          ],
        },
        bad: true,
      },
    ],
  },
  {
    rule: "geo_point_buffer: the circle Kusto gives (tests/conformance/cases.json): 100 vertices exactly at the radius (n = ⌈π / acos(1 − tolerance/radius)⌉, tolerance 10 m by default) starting at Kusto's first vertex, its edges at most the tolerance inside (19985 m north is inside, 20005 m outside)",
    kql: `print b = geo_point_buffer(-115.1745008278, 36.1497251277, 20000) | extend t = tostring(b.type), v0 = b.coordinates[0][0], inside = geo_point_in_polygon(-115.1745008278, 36.1497251277 + degrees(19985.0 / 6371010), b), outside = geo_point_in_polygon(-115.1745008278, 36.1497251277 + degrees(20005.0 / 6371010), b), area = geo_polygon_area(b) | mv-expand c = b.coordinates[0] | extend d = geo_distance_2points(-115.1745008278, 36.1497251277, toreal(c[0]), toreal(c[1])) | summarize t = any(t), v0 = any(v0), inside = any(inside), outside = any(outside), area = any(area), lo = min(d), hi = max(d), n = count()`,
    rows: [
      {
        t: 'Polygon',
        v0: [near(-115.23572342504431), near(36.32267760568711)],
        inside: true,
        outside: false,
        area: within(Math.PI * 19990 ** 2, Math.PI * 20000 ** 2),
        lo: within(20000 - 1e-6, 20000 + 1e-6),
        hi: within(20000 - 1e-6, 20000 + 1e-6),
        n: 101,
      },
    ],
  },
  {
    rule: 'geo_point_buffer: invalid point, radius ≤ 0, or a tolerance below 0.0001% of the radius give null; a tolerance above the radius is lowered below it',
    kql: 'print a = isnull(geo_point_buffer(200, 1, 0.1)), b = isnull(geo_point_buffer(10, 10, -1)), c = isnull(geo_point_buffer(10, 10, 0)), d = isnull(geo_point_buffer(10, 10, 100000, 0.01)), e = isnull(geo_point_buffer(10, 10, 100, 1000))',
    rows: [{ a: true, b: true, c: true, d: true, e: false }],
  },
  {
    rule: 'geo_line_buffer: a Polygon around the line (page example, radius 4 m, tolerance 0.1 m) whose vertices lie within the tolerance of 4 m from the line (3.9–4.1 m); two crossing buffers union into one Polygon; invalid line or radius gives null',
    kql: `print b = geo_line_buffer(${KEYS_LINE}, 4, 0.1) | extend t = tostring(b.type) | mv-expand c = b.coordinates[0] | extend d = geo_distance_point_to_line(toreal(c[0]), toreal(c[1]), ${KEYS_LINE}) | summarize t = any(t), lo = min(d), hi = max(d) | extend u = tostring(geo_union_polygons_array(pack_array(geo_line_buffer(dynamic({"type":"LineString","coordinates":[[14.429214068940496,50.10043066548272],[14.431184174126173,50.10046525983731]]}), 2, 0.1), geo_line_buffer(dynamic({"type":"LineString","coordinates":[[14.43030222687753,50.100780677801936],[14.4303847111523,50.10020274910934]]}), 2, 0.1))).type), bad1 = isnull(geo_line_buffer(dynamic({"type":"LineString"}), 5)), bad2 = isnull(geo_line_buffer(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 0))`,
    rows: [
      {
        t: 'Polygon',
        lo: within(3.9, 4.1),
        hi: within(3.9, 4.1),
        u: 'Polygon',
        bad1: true,
        bad2: true,
      },
    ],
  },
  {
    rule: 'geo_polygon_buffer: holds the polygon and every point within the radius of it (vertices within the 10 m tolerance of 10000 m from it); invalid polygon or radius gives null',
    kql: `print b = geo_polygon_buffer(${TOKYO}, 10000) | extend t = tostring(b.type), grown = geo_polygon_area(b) > geo_polygon_area(${TOKYO}) | mv-expand c = b.coordinates[0] | extend d = geo_distance_point_to_polygon(toreal(c[0]), toreal(c[1]), ${TOKYO}) | summarize t = any(t), grown = any(grown), lo = min(d), hi = max(d) | extend bad1 = isnull(geo_polygon_buffer(dynamic({"type":"p"}), 1)), bad2 = isnull(geo_polygon_buffer(dynamic({"type":"Polygon","coordinates":[[[10,10],[0,10],[0,0],[10,10]]]}), 0))`,
    rows: [
      {
        t: 'Polygon',
        grown: true,
        lo: within(9990, 10010),
        hi: within(9990, 10010),
        bad1: true,
        bad2: true,
      },
    ],
  },
  {
    rule: 'geo_line_to_s2cells / geo_polygon_to_s2cells / geo_polygon_to_h3cells with a buffer radius cover the buffer: the cell of a point 300 m off the line is covered with radius 500, not without; radius 0 is no buffer; a negative radius gives null',
    kql: 'let line = dynamic({"type":"LineString","coordinates":[[-0.087152,51.509596],[-0.088340,51.506110]]}); let poly = dynamic({"type":"Polygon","coordinates":[[[-3.7,40.4],[-3.6,40.4],[-3.6,40.5],[-3.7,40.4]]]}); let off = geo_point_to_s2cell(-0.087152 - degrees(300.0 / 6371010) / cos(radians(51.509596)), 51.509596, 16); print near = set_has_element(geo_line_to_s2cells(line, 16, 500), off), far = set_has_element(geo_line_to_s2cells(line, 16), off), zero = geo_line_to_s2cells(line, 14, 0) == geo_line_to_s2cells(line, 14), neg = isnull(geo_line_to_s2cells(line, 14, -1)), s2 = array_length(geo_polygon_to_s2cells(poly, 10, 2000)) > array_length(geo_polygon_to_s2cells(poly, 10)), h3 = array_length(geo_polygon_to_h3cells(poly, 7, 2000)) > array_length(geo_polygon_to_h3cells(poly, 7))',
    rows: [{ near: true, far: false, zero: true, neg: true, s2: true, h3: true }],
  },
  {
    rule: 'geo_line_lookup: locations within the radius of a road (page example: 100 m matches two; 350 m adds Grand Central); return_unmatched keeps the others with empty lookup columns',
    kql: `${ROADS}
| evaluate geo_line_lookup(roads, longitude, latitude, road, 350, return_unmatched = true)
| project location_name, road_name, has_road = isnotnull(road)
| order by location_name asc`,
    rows: [
      { location_name: 'Empire State Building', road_name: '5th Avenue NY', has_road: true },
      { location_name: 'Grand Central Terminal', road_name: '5th Avenue NY', has_road: true },
      { location_name: 'Kensington Palace', road_name: 'Palace Ave', has_road: true },
      { location_name: 'Statue of Liberty', road_name: '', has_road: false },
    ],
  },
  {
    rule: "geo_line_lookup: the pages' earlier argument order (LookupTable, LookupLineKey, Lng, Lat, radius) still used by their examples; the key column only with return_lookup_key = true",
    kql: `${ROADS}
| evaluate geo_line_lookup(roads, road, longitude, latitude, 100)
| project-away longitude, latitude
| order by location_name asc`,
    rows: [
      { location_name: 'Empire State Building', road_name: '5th Avenue NY' },
      { location_name: 'Kensington Palace', road_name: 'Palace Ave' },
    ],
  },
  {
    rule: 'geo_polygon_lookup: locations inside a polygon (page example); with radius = 7000 a location within 7 km of the polygon matches too (Statue of Liberty)',
    kql: `${POLYGONS}
locations
| evaluate geo_polygon_lookup(polygons, longitude, latitude, polygon, return_unmatched = true)
| project location_name, inside = polygon_name
| join kind=inner (locations
    | evaluate geo_polygon_lookup(polygons, longitude, latitude, polygon, radius = 7000, return_unmatched = true)
    | project location_name, near = polygon_name) on location_name
| project location_name, inside, near
| order by location_name asc`,
    rows: [
      { location_name: 'Eiffel Tower', inside: 'Paris', near: 'Paris' },
      { location_name: 'Empire State Building', inside: 'New York', near: 'New York' },
      { location_name: 'London', inside: '', near: '' },
      { location_name: 'National Museum of Mathematics', inside: 'New York', near: 'New York' },
      { location_name: 'Statue of Liberty', inside: '', near: 'New York' },
    ],
  },
]);
