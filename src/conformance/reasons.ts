/**
 * Non-passing cases grouped by cause, ranked so that the most valuable translator fix comes
 * first: by the number of cases it concerns outside the lowest-priority category (plugins, graph,
 * geospatial), then by the total.
 */
import type { CaseCategory } from './categories.ts';
import type { CaseResult, CaseStatus } from './run-case.ts';

export interface ReasonGroup {
  /** The cause, e.g. `unknown-function: unknown or unsupported function "bin_at"`. */
  readonly group: string;
  readonly status: CaseStatus;
  readonly ids: string[];
  /** How many of `ids` are not of the lowest-priority category. */
  priority: number;
}

/** A family of groups: the cause with its quoted name left out (every unknown function, every missing operator). */
export interface ReasonFamily {
  readonly family: string;
  readonly status: CaseStatus;
  cases: number;
  priority: number;
  /** Member names (what the quotes held) with their case counts, most valuable first. */
  readonly members: { name: string; cases: number; priority: number }[];
}

const byValue =
  <T extends { priority: number }>(size: (x: T) => number) =>
  (a: T, b: T) =>
    b.priority - a.priority || size(b) - size(a);

export function groupReasons(
  results: readonly CaseResult[],
  categoryOf: (id: string) => CaseCategory | undefined,
): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const r of results) {
    if (r.status === 'pass') continue;
    const key = `${r.status}\u0000${r.group}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group: r.group, status: r.status, ids: [], priority: 0 }));
    g.ids.push(r.id);
    if (categoryOf(r.id) !== 'plugin-graph-geo') g.priority++;
  }
  return [...groups.values()].sort(
    (a, b) => byValue<ReasonGroup>((x) => x.ids.length)(a, b) || a.group.localeCompare(b.group),
  );
}

const QUOTED = /"[^"]*"/;

export function familiesOf(groups: readonly ReasonGroup[]): ReasonFamily[] {
  const families = new Map<string, ReasonFamily>();
  for (const g of groups) {
    const name = QUOTED.exec(g.group)?.[0];
    const family = g.group.replace(QUOTED, '"…"');
    const key = `${g.status}\u0000${family}`;
    let f = families.get(key);
    if (!f)
      families.set(key, (f = { family, status: g.status, cases: 0, priority: 0, members: [] }));
    f.cases += g.ids.length;
    f.priority += g.priority;
    if (name)
      f.members.push({ name: name.slice(1, -1), cases: g.ids.length, priority: g.priority });
  }
  for (const f of families.values())
    f.members.sort(
      (a, b) => b.priority - a.priority || b.cases - a.cases || a.name.localeCompare(b.name),
    );
  return [...families.values()].sort(
    (a, b) => byValue<ReasonFamily>((x) => x.cases)(a, b) || a.family.localeCompare(b.family),
  );
}
