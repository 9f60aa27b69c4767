/**
 * A small bounded memo for runtime functions called once per row: the shapes and cells of a column
 * repeat (a literal polygon, a group's cell, a lookup table's shapes), so each distinct text is
 * parsed once. Bounded because the texts come from the logs: past `limit` entries it starts over.
 */
export function memo<T>(limit = 1000): (key: string, make: () => T) => T {
  const m = new Map<string, T>();
  return (key, make) => {
    if (m.has(key)) return m.get(key)!;
    const v = make();
    if (m.size >= limit) m.clear();
    m.set(key, v);
    return v;
  };
}
