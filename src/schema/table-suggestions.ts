/**
 * The known tables closest to a name that is none of them, for "did you mean" in errors. KQL table
 * names are case-sensitive, so a case twin (`signinlogs`) is the best answer; then names within a
 * few edits (`SigninLog`, `AuditLog`), then names that start with what was typed.
 */

/** Edits (insert, delete, substitute, swap two neighbours) between two strings, or more than `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Optimal string alignment, row by row; a row whose minimum exceeds `max` ends the search early.
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How far a misspelling may be from a name: a third of its length, at least 2, at most 4 edits. */
function allowedEdits(name: string): number {
  return Math.min(4, Math.max(2, Math.floor(name.length / 3)));
}

/**
 * Up to `limit` of `candidates` that `name` probably meant, best first: case twins, then by
 * case-insensitive edit distance, then names `name` is the start of; ties by name.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const max = allowedEdits(name);
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const cl = c.toLowerCase();
    if (cl === lower) {
      scored.push({ name: c, score: 0 });
      continue;
    }
    const d = editDistance(lower, cl, max);
    if (d <= max) scored.push({ name: c, score: d });
    // A prefix of a long name (`AADNonInteractive`) is further than `max` edits but plainly meant it.
    else if (lower.length >= 4 && cl.startsWith(lower)) scored.push({ name: c, score: max + 1 });
  }
  scored.sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}

/** `unknown table "X"` plus the suggestion, as the translator and the rule engine word it. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length === 0 ? '' : `: did you mean ${suggestions.join(', ')}?`;
}
