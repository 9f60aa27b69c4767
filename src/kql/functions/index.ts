/** The function registry: every family's entries, looked up by name (KQL names are case-sensitive). */
import { AGGREGATE_FUNCTIONS } from './aggregates.ts';
import { CONVERSION_FUNCTIONS } from './conversion.ts';
import { DATETIME_FUNCTIONS } from './datetime.ts';
import { ARRAY_FUNCTIONS, DYNAMIC_FUNCTIONS } from './dynamic.ts';
import { IP_FUNCTIONS } from './ip.ts';
import { LOGIC_FUNCTIONS } from './logic.ts';
import { MATH_FUNCTIONS } from './math.ts';
import { SERIES_ELEMENTWISE_FUNCTIONS, SERIES_FUNCTIONS } from './series.ts';
import type { AggregateFunction, ScalarFunction } from './registry.ts';
import { STRING_FUNCTIONS, TEXT_FUNCTIONS } from './strings.ts';
import { UNIT_FUNCTIONS } from './units.ts';
import { UNREPRODUCIBLE_FUNCTIONS } from './unreproducible.ts';
import { SERIES_FILTER_FUNCTIONS } from './series-filters.ts';
import { COMPRESSION_FUNCTIONS } from './compression.ts';

export type { AggregateFunction, CallSite, ScalarFunction } from './registry.ts';

function byName<T extends { name: string; aliases?: readonly string[] }>(entries: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const e of entries) {
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      if (m.has(n)) throw new Error(`KQL function registry: "${n}" is defined twice`);
      m.set(n, e);
    }
  }
  return m;
}

const SCALARS = byName([...STRING_FUNCTIONS, ...DATETIME_FUNCTIONS, ...DYNAMIC_FUNCTIONS, ...CONVERSION_FUNCTIONS, ...LOGIC_FUNCTIONS, ...MATH_FUNCTIONS, ...ARRAY_FUNCTIONS, ...TEXT_FUNCTIONS, ...SERIES_FUNCTIONS, ...SERIES_ELEMENTWISE_FUNCTIONS, ...IP_FUNCTIONS, ...UNIT_FUNCTIONS, ...UNREPRODUCIBLE_FUNCTIONS, ...SERIES_FILTER_FUNCTIONS, ...COMPRESSION_FUNCTIONS]);
const AGGREGATES = byName(AGGREGATE_FUNCTIONS);

export function scalarFunction(name: string): ScalarFunction | undefined {
  return SCALARS.get(name);
}

export function aggregateFunction(name: string): AggregateFunction | undefined {
  return AGGREGATES.get(name);
}
