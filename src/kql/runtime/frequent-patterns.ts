/**
 * basket's pattern mining (plugins/basket.ts): the Apriori algorithm the basket reference page
 * names. A row's items are its column values (column j = value v); a pattern is a set of items from
 * distinct columns; its count is the total weight of the rows holding all of them. Returned are the
 * frequent patterns (count ≥ threshold × total weight) of at most `maxDims` items that are
 * *closed* — no pattern with one more item has the same count — which is what the reference
 * page's StormEvents output lists (`Damage = NO` alone is absent because every such row also has
 * `DamageCrops = 0`, so {NO, 0} has the same count), ordered by count × number of items,
 * descending (the order of that output's segments).
 *
 * Input: JSON `[[values, weight], …]`, `values[j]` the JSON of column j's value or null when it
 * is not an item (null, empty, or infrequent on its own: the SQL side drops those first).
 * Output: JSON rows `[[SegmentId, Count, Percent, value or null per column…], …]`.
 */
import { udf } from './udf.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** At most this many candidate patterns per level: data whose patterns explode end in an error, not in hours of work. */
export const MAX_CANDIDATES = 200_000;

interface Pattern {
  readonly items: readonly number[];
  readonly count: number;
}

export function basketPatterns(
  rowsText: string | null,
  threshold: number | null,
  maxDims: number | null,
): string | null {
  if (rowsText === null || threshold === null || maxDims === null) return null;
  const rows = JSON.parse(rowsText) as [Json[], number][];
  const itemIds = new Map<string, number>();
  const itemColumn: number[] = [];
  const itemValue: Json[] = [];
  let width = 0;
  let total = 0;
  const encoded = rows.map(([values, w]) => {
    width = Math.max(width, values.length);
    total += w;
    const ids: number[] = [];
    values.forEach((v, j) => {
      if (v === null) return;
      const key = `${j}\u0000${JSON.stringify(v)}`;
      let id = itemIds.get(key);
      if (id === undefined) {
        id = itemColumn.length;
        itemIds.set(key, id);
        itemColumn.push(j);
        itemValue.push(v);
      }
      ids.push(id);
    });
    return { items: new Set(ids), w };
  });
  const min = threshold * total;
  const count = (items: readonly number[]): number => {
    let c = 0;
    for (const r of encoded) if (items.every((i) => r.items.has(i))) c += r.w;
    return c;
  };

  const levels: Pattern[][] = [];
  let level: Pattern[] = [];
  for (let id = 0; id < itemColumn.length; id++) {
    const c = count([id]);
    if (c > 0 && c >= min) level.push({ items: [id], count: c });
  }
  while (level.length && levels.length < maxDims) {
    levels.push(level);
    if (levels.length === maxDims) break;
    const known = new Set(level.map((p) => p.items.join(',')));
    const next: Pattern[] = [];
    for (let a = 0; a < level.length; a++) {
      for (let b = a + 1; b < level.length; b++) {
        const x = level[a]!.items;
        const y = level[b]!.items;
        // Join patterns that share all but their last item (items kept sorted by id).
        if (x.slice(0, -1).join(',') !== y.slice(0, -1).join(',')) continue;
        const merged = [...x, y[y.length - 1]!].sort((p, q) => p - q);
        const columns = new Set(merged.map((i) => itemColumn[i]));
        if (columns.size !== merged.length) continue;
        // Apriori pruning: every sub-pattern must be frequent.
        if (!merged.every((_, k) => known.has(merged.filter((__, m) => m !== k).join(','))))
          continue;
        if (next.length >= MAX_CANDIDATES)
          throw new Error(
            `basket: more than ${MAX_CANDIDATES} candidate patterns; raise the threshold or lower MaxDimensions`,
          );
        const c = count(merged);
        if (c >= min) next.push({ items: merged, count: c });
      }
    }
    level = next;
  }

  const closed: Pattern[] = [];
  levels.forEach((patterns, k) => {
    const larger = levels[k + 1] ?? [];
    for (const p of patterns) {
      const absorbed = larger.some(
        (q) => q.count === p.count && p.items.every((i) => q.items.includes(i)),
      );
      if (!absorbed) closed.push(p);
    }
  });
  const valuesOf = (p: Pattern): Json[] => {
    const values: Json[] = new Array<Json>(width).fill(null);
    for (const i of p.items) values[itemColumn[i]!] = itemValue[i]!;
    return values;
  };
  const out = closed.map((p) => ({ p, values: valuesOf(p), key: JSON.stringify(valuesOf(p)) }));
  // Ties (equal count × items) in a fixed order: more rows first, then by the values' JSON.
  out.sort(
    (a, b) =>
      b.p.count * b.p.items.length - a.p.count * a.p.items.length ||
      b.p.count - a.p.count ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return JSON.stringify(
    out.map((o, k) => [
      k,
      Math.round(o.p.count),
      total > 0 ? (o.p.count * 100) / total : 0,
      ...o.values,
    ]),
  );
}

export const BASKET_PATTERNS = udf(
  'kql_basket_patterns',
  ['VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  basketPatterns,
);
