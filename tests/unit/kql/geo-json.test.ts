/**
 * The shared GeoJSON reader (src/kql/runtime/geo-json.ts): one validation for every geo_* function,
 * and the functions of ./geo-cells.ts and ./geo-shapes.ts agreeing on what is invalid.
 */
import { describe, expect, it } from 'vitest';
import { readLines, readPolygons } from '../../../src/kql/runtime/geo-json.ts';
import { pointInPolygon, polygonToS2Cells } from '../../../src/kql/runtime/geo-cells.ts';
import { polygonArea, lineLength } from '../../../src/kql/runtime/geo-shapes.ts';

const poly = (rings: number[][][]) => JSON.stringify({ type: 'Polygon', coordinates: rings });
const line = (c: number[][]) => JSON.stringify({ type: 'LineString', coordinates: c });

describe('geo-json reader', () => {
  it('reads lines and polygons, keeping a position altitude out', () => {
    expect(
      readLines(
        line([
          [0, 0],
          [1, 1, 5],
        ]),
      ),
    ).toEqual({
      multi: false,
      lines: [
        [
          [0, 0],
          [1, 1],
        ],
      ],
    });
    expect(
      readPolygons(
        poly([
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ]),
      )?.polygons,
    ).toHaveLength(1);
  });
  it.each([
    [
      'a position with four numbers',
      poly([
        [
          [0, 0, 0, 0],
          [1, 0],
          [0, 1],
          [0, 0, 0, 0],
        ],
      ]),
    ],
    [
      'an open ring',
      poly([
        [
          [0, 0],
          [1, 0],
          [0, 1],
          [0, 0.5],
        ],
      ]),
    ],
    [
      'a repeated vertex',
      poly([
        [
          [0, 0],
          [1, 0],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ]),
    ],
    [
      'too few positions',
      poly([
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ]),
    ],
    [
      'a latitude out of range',
      poly([
        [
          [0, 0],
          [1, 0],
          [0, 91],
          [0, 0],
        ],
      ]),
    ],
    ['an empty MultiPolygon', JSON.stringify({ type: 'MultiPolygon', coordinates: [] })],
    ['not JSON', '{'],
  ])('rejects %s, in every function alike', (_what, text) => {
    expect(readPolygons(text)).toBeNull();
    expect(pointInPolygon(0.1, 0.1, text)).toBeNull();
    expect(polygonArea(text)).toBeNull();
    expect(polygonToS2Cells(text, 5)).toBeNull();
  });
  it('treats the two spellings of the antimeridian and a pole as one point', () => {
    expect(
      readPolygons(
        poly([
          [
            [180, 0],
            [170, 10],
            [-180, 0],
          ],
        ]),
      ),
    ).toBeNull();
    expect(
      readPolygons(
        poly([
          [
            [180, 0],
            [170, 10],
            [170, 0],
            [-180, 0],
          ],
        ]),
      ),
    ).not.toBeNull();
    expect(
      readPolygons(
        poly([
          [
            [0, 90],
            [10, 80],
            [20, 90],
            [0, 80],
            [0, 90],
          ],
        ]),
      ),
    ).toBeNull();
  });
  it('rejects an edge between antipodal points (no unique geodesic)', () => {
    expect(
      readLines(
        line([
          [0, 0],
          [180, 0],
        ]),
      ),
    ).toBeNull();
    expect(
      lineLength(
        line([
          [0, 0],
          [180, 0],
        ]),
      ),
    ).toBeNull();
    expect(
      lineLength(
        line([
          [0, 0],
          [179, 0],
        ]),
      ),
    ).not.toBeNull();
  });
});
