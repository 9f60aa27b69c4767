/**
 * Geospatial cells and shape inputs (Kusto's geo_* pages): Geohash, H3 and S2 cells (tokens,
 * neighbors, central points, polygons, polygon/line coverings), geo_point_in_polygon and
 * geo_from_wkt. The work is done by the UDFs of ../runtime/geo-cells.ts; shapes are GeoJSON dynamic
 * values. Invalid input gives null — or "" where Kusto's result is an empty string (cell tokens) —
 * never an error.
 */
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import { boolCall, type KqlUdf } from '../runtime/udf.ts';
import { GEO_LINE_BUFFER, GEO_POLYGON_BUFFER } from '../runtime/geo-ops.ts';
import {
  FROM_WKT,
  GEOHASH_NEIGHBORS,
  GEOHASH_TO_CENTRAL_POINT,
  GEOHASH_TO_POLYGON,
  H3CELL_CHILDREN,
  H3CELL_LEVEL,
  H3CELL_NEIGHBORS,
  H3CELL_PARENT,
  H3CELL_RINGS,
  H3CELL_TO_CENTRAL_POINT,
  H3CELL_TO_POLYGON,
  LINE_TO_S2CELLS,
  POINT_IN_POLYGON,
  POINT_TO_H3CELL,
  POINT_TO_S2CELL,
  POLYGON_TO_H3CELLS,
  POLYGON_TO_S2CELLS,
  S2CELL_NEIGHBORS,
  S2CELL_TO_CENTRAL_POINT,
  S2CELL_TO_POLYGON,
} from '../runtime/geo-cells.ts';

const NUMERIC = ['long', 'int', 'real', 'decimal'] as const;

function real(a: readonly Typed[], i: number, s: CallSite): string {
  return `CAST(${expectType(a, i, s, ...NUMERIC).sql} AS DOUBLE)`;
}

function str(a: readonly Typed[], i: number, s: CallSite): string {
  return expectType(a, i, s, 'string').sql;
}

function dyn(a: readonly Typed[], i: number, s: CallSite): string {
  return expectType(a, i, s, 'dynamic').sql;
}

/**
 * An integer argument (a level, resolution or distance) for a UDF's INTEGER parameter: a null or
 * out-of-range value becomes -1, which every function here rejects as invalid (and which keeps
 * BIGINTs beyond INTEGER out of the cast). An omitted argument is NULL: the function's default.
 */
function level(a: readonly Typed[], i: number, s: CallSite): string {
  if (i >= a.length) return 'CAST(NULL AS INTEGER)';
  const x = `CAST(${expectType(a, i, s, 'long', 'int').sql} AS BIGINT)`;
  return `CASE WHEN ${x} BETWEEN 0 AND 1000 THEN ${x} ELSE -1 END`;
}

/**
 * The shape to cover: argument 0, or with an optional buffer radius (argument `i`, meters, 0 by
 * default) its buffer (../runtime/geo-ops.ts, the geo_*_buffer functions) — a negative radius is
 * invalid (null). The buffer's tolerance is a tenth of the radius, at most 10 m (the buffer
 * functions' default), so the covering's cells near the edge are those within about the radius.
 */
function buffered(a: readonly Typed[], i: number, s: CallSite, buffer: KqlUdf): string {
  const shape = dyn(a, 0, s);
  if (i >= a.length) return shape;
  const r = `CAST(${expectType(a, i, s, ...NUMERIC).sql} AS DOUBLE)`;
  const tol = `LEAST(10.0, ${r} / 10)`;
  return `(CASE WHEN ${r} = 0 THEN ${shape} ELSE ${(buffer.call as (...x: string[]) => string)(shape, r, tol)} END)`;
}

const fixed = (
  name: string,
  minArgs: number,
  maxArgs: number,
  translate: ScalarFunction['translate'],
): ScalarFunction => ({ name, minArgs, maxArgs, translate });

export const GEO_CELL_FUNCTIONS: ScalarFunction[] = [
  // Geohash
  fixed('geo_geohash_neighbors', 1, 1, (a, s) => ({
    sql: GEOHASH_NEIGHBORS.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_geohash_to_central_point', 1, 1, (a, s) => ({
    sql: GEOHASH_TO_CENTRAL_POINT.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_geohash_to_polygon', 1, 1, (a, s) => ({
    sql: GEOHASH_TO_POLYGON.call(str(a, 0, s)),
    type: 'dynamic',
  })),

  // Shapes
  fixed('geo_point_in_polygon', 3, 3, (a, s) => ({
    sql: boolCall(POINT_IN_POLYGON.call(real(a, 0, s), real(a, 1, s), dyn(a, 2, s))),
    type: 'bool',
  })),
  fixed('geo_from_wkt', 1, 1, (a, s) => ({ sql: FROM_WKT.call(str(a, 0, s)), type: 'dynamic' })),

  // H3
  fixed('geo_point_to_h3cell', 2, 3, (a, s) => ({
    sql: POINT_TO_H3CELL.call(real(a, 0, s), real(a, 1, s), a.length > 2 ? level(a, 2, s) : '6'),
    type: 'string',
  })),
  fixed('geo_h3cell_level', 1, 1, (a, s) => ({
    sql: H3CELL_LEVEL.call(str(a, 0, s)),
    type: 'int',
  })),
  fixed('geo_h3cell_children', 1, 2, (a, s) => ({
    sql: H3CELL_CHILDREN.call(str(a, 0, s), level(a, 1, s)),
    type: 'dynamic',
  })),
  fixed('geo_h3cell_parent', 1, 2, (a, s) => ({
    sql: H3CELL_PARENT.call(str(a, 0, s), level(a, 1, s)),
    type: 'string',
  })),
  fixed('geo_h3cell_neighbors', 1, 1, (a, s) => ({
    sql: H3CELL_NEIGHBORS.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_h3cell_rings', 2, 2, (a, s) => ({
    sql: H3CELL_RINGS.call(str(a, 0, s), level(a, 1, s)),
    type: 'dynamic',
  })),
  fixed('geo_h3cell_to_central_point', 1, 1, (a, s) => ({
    sql: H3CELL_TO_CENTRAL_POINT.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_h3cell_to_polygon', 1, 1, (a, s) => ({
    sql: H3CELL_TO_POLYGON.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_polygon_to_h3cells', 1, 3, (a, s) => {
    return {
      sql: POLYGON_TO_H3CELLS.call(
        buffered(a, 2, s, GEO_POLYGON_BUFFER),
        a.length > 1 ? level(a, 1, s) : '6',
      ),
      type: 'dynamic',
    };
  }),

  // S2
  fixed('geo_point_to_s2cell', 2, 3, (a, s) => ({
    sql: POINT_TO_S2CELL.call(real(a, 0, s), real(a, 1, s), a.length > 2 ? level(a, 2, s) : '11'),
    type: 'string',
  })),
  fixed('geo_s2cell_neighbors', 1, 1, (a, s) => ({
    sql: S2CELL_NEIGHBORS.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_s2cell_to_central_point', 1, 1, (a, s) => ({
    sql: S2CELL_TO_CENTRAL_POINT.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_s2cell_to_polygon', 1, 1, (a, s) => ({
    sql: S2CELL_TO_POLYGON.call(str(a, 0, s)),
    type: 'dynamic',
  })),
  fixed('geo_polygon_to_s2cells', 1, 3, (a, s) => {
    return {
      sql: POLYGON_TO_S2CELLS.call(
        buffered(a, 2, s, GEO_POLYGON_BUFFER),
        a.length > 1 ? level(a, 1, s) : '11',
      ),
      type: 'dynamic',
    };
  }),
  fixed('geo_line_to_s2cells', 1, 3, (a, s) => {
    const lvl = a.length > 1 ? level(a, 1, s) : '11';
    const line = LINE_TO_S2CELLS.call(dyn(a, 0, s), lvl);
    if (a.length < 3) return { sql: line, type: 'dynamic' };
    // With a buffer radius the cells cover the line's buffer (a polygon).
    const r = `CAST(${expectType(a, 2, s, ...NUMERIC).sql} AS DOUBLE)`;
    return {
      sql: `(CASE WHEN ${r} = 0 THEN ${line} ELSE ${POLYGON_TO_S2CELLS.call(buffered(a, 2, s, GEO_LINE_BUFFER), lvl)} END)`,
      type: 'dynamic',
    };
  }),
];
