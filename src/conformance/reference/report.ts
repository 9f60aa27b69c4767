/**
 * What the reference examples say, for people: pass rates overall, per failure category, per
 * documentation page and per catalog entry (an entry counts the examples of its own pages that
 * use it, uses.ts), and each failing example in full (`--details`).
 */
import { BUILTIN_KINDS, type BuiltinKind, type CatalogEntry } from '../../kql/catalog/builtins.ts';
import { stripRender } from '../query-shape.ts';
import type { CaseResult } from '../run-case.ts';
import { pageKinds, type ReferencePage, type RunnableExample } from './fixtures.ts';
import { categoryOf } from './run-example.ts';
import { entriesNamed, usesEntry } from './uses.ts';

export interface Tally {
  total: number;
  pass: number;
}

export interface EntryTally extends Tally {
  readonly kind: BuiltinKind;
  readonly name: string;
  /** Of the examples using it, those whose page shows a result. */
  withResult: number;
  /** Of those, the passing ones: what "tested from its reference page" means. */
  passWithResult: number;
  /** The examples are from other pages (an operator whose own pages have no runnable example). */
  elsewhere: boolean;
}

const pct = (t: Tally) => (t.total ? `${((100 * t.pass) / t.total).toFixed(1)}%` : '-');

/** Per page stem: examples and passes. */
export function tallyPages(
  results: readonly CaseResult[],
  examples: readonly RunnableExample[],
): Map<string, Tally> {
  const status = new Map(results.map((r) => [r.id, r.status]));
  const out = new Map<string, Tally>();
  for (const e of examples) {
    const s = status.get(e.id);
    if (!s) continue;
    const t = out.get(e.page) ?? { total: 0, pass: 0 };
    t.total++;
    if (s === 'pass') t.pass++;
    out.set(e.page, t);
  }
  return out;
}

/**
 * Per catalog entry a page documents: the examples of its pages that use it, and how many pass.
 * `documented` adds the entries of pages without runnable examples (the harvest summary's covers),
 * with no examples. For operators whose own pages have no runnable example (where, sort, project:
 * their pages query the docs' sample clusters), the examples of every page that use them count,
 * marked `elsewhere`: operators are exercised by nearly every example.
 */
export function tallyEntries(
  pages: ReadonlyMap<string, ReferencePage>,
  examples: readonly RunnableExample[],
  passed: (id: string) => boolean | undefined,
  documented: Readonly<Record<string, readonly string[]>> = {},
): EntryTally[] {
  const byPage = new Map<string, RunnableExample[]>();
  for (const e of examples) byPage.set(e.page, [...(byPage.get(e.page) ?? []), e]);
  const out = new Map<string, EntryTally>();
  const count = (t: EntryTally, e: RunnableExample, entry: CatalogEntry) => {
    const p = passed(e.id);
    if (p === undefined || !usesEntry(stripRender(e.kql), entry)) return;
    t.total++;
    if (p) t.pass++;
    if (e.expected) {
      t.withResult++;
      if (p) t.passWithResult++;
    }
  };
  const covers = new Map<string, readonly string[]>(Object.entries(documented));
  for (const [stem, page] of pages) covers.set(stem, page.covers);
  for (const [stem, names] of covers) {
    for (const entry of entriesNamed(names, pageKinds(stem))) {
      const key = `${entry.kind}:${entry.name}`;
      const t = out.get(key) ?? {
        kind: entry.kind,
        name: entry.name,
        total: 0,
        pass: 0,
        withResult: 0,
        passWithResult: 0,
        elsewhere: false,
      };
      for (const e of byPage.get(stem) ?? []) count(t, e, entry);
      out.set(key, t);
    }
  }
  for (const t of out.values()) {
    if (t.kind !== 'operator' || t.total > 0) continue;
    const entry = entriesNamed([t.name], ['operator'])[0]!;
    t.elsewhere = true;
    for (const e of examples) count(t, e, entry);
  }
  return [...out.values()].sort(
    (a, b) =>
      BUILTIN_KINDS.indexOf(a.kind) - BUILTIN_KINDS.indexOf(b.kind) || (a.name < b.name ? -1 : 1),
  );
}

export function referenceSummaryText(
  results: readonly CaseResult[],
  examples: readonly RunnableExample[],
  pages: ReadonlyMap<string, ReferencePage>,
  options: { byPage: boolean; byEntry: boolean; durationMs?: number },
): string {
  const byId = new Map(examples.map((e) => [e.id, e]));
  const overall: Tally = {
    total: results.length,
    pass: results.filter((r) => r.status === 'pass').length,
  };
  const withResult = results.filter((r) => byId.get(r.id)?.expected);
  const w: Tally = {
    total: withResult.length,
    pass: withResult.filter((r) => r.status === 'pass').length,
  };
  const lines = [
    `${overall.total} reference examples: ${overall.pass} pass (${pct(overall)})` +
      (options.durationMs !== undefined ? ` in ${(options.durationMs / 1000).toFixed(1)} s` : ''),
    `  with a documented result: ${w.pass}/${w.total} (${pct(w)}); without (must run): ${overall.pass - w.pass}/${overall.total - w.total}`,
  ];
  const categories = new Map<string, number>();
  for (const r of results)
    if (r.status !== 'pass')
      categories.set(
        categoryOf(r.reason) ?? 'other',
        (categories.get(categoryOf(r.reason) ?? 'other') ?? 0) + 1,
      );
  if (categories.size)
    lines.push(
      `  failing by category: ${[...categories]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}`,
    );

  const status = new Map(results.map((r) => [r.id, r.status === 'pass']));
  const entries = tallyEntries(pages, examples, (id) => status.get(id));
  lines.push(
    '',
    'By kind (catalog entries documented by a page with examples; examples using them):',
  );
  for (const kind of BUILTIN_KINDS) {
    const es = entries.filter((e) => e.kind === kind && e.total > 0);
    if (!es.length) continue;
    const ex: Tally = {
      total: es.reduce((s, e) => s + e.total, 0),
      pass: es.reduce((s, e) => s + e.pass, 0),
    };
    const verified = es.filter((e) => e.passWithResult > 0).length;
    lines.push(
      `  ${kind.padEnd(9)} ${String(es.length).padStart(4)} entries, ${verified} with a passing documented example; examples ${ex.pass}/${ex.total} (${pct(ex)})`,
    );
  }
  if (options.byPage) {
    lines.push('', 'By page (pass/examples):');
    for (const [page, t] of tallyPages(results, examples))
      lines.push(`  ${`${t.pass}/${t.total}`.padStart(7)}  ${page}`);
  }
  if (options.byEntry) {
    lines.push(
      '',
      'By catalog entry (kind name: passing/examples using it, of which with a documented result):',
    );
    for (const e of entries)
      lines.push(
        `  ${`${e.pass}/${e.total}`.padStart(7)}  ${e.kind} ${e.name} (${e.passWithResult}/${e.withResult} with result${e.elsewhere ? ', examples of other pages' : ''})`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** Each non-passing example in full: its page, KQL, the page's table, Loupe's result and SQL. */
export function referenceDetailsText(
  results: readonly CaseResult[],
  examples: readonly RunnableExample[],
): string {
  const byId = new Map(examples.map((e) => [e.id, e]));
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  const out: string[] = [];
  for (const r of results) {
    const e = byId.get(r.id);
    if (r.status === 'pass' || !e) continue;
    out.push(`=== ${r.id} (${r.status}): ${r.reason}`);
    if (e.override) out.push(`(overridden: ${e.override})`);
    out.push(e.kql.trimEnd(), '--- documented');
    if (e.expected) {
      out.push(e.expected.columns.join(' | '));
      for (const row of e.expected.rows) out.push(json(row));
    } else out.push('(no result table)');
    if (r.detail?.actual) {
      out.push('--- Loupe', r.detail.actual.columns.join(' | '));
      for (const row of r.detail.actual.rows) out.push(json(row));
    }
    if (r.detail?.sql) out.push('--- SQL', r.detail.sql.trimEnd());
    out.push('');
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
