/**
 * Geospatial constructions (Kusto's geo_* pages): geo_intersection_2lines,
 * geo_intersection_line_with_polygon, geo_union_lines_array and the buffers geo_point_buffer,
 * geo_line_buffer, geo_polygon_buffer — computed by the UDFs of ../runtime/geo-ops.ts, which give
 * null for an invalid shape, coordinate, radius or tolerance, as the pages say.
 */
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import {
  GEO_INTERSECTION_2LINES,
  GEO_INTERSECTION_LINE_WITH_POLYGON,
  GEO_LINE_BUFFER,
  GEO_POINT_BUFFER,
  GEO_POLYGON_BUFFER,
  GEO_UNION_LINES_ARRAY,
} from '../runtime/geo-ops.ts';

const NUMERIC = ['long', 'int', 'real', 'decimal'] as const;

const real = (a: readonly Typed[], i: number, s: CallSite): string =>
  `CAST(${expectType(a, i, s, ...NUMERIC).sql} AS DOUBLE)`;

const shape = (a: readonly Typed[], i: number, s: CallSite): string =>
  expectType(a, i, s, 'dynamic').sql;

/** Kusto's buffers: "If unspecified, the default value 10 is used" (meters). */
const DEFAULT_TOLERANCE = '10';

export const GEO_OPS_FUNCTIONS: ScalarFunction[] = [
  {
    name: 'geo_intersection_2lines',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: GEO_INTERSECTION_2LINES.call(shape(a, 0, s), shape(a, 1, s)),
      type: 'dynamic',
    }),
  },
  {
    name: 'geo_intersection_line_with_polygon',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: GEO_INTERSECTION_LINE_WITH_POLYGON.call(shape(a, 0, s), shape(a, 1, s)),
      type: 'dynamic',
    }),
  },
  {
    name: 'geo_union_lines_array',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: GEO_UNION_LINES_ARRAY.call(shape(a, 0, s)), type: 'dynamic' }),
  },
  {
    name: 'geo_point_buffer',
    minArgs: 3,
    maxArgs: 4,
    translate: (a, s) => ({
      sql: GEO_POINT_BUFFER.call(
        real(a, 0, s),
        real(a, 1, s),
        real(a, 2, s),
        a.length > 3 ? real(a, 3, s) : DEFAULT_TOLERANCE,
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'geo_line_buffer',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: GEO_LINE_BUFFER.call(
        shape(a, 0, s),
        real(a, 1, s),
        a.length > 2 ? real(a, 2, s) : DEFAULT_TOLERANCE,
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'geo_polygon_buffer',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: GEO_POLYGON_BUFFER.call(
        shape(a, 0, s),
        real(a, 1, s),
        a.length > 2 ? real(a, 2, s) : DEFAULT_TOLERANCE,
      ),
      type: 'dynamic',
    }),
  },
];
