/**
 * Geospatial cells and shape inputs: Geohash, H3 and S2 cells, geo_point_in_polygon, geo_from_wkt.
 * The reference pages' examples, their invalid-input results (null, or "" for cell tokens), and
 * the traps: geodesic polygon edges, the smaller region of a ring, the antimeridian, the poles.
 */
import { expect } from 'vitest';
import { functionCases, printed } from './function-cases.ts';

/** A coordinate as a page prints it to 17 digits: S2 libraries may differ in the last one (1e-12°). */
const near = (v: number) => expect.closeTo(v, 12);

const MANHATTAN =
  '{"type":"Polygon","coordinates":[[[-73.92597198486328,40.87821814104651],[-73.94691467285156,40.85069618625578],[-73.94691467285156,40.841865966890786],[-74.01008605957031,40.7519385984599],[-74.01866912841797,40.704586878965245],[-74.01214599609375,40.699901911003046],[-73.99772644042969,40.70875101828792],[-73.97747039794922,40.71083299030839],[-73.97026062011719,40.7290474687069],[-73.97506713867186,40.734510840309376],[-73.970947265625,40.74543623770158],[-73.94210815429688,40.77586181063573],[-73.9434814453125,40.78080140115127],[-73.92974853515625,40.79691751000055],[-73.93077850341797,40.804454347291006],[-73.93489837646484,40.80965166748853],[-73.93524169921875,40.837190668541105],[-73.92288208007812,40.85770758108904],[-73.9101791381836,40.871728144624974],[-73.92597198486328,40.87821814104651]],[[-73.95824432373047,40.80071852197889],[-73.98206233978271,40.76815921628347],[-73.97309303283691,40.76422632379533],[-73.94914627075195,40.796949998204596],[-73.95824432373047,40.80071852197889]]]}';

const MADRID =
  '{"type":"Polygon","coordinates":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]}';

functionCases('KQL geo cell functions', [
  // Geohash
  {
    rule: 'geo_geohash_neighbors: the page example, in Kusto order (SW, NW, SE, N, W, NE, E, S); invalid hash gives null',
    kql: "print n = geo_geohash_neighbors('sunny'), bad = isnull(geo_geohash_neighbors('a')), toolong = isnull(geo_geohash_neighbors('0123456789bcdefghjk')), empty = isnull(geo_geohash_neighbors(''))",
    rows: [
      {
        n: ['sunnt', 'sunpj', 'sunnx', 'sunpn', 'sunnv', 'sunpp', 'sunnz', 'sunnw'],
        bad: true,
        toolong: true,
        empty: true,
      },
    ],
  },
  {
    rule: 'geo_geohash_neighbors: a cell on the north pole edge has no northern neighbors; the western ones wrap across the antimeridian (b: SW x, SE 9, W z, E c, S 8)',
    kql: "print n = geo_geohash_neighbors('b')",
    rows: [{ n: ['x', '9', 'z', 'c', '8'] }],
  },
  {
    rule: 'geo_geohash_to_polygon / _to_central_point: the rectangle counterclockwise and its center (page examples); invalid gives null',
    kql: "print p = geo_geohash_to_polygon('dr5ru'), c = geo_geohash_to_central_point('sunny'), np = isnull(geo_geohash_to_polygon('a')), nc = isnull(geo_geohash_to_central_point('a'))",
    rows: [
      {
        p: {
          type: 'Polygon',
          coordinates: [
            [
              [-74.00390625, 40.7373046875],
              [-73.9599609375, 40.7373046875],
              [-73.9599609375, 40.78125],
              [-74.00390625, 40.78125],
              [-74.00390625, 40.7373046875],
            ],
          ],
        },
        c: { type: 'Point', coordinates: [42.47314453125, 23.70849609375] },
        np: true,
        nc: true,
      },
    ],
  },
  {
    rule: 'geohash round trip: the center of a point\u2019s geohash has the same geohash',
    kql: 'print g = geo_point_to_geohash(139.806115, 35.554128, 9) | extend c = geo_geohash_to_central_point(g) | extend same = geo_point_to_geohash(todouble(c.coordinates[0]), todouble(c.coordinates[1]), 9) == g | project same',
    rows: [{ same: true }],
  },

  // geo_point_in_polygon
  {
    rule: 'geo_point_in_polygon: Manhattan without Central Park (page example): the Empire State Building in, the Met (in the hole) and LaGuardia out',
    kql: `datatable(longitude:real, latitude:real, d:string)[real(-73.985654), 40.748487, 'esb', real(-73.963249), 40.779525, 'met', real(-73.874367), 40.777356, 'lga'] | extend inside = geo_point_in_polygon(longitude, latitude, dynamic(${MANHATTAN})) | project d, inside`,
    rows: [
      { d: 'esb', inside: true },
      { d: 'met', inside: false },
      { d: 'lga', inside: false },
    ],
  },
  {
    rule: 'geo_point_in_polygon: edges are geodesics — the great circle between (-60,60) and (60,60) passes near 73.9°N, so (0,61) is outside (a planar test says inside) and (0,75) inside',
    kql: 'let p = dynamic({"type":"Polygon","coordinates":[[[-60,60],[60,60],[60,80],[-60,80],[-60,60]]]}); print a = geo_point_in_polygon(0, 61, p), b = geo_point_in_polygon(0, 75, p)',
    rows: [{ a: false, b: true }],
  },
  {
    rule: 'geo_point_in_polygon: a ring is the smaller region whatever its orientation (clockwise square), and crosses the antimeridian by its shorter edges',
    kql: 'print cw = geo_point_in_polygon(5, 5, dynamic({"type":"Polygon","coordinates":[[[0,0],[0,10],[10,10],[10,0],[0,0]]]})), far = geo_point_in_polygon(100, 5, dynamic({"type":"Polygon","coordinates":[[[0,0],[0,10],[10,10],[10,0],[0,0]]]})), am = geo_point_in_polygon(180, 5, dynamic({"type":"Polygon","coordinates":[[[170,0],[-170,0],[-170,10],[170,10],[170,0]]]})), am0 = geo_point_in_polygon(0, 5, dynamic({"type":"Polygon","coordinates":[[[170,0],[-170,0],[-170,10],[170,10],[170,0]]]}))',
    rows: [{ cw: true, far: false, am: true, am0: false }],
  },
  {
    rule: 'geo_point_in_polygon: MultiPolygon is inside any member',
    kql: 'let m = dynamic({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}); print a = geo_point_in_polygon(10.5, 10.5, m), b = geo_point_in_polygon(0.5, 0.5, m), c = geo_point_in_polygon(5, 5, m)',
    rows: [{ a: true, b: true, c: false }],
  },
  {
    rule: 'geo_point_in_polygon: invalid point, repeated vertex, unclosed ring, too few vertices, another geometry, null — all null (page examples for the first two)',
    kql: 'print a = isnull(geo_point_in_polygon(200, 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]}))), b = isnull(geo_point_in_polygon(1, 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]}))), c = isnull(geo_point_in_polygon(1, 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,0],[10,10],[0,10]]]}))), d = isnull(geo_point_in_polygon(1, 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,0],[0,0]]]}))), e = isnull(geo_point_in_polygon(1, 1, dynamic({"type": "LineString","coordinates": [[0,0],[10,0]]}))), f = isnull(geo_point_in_polygon(1, 1, dynamic(null))), g = isnull(geo_point_in_polygon(real(null), 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,0],[10,10],[0,0]]]})))',
    rows: [{ a: true, b: true, c: true, d: true, e: true, f: true, g: true }],
  },
  {
    rule: 'geo_point_in_polygon: self-crossing (bow-tie) ring is invalid → null',
    kql: 'print a = isnull(geo_point_in_polygon(1, 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,0],[0,10],[0,0]]]})))',
    rows: [{ a: true }],
  },

  // geo_from_wkt
  {
    rule: 'geo_from_wkt: the page examples (every geometry type), as GeoJSON dynamic values',
    kql: 'print a = geo_from_wkt("POINT (1 2)"), b = geo_from_wkt("LINESTRING (1 2, 3 4)"), c = geo_from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))"), d = geo_from_wkt("MULTIPOINT (1 1, 2 2, 3 3)"), e = geo_from_wkt("MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))"), f = geo_from_wkt("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))")',
    rows: [
      {
        a: { type: 'Point', coordinates: [1, 2] },
        b: {
          type: 'LineString',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        },
        c: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [2, 0],
              [2, 2],
              [0, 0],
            ],
          ],
        },
        d: {
          type: 'MultiPoint',
          coordinates: [
            [1, 1],
            [2, 2],
            [3, 3],
          ],
        },
        e: {
          type: 'MultiLineString',
          coordinates: [
            [
              [1, 1],
              [2, 2],
              [3, 3],
            ],
            [
              [4, 4],
              [5, 5],
            ],
          ],
        },
        f: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [0, 0],
                [2, 0],
                [2, 2],
                [0, 0],
              ],
            ],
            [
              [
                [10, 10],
                [12, 10],
                [12, 12],
                [10, 10],
              ],
            ],
          ],
        },
      },
    ],
  },
  {
    rule: 'geo_from_wkt: a geometry collection; MULTIPOINT with parenthesised points; decimals and exponents',
    kql: 'print g = geo_from_wkt("GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3))"), m = geo_from_wkt("MULTIPOINT ((1 1), (2 2))"), n = geo_from_wkt("POINT (-1.5 2e1)")',
    rows: [
      {
        g: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Point', coordinates: [1, 1] },
            {
              type: 'LineString',
              coordinates: [
                [2, 2],
                [3, 3],
              ],
            },
          ],
        },
        m: {
          type: 'MultiPoint',
          coordinates: [
            [1, 1],
            [2, 2],
          ],
        },
        n: { type: 'Point', coordinates: [-1.5, 20] },
      },
    ],
  },
  {
    rule: 'geo_from_wkt: invalid or unsupported text gives null (page: "LINESTRING"; EMPTY, Z coordinates, trailing text, unknown type)',
    kql: 'print a = isnull(geo_from_wkt("LINESTRING")), b = isnull(geo_from_wkt("POINT EMPTY")), c = isnull(geo_from_wkt("POINT Z (1 2 3)")), d = isnull(geo_from_wkt("POINT (1 2) x")), e = isnull(geo_from_wkt("CIRCLE (1 2)")), f = isnull(geo_from_wkt(""))',
    rows: [{ a: true, b: true, c: true, d: true, e: true, f: true }],
  },

  // H3
  {
    rule: 'geo_point_to_h3cell: page examples (resolution 6, the default 6, resolution 5 groups); invalid coordinate or resolution gives ""',
    kql: 'print a = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6), d = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974), b = geo_point_to_h3cell(-73.956683, 40.807907, 5), c = geo_point_to_h3cell(-73.989148, 40.743273, 5), e1 = geo_point_to_h3cell(300, 1, 8), e2 = geo_point_to_h3cell(1, 1, 16), e3 = geo_point_to_h3cell(1, 1, int(null)), e4 = geo_point_to_h3cell(1, 1, -1)',
    rows: [
      {
        a: '862a1072fffffff',
        d: '862a1072fffffff',
        b: '852a100bfffffff',
        c: '852a1073fffffff',
        e1: '',
        e2: '',
        e3: '',
        e4: '',
      },
    ],
  },
  {
    rule: 'geo_h3cell_level / _parent: page examples; invalid cell → null level and "" parent; parent resolution above the cell or outside [0, 14] → ""',
    kql: "print l = geo_h3cell_level('862a1072fffffff'), l10 = geo_h3cell_level(geo_point_to_h3cell(1, 1, 10)), nl = isnull(geo_h3cell_level('abc')), p = geo_h3cell_parent('862a1072fffffff'), p1 = geo_h3cell_parent('862a1072fffffff', 1), p3 = geo_h3cell_level(geo_h3cell_parent(geo_point_to_h3cell(1, 1, 10), 3)), e1 = geo_h3cell_parent('123'), e2 = geo_h3cell_parent('862a1072fffffff', 100), e3 = geo_h3cell_parent('862a1072fffffff', 15), e4 = geo_h3cell_parent('862a1072fffffff', 7)",
    rows: [
      {
        l: 6,
        l10: 10,
        nl: true,
        p: '852a1073fffffff',
        p1: '812a3ffffffffff',
        p3: 3,
        e1: '',
        e2: '',
        e3: '',
        e4: '',
      },
    ],
  },
  {
    rule: 'geo_h3cell_children: immediate children (page example), 343 three levels down, null for an invalid cell or more than 5 levels down',
    kql: "print c = geo_h3cell_children('862a1072fffffff'), n = array_length(geo_h3cell_children('862a1072fffffff', 9)), bad = isnull(geo_h3cell_children('abc')), deep = isnull(geo_h3cell_children(geo_point_to_h3cell(1, 1, 9), 15)), up = isnull(geo_h3cell_children('862a1072fffffff', 5))",
    rows: [
      {
        c: [
          '872a10728ffffff',
          '872a10729ffffff',
          '872a1072affffff',
          '872a1072bffffff',
          '872a1072cffffff',
          '872a1072dffffff',
          '872a1072effffff',
        ],
        n: 343,
        bad: true,
        deep: true,
        up: true,
      },
    ],
  },
  {
    rule: 'geo_h3cell_neighbors / _rings: page examples in H3 order; invalid cell or distance outside [0, 142] gives null',
    kql: "print n = geo_h3cell_neighbors('862a1072fffffff'), r1 = geo_h3cell_rings('861f8894fffffff', 1), r0 = geo_h3cell_rings('861f8894fffffff', 0), bn = isnull(geo_h3cell_neighbors('abc')), br = isnull(geo_h3cell_rings('abc', 3)), bd = isnull(geo_h3cell_rings('861f8894fffffff', 150))",
    rows: [
      {
        n: [
          '862a10727ffffff',
          '862a10707ffffff',
          '862a1070fffffff',
          '862a10777ffffff',
          '862a100dfffffff',
          '862a100d7ffffff',
        ],
        r1: [
          ['861f8894fffffff'],
          [
            '861f88947ffffff',
            '861f8895fffffff',
            '861f88867ffffff',
            '861f8d497ffffff',
            '861f8d4b7ffffff',
            '861f8896fffffff',
          ],
        ],
        r0: [['861f8894fffffff']],
        bn: true,
        br: true,
        bd: true,
      },
    ],
  },
  {
    rule: 'geo_h3cell_neighbors: a pentagon has 5 neighbors',
    kql: "print n = array_length(geo_h3cell_neighbors('8009fffffffffff'))",
    rows: [{ n: 5 }],
  },
  {
    rule: 'geo_h3cell_to_central_point / _to_polygon: page values (to the printed digits); a closed hexagon ring; invalid gives null',
    kql: "print lon = todouble(geo_h3cell_to_central_point('862a1072fffffff').coordinates[0]), lat = todouble(geo_h3cell_to_central_point('862a1072fffffff').coordinates[1]), t = tostring(geo_h3cell_to_polygon('862a1072fffffff').type), n = array_length(geo_h3cell_to_polygon('862a1072fffffff').coordinates[0]), x0 = todouble(geo_h3cell_to_polygon('862a1072fffffff').coordinates[0][0][0]), y0 = round(todouble(geo_h3cell_to_polygon('862a1072fffffff').coordinates[0][0][1]), 12), closed = geo_h3cell_to_polygon('862a1072fffffff').coordinates[0][0] == geo_h3cell_to_polygon('862a1072fffffff').coordinates[0][6], bc = isnull(geo_h3cell_to_central_point('1')), bp = isnull(geo_h3cell_to_polygon('@'))",
    rows: [
      {
        lon: printed(-74.016008479792447),
        lat: printed(40.7041679083504),
        t: 'Polygon',
        n: 7,
        x0: printed(-74.0022744646159),
        y0: 40.735376026215, // the page prints …215022: H3 versions differ in the last digits
        closed: true,
        bc: true,
        bp: true,
      },
    ],
  },
  {
    rule: 'geo_polygon_to_h3cells: the cells whose centers are in the polygon (page example: the same 13 cells; Kusto\u2019s order is unspecified); invalid polygon or resolution gives null',
    kql: `print c = array_sort_asc(geo_polygon_to_h3cells(dynamic(${MADRID}))), bad = isnull(geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,1]]]}))), res = isnull(geo_polygon_to_h3cells(dynamic(${MADRID}), 16)), n7 = array_length(geo_polygon_to_h3cells(dynamic(${MADRID}), 7)) > 13`,
    rows: [
      {
        c: [
          '86390ca07ffffff',
          '86390ca27ffffff',
          '86390ca2fffffff',
          '86390ca37ffffff',
          '86390cb07ffffff',
          '86390cb0fffffff',
          '86390cb17ffffff',
          '86390cb1fffffff',
          '86390cb57ffffff',
          '86390cb87ffffff',
          '86390cb8fffffff',
          '86390cba7ffffff',
          '86390cbafffffff',
        ],
        bad: true,
        res: true,
        n7: true,
      },
    ],
  },
  {
    rule: 'geo_polygon_to_h3cells: more cells than Kusto\u2019s limit (61680) gives null; a multipolygon is the union of its members',
    kql: `print big = isnull(geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}), 8)), m = array_length(geo_polygon_to_h3cells(dynamic({"type":"MultiPolygon","coordinates":[[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]],[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]]})))`,
    rows: [{ big: true, m: 13 }],
  },

  // S2
  {
    rule: 'geo_point_to_s2cell: page examples (88d9b; 47b1d for two points, 47ae3), default level 11; invalid coordinate or level (0–30) gives ""',
    kql: 'print a = geo_point_to_s2cell(-80.195829, 25.802215, 8), d = geo_point_to_s2cell(-80.195829, 25.802215), b = geo_point_to_s2cell(10.1234, 53, 8), b2 = geo_point_to_s2cell(10.3579, 53, 8), c = geo_point_to_s2cell(10.6842, 53, 8), e1 = geo_point_to_s2cell(300, 1, 8), e2 = geo_point_to_s2cell(1, 1, 35), e3 = geo_point_to_s2cell(1, 1, int(null)), l0 = geo_point_to_s2cell(0, 0, 0)',
    rows: [
      {
        a: '88d9b',
        d: '88d9b6c',
        b: '47b1d',
        b2: '47b1d',
        c: '47ae3',
        e1: '',
        e2: '',
        e3: '',
        l0: '1',
      },
    ],
  },
  {
    rule: 'geo_s2cell_neighbors: the page example\u2019s 8 cells (Kusto lists them in an order of its own); invalid or non-canonical token gives null',
    kql: "print n = array_sort_asc(geo_s2cell_neighbors('89c259')), a = isnull(geo_s2cell_neighbors('a')), u = isnull(geo_s2cell_neighbors('89C259')), z = isnull(geo_s2cell_neighbors('89c2590'))",
    rows: [
      {
        n: ['89c251', '89c257', '89c25b', '89c25d', '89c25f', '89c2f5', '89c2f7', '89c2f9'],
        a: true,
        u: true,
        z: true,
      },
    ],
  },
  {
    rule: 'geo_s2cell_to_central_point / _to_polygon: page values (the four vertices in S2 order, closed); invalid gives null',
    kql: "print lon = todouble(geo_s2cell_to_central_point('1234567').coordinates[0]), lat = todouble(geo_s2cell_to_central_point('1234567').coordinates[1]), p = geo_s2cell_to_polygon('89c259'), bc = isnull(geo_s2cell_to_central_point('a')), bp = isnull(geo_s2cell_to_polygon('a'))",
    rows: [
      {
        lon: printed(9.86830731850408),
        lat: printed(27.4683929258276),
        p: {
          type: 'Polygon',
          coordinates: [
            [
              [near(-74.030012249838478), near(40.8012684339439)],
              [near(-74.030012249838478), near(40.7222262918358)],
              [near(-73.935982114337421), near(40.708880489804564)],
              [near(-73.935982114337421), near(40.787917134506841)],
              [near(-74.030012249838478), near(40.8012684339439)],
            ],
          ],
        },
        bc: true,
        bp: true,
      },
    ],
  },
  {
    rule: 'geo_polygon_to_s2cells: the page\u2019s triangle needs 286 level-5 cells and too many at level 30 (null); the covering holds the cells of inside points; invalid polygon or level gives null',
    kql: 'let tri = dynamic({"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]}); let gv = dynamic({"type":"Polygon","coordinates":[[[-73.991460000000131,40.731738000000206],[-73.992854491775518,40.730082566051351],[-73.996772,40.725432000000154],[-73.997634685522883,40.725786309886963],[-74.002855946639244,40.728346630056791],[-74.001413,40.731065000000207],[-73.996796995070824,40.73736378205173],[-73.991724524037934,40.735245208931886],[-73.990703782359589,40.734781896080477],[-73.991460000000131,40.731738000000206]]]}); print n = array_length(geo_polygon_to_s2cells(tri, 5)), n0 = array_length(geo_polygon_to_s2cells(tri, 5, 0)), nr = array_length(geo_polygon_to_s2cells(tri, 5, real(0.0))), big = isnull(geo_polygon_to_s2cells(tri, 30)), has = set_has_element(geo_polygon_to_s2cells(gv, 16), geo_point_to_s2cell(-73.9950, 40.7340, 16)), bad = isnull(geo_polygon_to_s2cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,1]]]}))), lvl = isnull(geo_polygon_to_s2cells(tri, 31)), huge = isnull(geo_polygon_to_s2cells(tri, 100000000000)), d = array_length(geo_polygon_to_s2cells(gv)) >= 1',
    rows: [
      { n: 286, n0: 286, nr: 286, big: true, has: true, bad: true, lvl: true, huge: true, d: true },
    ],
  },
  {
    rule: 'geo_line_to_s2cells: the cells along a geodesic line, sorted by cell id (London Bridge at level 14); wrong nesting or a single point gives null',
    kql: 'print c = geo_line_to_s2cells(dynamic({"type":"LineString","coordinates":[[-0.087152,51.509596],[-0.088340,51.506110]]}), 14), e = geo_point_to_s2cell(-0.087152, 51.509596, 14), bad = isnull(geo_line_to_s2cells(dynamic({"type":"LineString","coordinates":[[[0,0],[0,0]]]}))), one = isnull(geo_line_to_s2cells(dynamic({"type":"LineString","coordinates":[[0,0]]}))), m = array_length(geo_line_to_s2cells(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[0,1]],[[10,0],[10,1]]]}), 8)) > 2',
    rows: [{ c: ['48760351', '48760357'], e: '48760351', bad: true, one: true, m: true }],
  },
]);
