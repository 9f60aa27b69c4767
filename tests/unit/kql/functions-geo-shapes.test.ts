/**
 * Geospatial measurements on GeoJSON lines and polygons (Kusto's geo_* pages): on Kusto's sphere
 * with geodesic edges, the page examples' documented values, and null for invalid input.
 */
import { functionCases } from './function-cases.ts';

/**
 * A real within 1e-9 relative of a documented value: the reference comparison's tolerance
 * (src/conformance/compare.ts). Kusto computes with S2 and Loupe with its own spherical formulas,
 * so the last printed digits of a page may differ while the geometry agrees to well under 1 mm.
 */
function near(v: number): unknown {
  const tol = Math.abs(v) * 1e-9 || 1e-12;
  return {
    asymmetricMatch: (x: unknown) => typeof x === 'number' && Math.abs(x - v) <= tol,
    toString: () => `near(${v})`,
    toAsymmetricMatcher: () => `near(${v} ± ${tol})`,
  };
}

const CENTRAL_PARK =
  'dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})';
const TWO_PARKS =
  'dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]})';
const ROAD =
  'dynamic({"type":"LineString","coordinates":[[-115.115385,36.229195],[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]})';
const FIVE_POINTS =
  'dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]})';
const SHORT_LINE =
  'dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]})';
const BAD_RING = 'dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})';

functionCases('KQL geo shape functions', [
  {
    rule: 'geo_azimuth: 5,10 → 10,-40 is 3.05459939796449 rad (175.015653606568°), clockwise from north; same point or invalid coordinate gives null',
    kql: 'print a = geo_azimuth(5, 10, 10, -40), d = degrees(geo_azimuth(5, 10, 10, -40)), same = isnull(geo_azimuth(5, 10, 5, 10)), bad = isnull(geo_azimuth(200, 10, 5, 10)), n = isnull(geo_azimuth(real(null), 1, 2, 3)), east = geo_azimuth(0, 0, 10, 0)',
    rows: [
      {
        a: near(3.05459939796449),
        d: near(175.015653606568),
        same: true,
        bad: true,
        n: true,
        east: near(1.5707963267949),
      },
    ],
  },
  {
    rule: 'geo_angle: the clockwise angle at p2 from p2→p1 to p2→p3 is 2.94493843406882 rad (Kusto docs), not its 2π complement; p1 = p2 gives null',
    kql: 'print a = geo_angle(0, 10, 0,5, 3,-10), d = degrees(geo_angle(0, 10, 0,5, 3,-10)), n = isnull(geo_angle(0, 10, 0, 10, 3, -10))',
    rows: [{ a: near(2.94493843406882), d: near(168.732543198009), n: true }],
  },
  {
    rule: 'geo_line_length: geodesic length on the sphere (4922.48016992081 m); a MultiLineString sums its lines (8262.24339753741 m); one point is not a line (null)',
    kql: 'print a = geo_line_length(dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]})), b = geo_line_length(dynamic({"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]})), c = isnull(geo_line_length(dynamic({"type":"LineString","coordinates":[[1, 1]]}))), d = isnull(geo_line_length(dynamic({"type":"Point","coordinates":[1, 1]}))), e = isnull(geo_line_length(dynamic({"type":"LineString","coordinates":[[1, 1],[1, 95]]})))',
    rows: [{ a: near(4922.48016992081), b: near(8262.24339753741), c: true, d: true, e: true }],
  },
  {
    rule: 'geo_polygon_area / perimeter: Central Park (3475207.28346606 m², 9930.30149604938 m); a MultiPolygon is measured as the UNION of its overlapping polygons (10889971.5343487 m², 15943.5384578745 m), not the sum',
    kql: `print a = geo_polygon_area(${CENTRAL_PARK}), p = geo_polygon_perimeter(${CENTRAL_PARK}), ua = geo_polygon_area(${TWO_PARKS}), up = geo_polygon_perimeter(${TWO_PARKS})`,
    rows: [
      {
        a: near(3475207.28346606),
        p: near(9930.30149604938),
        ua: near(10889971.5343487),
        up: near(15943.5384578745),
      },
    ],
  },
  {
    rule: 'geo_polygon_area / perimeter / centroid: a ring with fewer than three distinct vertices is invalid (null); orientation does not matter (the smaller region is the polygon)',
    kql: `print a = isnull(geo_polygon_area(${BAD_RING})), p = isnull(geo_polygon_perimeter(${BAD_RING})), c = isnull(geo_polygon_centroid(${BAD_RING})), open = isnull(geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}))), cw = geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]})) == geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}))`,
    rows: [{ a: true, p: true, c: true, open: true, cw: true }],
  },
  {
    rule: 'geo_polygon_area: a hole is subtracted from its shell',
    kql: 'print r = geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]],[[0.5,0.5],[0.5,1.5],[1.5,1.5],[1.5,0.5],[0.5,0.5]]]})) < geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}))',
    rows: [{ r: true }],
  },
  {
    rule: 'geo_polygon_centroid: Central Park (-73.9657356899076, 40.7825505380578) and the union of two parks (-73.968569587829577, 40.776310752555119) on the sphere',
    kql: `print c = geo_polygon_centroid(${CENTRAL_PARK}), u = geo_polygon_centroid(${TWO_PARKS}) | project t = tostring(c.type), lng = toreal(c.coordinates[0]), lat = toreal(c.coordinates[1]), ulng = toreal(u.coordinates[0]), ulat = toreal(u.coordinates[1])`,
    rows: [
      {
        t: 'Point',
        lng: near(-73.965735689907618),
        lat: near(40.782550538057812),
        ulng: near(-73.968569587829577),
        ulat: near(40.776310752555119),
      },
    ],
  },
  {
    rule: 'geo_line_centroid: a two-point line has its great-circle midpoint (-73.965567057230942, 40.782453249627416); five points (-73.9660675626837); one point is invalid',
    kql: `print a = geo_line_centroid(${SHORT_LINE}), b = geo_line_centroid(${FIVE_POINTS}), n = isnull(geo_line_centroid(dynamic({"type":"LineString","coordinates":[[1, 1]]}))) | project lng = toreal(a.coordinates[0]), lat = toreal(a.coordinates[1]), lng5 = toreal(b.coordinates[0]), n`,
    rows: [
      {
        lng: near(-73.965567057230942),
        lat: near(40.782453249627416),
        lng5: near(-73.9660675626837),
        n: true,
      },
    ],
  },
  {
    rule: 'geo_distance_point_to_line / geo_closest_point_on_line: the Las Vegas road (3797.88887253334 m, closest at the vertex -115.192612, 36.176736); a line without coordinates or an invalid point give null',
    kql: `print d = geo_distance_point_to_line(-115.199625, 36.210419, ${ROAD}), p = geo_closest_point_on_line(-115.199625, 36.210419, ${ROAD}), n1 = isnull(geo_distance_point_to_line(1,1, dynamic({ "type":"LineString"}))), n2 = isnull(geo_distance_point_to_line(300, 3, dynamic({ "type":"LineString","coordinates":[[1,1],[2,2]]}))), n3 = isnull(geo_closest_point_on_line(1,1, dynamic({ "type":"LineString"}))), n4 = isnull(geo_closest_point_on_line(300, 3, dynamic({ "type":"LineString","coordinates":[[1,1],[2,2]]}))) | project d, lng = toreal(p.coordinates[0]), lat = toreal(p.coordinates[1]), n1, n2, n3, n4`,
    rows: [
      {
        d: near(3797.88887253334),
        lng: near(-115.192612),
        lat: near(36.176736),
        n1: true,
        n2: true,
        n3: true,
        n4: true,
      },
    ],
  },
  {
    rule: 'geo_distance_point_to_line: the closest point may lie inside an edge (a point 1° north of the equator segment is 1° of arc away)',
    kql: 'print d = geo_distance_point_to_line(0.5, 1, dynamic({"type":"LineString","coordinates":[[0,0],[1,0]]})), arc = geo_distance_2points(0.5, 1, 0.5, 0)',
    rows: [{ d: near(111195.10117748), arc: near(111195.10117748) }],
  },
  {
    rule: 'geo_distance_point_to_polygon / geo_closest_point_on_polygon: outside Central Park (259.940756070596 m, closest -73.981205580153926, 40.769359452843211); inside is 0 and the point itself',
    kql: `print d = geo_distance_point_to_polygon(-73.9839, 40.7705, ${CENTRAL_PARK}), p = geo_closest_point_on_polygon(-73.9839, 40.7705, ${CENTRAL_PARK}), din = geo_distance_point_to_polygon(-73.965, 40.782, ${CENTRAL_PARK}), pin = geo_closest_point_on_polygon(-73.965, 40.782, ${CENTRAL_PARK}) | project d, lng = toreal(p.coordinates[0]), lat = toreal(p.coordinates[1]), din, inlng = toreal(pin.coordinates[0])`,
    rows: [
      {
        d: near(259.940756070596),
        lng: near(-73.981205580153926),
        lat: near(40.769359452843211),
        din: 0,
        inlng: -73.965,
      },
    ],
  },
  {
    rule: 'geo_distance_point_to_polygon: inside any polygon of a multipolygon is 0 (Upper West Side); an invalid point or polygon gives null',
    kql: `print d = geo_distance_point_to_polygon(-73.965, 40.782, ${TWO_PARKS}), n1 = isnull(geo_distance_point_to_polygon(500,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]}))), n2 = isnull(geo_distance_point_to_polygon(1,1,${BAD_RING})), n3 = isnull(geo_closest_point_on_polygon(500,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]}))), n4 = isnull(geo_closest_point_on_polygon(1,1,${BAD_RING}))`,
    rows: [{ d: 0, n1: true, n2: true, n3: true, n4: true }],
  },
  {
    rule: 'geo_line_interpolate_point / geo_line_locate_point: a quarter of the way along the geodesic (-73.961764043218281, 40.791436687257232), 0.9 of five points (-73.96556545832799), the fraction of a point (0.25560135100307552); one point or a fraction outside [0, 1] gives null',
    kql: `print p = geo_line_interpolate_point(${SHORT_LINE}, 0.25), q = geo_line_interpolate_point(${FIVE_POINTS}, 0.9), f = geo_line_locate_point(${SHORT_LINE}, -73.965, 40.792), f2 = geo_line_locate_point(${SHORT_LINE}, -73.965, 40.792, false), n1 = isnull(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 0.5)), n2 = isnull(geo_line_locate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 1, 1)), n3 = isnull(geo_line_interpolate_point(${SHORT_LINE}, 1.5)) | project lng = toreal(p.coordinates[0]), lat = toreal(p.coordinates[1]), lng9 = toreal(q.coordinates[0]), f, f2, n1, n2, n3`,
    rows: [
      {
        lng: near(-73.961764043218281),
        lat: near(40.791436687257232),
        lng9: near(-73.96556545832799),
        f: near(0.25560135100307552),
        f2: near(0.25560135100307552),
        n1: true,
        n2: true,
        n3: true,
      },
    ],
  },
  {
    rule: 'geo_line_densify: planar edges become geodesic chains by points evenly spaced in lon/lat (50,50 → 51,51 gets seven); a short edge stays; invalid coordinate or tolerance 0 gives null',
    kql: 'print a = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]}))), b = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[-73.949247, 40.796860],[-73.973017, 40.764323]]}))), n1 = isnull(geo_line_densify(dynamic({"type":"LineString","coordinates":[[300,1],[1,1]]}))), n2 = isnull(geo_line_densify(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), 0))',
    rows: [
      {
        a: '{"type":"LineString","coordinates":[[50,50],[50.125,50.125],[50.25,50.25],[50.375,50.375],[50.5,50.5],[50.625,50.625],[50.75,50.75],[50.875,50.875],[51,51]]}',
        b: '{"type":"LineString","coordinates":[[-73.949247,40.79686],[-73.973017,40.764323]]}',
        n1: true,
        n2: true,
      },
    ],
  },
  {
    rule: 'geo_polygon_densify: a parallel edge is densified, a meridian (already a geodesic) is not; invalid latitude or tolerance 0 gives null',
    kql: 'print a = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}))), n1 = isnull(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,900],[11,10],[11,11],[10,11],[10,10]]]}))), n2 = isnull(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}), 0))',
    rows: [
      {
        a: '{"type":"Polygon","coordinates":[[[10,10],[10.25,10],[10.5,10],[10.75,10],[11,10],[11,11],[10.75,11],[10.5,11],[10.25,11],[10,11],[10,10]]]}',
        n1: true,
        n2: true,
      },
    ],
  },
  {
    rule: 'geo_polygon_densify: a clockwise shell comes back counterclockwise, reversed from its last vertex (as Kusto returns it)',
    kql: 'print a = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[-73.958244,40.800719],[-73.949146,40.79695],[-73.973093,40.764226],[-73.982062,40.768159],[-73.958244,40.800719]]]})))',
    rows: [
      {
        a: '{"type":"Polygon","coordinates":[[[-73.982062,40.768159],[-73.973093,40.764226],[-73.949146,40.79695],[-73.958244,40.800719],[-73.982062,40.768159]]]}',
      },
    ],
  },
  {
    rule: 'geo_intersects_2lines / _2polygons / _line_with_polygon: crossing shapes intersect (Kusto docs examples); apart they do not; a line inside a polygon intersects it; invalid shapes give null',
    kql: `print a = geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}), dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]})), b = geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), dynamic({"type":"LineString","coordinates":[[3,3],[4,4]]})), c = geo_intersects_2polygons(dynamic({"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]}), dynamic({"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]})), d = geo_intersects_2polygons(dynamic({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]}), dynamic({"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1,1]]]})), e = geo_intersects_2polygons(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}), dynamic({"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]})), f = geo_intersects_line_with_polygon(dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}), dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]})), g = geo_intersects_line_with_polygon(dynamic({"type":"LineString","coordinates":[[1.5,1.5],[2,2]]}), dynamic({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]})), n1 = isnull(geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), dynamic({"type":"LineString","coordinates":[[3,3]]}))), n2 = isnull(geo_intersects_2polygons(dynamic({"type":"Polygon"}), ${CENTRAL_PARK}))`,
    rows: [{ a: true, b: false, c: true, d: true, e: false, f: true, g: true, n1: true, n2: true }],
  },
  {
    rule: 'geo_intersection_2polygons / geo_union_polygons_array: the common area and the union on the sphere (areas add up: |A∪B| = |A| + |B| − |A∩B|); apart gives an empty GeometryCollection; an invalid polygon gives null',
    kql: `let a = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}); let b = dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]}); print i = geo_intersection_2polygons(a, b), u = geo_union_polygons_array(pack_array(a, b)), e = tostring(geo_intersection_2polygons(dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]}), dynamic({"type":"Polygon","coordinates":[[[3,44],[3,45],[2,43],[3,44]]]}))), n1 = isnull(geo_intersection_2polygons(dynamic({"type":"Polygon"}), a)), n2 = isnull(geo_union_polygons_array(pack_array(a, dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249]]]})))) | project it = tostring(i.type), ut = tostring(u.type), sum = abs(geo_polygon_area(u) + geo_polygon_area(i) - geo_polygon_area(a) - geo_polygon_area(b)) < 1e-3, e, n1, n2`,
    rows: [
      {
        it: 'Polygon',
        ut: 'Polygon',
        sum: true,
        e: '{"type":"GeometryCollection","geometries":[]}',
        n1: true,
        n2: true,
      },
    ],
  },
  {
    rule: "geo_line_simplify / geo_polygon_simplify: a nearly straight chain becomes one edge and a ring keeps the vertices farther than the tolerance (the pages' outputs); negative tolerance, a too high tolerance (the shape disappears) or one point give null",
    kql: `print l = tostring(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[-73.97033169865608,40.789063020152824],[-73.97039607167244,40.78897975920816],[-73.9704617857933,40.78888837512432],[-73.97052884101868,40.7887949601531],[-73.9706052839756,40.788698498903564],[-73.97065222263336,40.78862640672032],[-73.97072866559029,40.78852791445617],[-73.97079303860664,40.788434498977836]]}), 10)), p = tostring(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[-73.94885122776031,40.79673476355657],[-73.94885927438736,40.79692258628347],[-73.94887939095497,40.79692055577034],[-73.9488673210144,40.79693476936093],[-73.94888743758202,40.79693476936093],[-73.9488834142685,40.796959135509105],[-73.94890084862709,40.79695304397289],[-73.94906312227248,40.79710736271788],[-73.94923612475395,40.7968708081794],[-73.94885122776031,40.79673476355657]]]}))), n1 = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1]]}))), n2 = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1],[2,2]]}), -1)), n3 = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1.1, 1.1],[1.2,1.2]]}), 100000)), n4 = isnull(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]}), 1000000)), n5 = isnull(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[5,48],[5,48]]]}))), n6 = isnull(geo_simplify_polygons_array(pack_array(${CENTRAL_PARK}), 10000))`,
    rows: [
      {
        l: '{"type":"LineString","coordinates":[[-73.97033169865608,40.789063020152824],[-73.97079303860664,40.788434498977836]]}',
        p: '{"type":"Polygon","coordinates":[[[-73.94885122776031,40.79673476355657],[-73.94906312227248,40.79710736271788],[-73.94923612475395,40.7968708081794],[-73.94885122776031,40.79673476355657]]]}',
        n1: true,
        n2: true,
        n3: true,
        n4: true,
        n5: true,
        n6: true,
      },
    ],
  },
]);
