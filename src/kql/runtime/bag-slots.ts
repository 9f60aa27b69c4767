/**
 * bag_unpack's questions about the data (plugins/bag-unpack.ts): which top-level properties the
 * bags hold and the KQL type of each value. Keys are log data (`__proto__`, empty, thousands of
 * them): they are only ever read from a parsed object with `Object.entries` and returned as text.
 */
import { udf } from './udf.ts';
import { parseDynamic } from './dynamic.ts';

type Json = ReturnType<typeof parseDynamic>;

/** The KQL type of a JSON value as a dynamic slot holds it (Loupe writes datetimes in dynamic values as strings). */
export function jsonKqlType(v: Json): 'string' | 'long' | 'real' | 'bool' | 'dynamic' | undefined {
  if (v === null) return undefined;
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'long' : 'real';
    case 'boolean':
      return 'bool';
    default:
      return 'dynamic';
  }
}

/** `[[key, type], …]` of a bag's non-null properties (the plugin ignores nulls); null for a non-bag. */
export function bagSlotTypes(text: string | null): string | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const slots: [string, string][] = [];
  for (const [k, x] of Object.entries(v)) {
    const t = jsonKqlType(x);
    if (t) slots.push([k, t]);
  }
  return JSON.stringify(slots);
}

export const BAG_SLOT_TYPES = udf('kql_bag_slot_types', ['VARCHAR'], 'VARCHAR', bagSlotTypes);
