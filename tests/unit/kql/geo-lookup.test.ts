/**
 * The matching UDFs of the geo lookup plugins (src/kql/runtime/geo-lookup.ts): containment,
 * distance within a radius, and the vertex cap that bounds a pair's cost.
 */
import { describe, expect, it } from 'vitest';
import {
  lookupLine,
  lookupPolygon,
  MAX_LOOKUP_VERTICES,
} from '../../../src/kql/runtime/geo-lookup.ts';

const square = JSON.stringify({
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
});

/** A ring of n vertices around (0.5, 0.5), radius 0.4°. */
function circle(n: number): string {
  const ring = Array.from({ length: n }, (_, i) => [
    0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n),
    0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n),
  ]);
  return JSON.stringify({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
}

describe('geo lookup matching', () => {
  it('matches a point inside, or within the radius of, a polygon', () => {
    expect(lookupPolygon(0.5, 0.5, square, null)).toBe(1);
    expect(lookupPolygon(1.001, 0.5, square, null)).toBe(0);
    // 0.001° of longitude at the equator is about 111 m.
    expect(lookupPolygon(1.001, 0.5, square, 200)).toBe(1);
    expect(lookupPolygon(1.001, 0.5, square, 50)).toBe(0);
    expect(lookupPolygon(200, 0.5, square, 50)).toBeNull();
  });
  it('matches a point within the radius of a line', () => {
    const line = JSON.stringify({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 0],
      ],
    });
    expect(lookupLine(0.5, 0.001, line, 200)).toBe(1);
    expect(lookupLine(0.5, 0.001, line, 50)).toBe(0);
    expect(lookupLine(0.5, 0.001, line, null)).toBeNull();
  });
  it('matches nothing against a shape beyond the vertex cap', () => {
    expect(lookupPolygon(0.5, 0.5, circle(1000), null)).toBe(1);
    expect(lookupPolygon(0.5, 0.5, circle(MAX_LOOKUP_VERTICES + 1), null)).toBeNull();
    expect(lookupPolygon(0.5, 0.5, circle(MAX_LOOKUP_VERTICES + 1), 10)).toBeNull();
  });
});
