/** Geospatial functions on Kusto's sphere: the reference pages' examples and their null cases. */
import { functionCases, printed } from './function-cases.ts';

functionCases('KQL geo functions', [
  {
    rule: 'geo_distance_2points: Seattle → Los Angeles is 1546754.35197381 m on the sphere (Kusto docs), to the printed digits',
    kql: 'print d = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056), f = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056, false)',
    rows: [{ d: printed(1546754.35197381), f: printed(1546754.35197381) }],
  },
  {
    rule: 'geo_distance_2points: an invalid coordinate gives null (Kusto docs: longitude 300); a null coordinate gives null; same point is 0',
    kql: 'print a = isnull(geo_distance_2points(300, 1, 1, 1)), b = isnull(geo_distance_2points(real(null), 1, 1, 1)), c = geo_distance_2points(10, 20, 10, 20), e = isnull(geo_distance_2points(0, 91, 0, 0))',
    rows: [{ a: true, b: true, c: 0, e: true }],
  },
  {
    rule: 'geo_point_in_circle: inside/outside a 3.5 km cap (Kusto docs), invalid point or non-positive radius give null',
    kql: 'print i = geo_point_in_circle(-122.143564, 47.535677, -122.100896, 47.527351, 3500), o = geo_point_in_circle(-122.137575, 47.630683, -122.100896, 47.527351, 3500), n1 = isnull(geo_point_in_circle(200, 1, 1, 1, 1)), n2 = isnull(geo_point_in_circle(1, 1, 1, 1, -1))',
    rows: [{ i: true, o: false, n1: true, n2: true }],
  },
  {
    rule: 'geo_point_in_circle: the Seattle 18 km example keeps Seattle, Kirkland and Redmond (Kusto docs)',
    kql: "datatable(longitude:real, latitude:real, place:string)[real(-122.317404), 47.609119, 'Seattle', real(-123.497688), 47.458098, 'Olympic National Forest', real(-122.201741), 47.677084, 'Kirkland', real(-122.443663), 47.247092, 'Tacoma', real(-122.121975), 47.671345, 'Redmond'] | where geo_point_in_circle(longitude, latitude, -122.317404, 47.609119, 18000) | project place",
    rows: [{ place: 'Seattle' }, { place: 'Kirkland' }, { place: 'Redmond' }],
  },
  {
    rule: 'geo_point_to_geohash: the page examples (xn76m27ty9g4, dhwfz15h, default accuracy 5); invalid coordinate or accuracy gives ""',
    kql: 'print a = geo_point_to_geohash(139.806115, 35.554128, 12), b = geo_point_to_geohash(-80.195829, 25.802215, 8), c = geo_point_to_geohash(-122.303404, 47.570482), d = geo_point_to_geohash(200, 1, 8), e = geo_point_to_geohash(1, 1, int(null)), f = geo_point_to_geohash(1, 1, 19), g = geo_point_to_geohash(real(null), 1)',
    rows: [{ a: 'xn76m27ty9g4', b: 'dhwfz15h', c: 'c23n8', d: '', e: '', f: '', g: '' }],
  },
]);
