/**
 * The reference examples: the KQL examples of the Kusto documentation's pages with the result
 * table each page shows, harvested by scripts/harvest-kql-reference.ts into
 * tests/fixtures/kql-reference/<page-stem>.json (one file per page), plus the reviewed
 * hand-corrections in tests/conformance/reference-overrides.json (the harvested files are never
 * edited by hand: regenerating them must give the same files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LoupeError } from '../../errors.ts';
import type { BuiltinKind } from '../../kql/catalog/builtins.ts';
import { REPO_ROOT } from '../paths.ts';

export const REFERENCE_DIR = resolve(REPO_ROOT, 'tests', 'fixtures', 'kql-reference');
export const REFERENCE_OVERRIDES_PATH = resolve(
  REPO_ROOT,
  'tests',
  'conformance',
  'reference-overrides.json',
);
export const REFERENCE_KNOWN_FAILURES_PATH = resolve(
  REPO_ROOT,
  'tests',
  'conformance',
  'reference-known-failures.json',
);
/** The harvest's own summary (what was skipped and why), beside the page files. */
export const HARVEST_SUMMARY_FILE = '_harvest.json';

/** A result table as the page displays it: column names and cell texts. */
export interface DocTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ReferenceExample {
  /** `<page-stem>-NN`: NN counts every ```` ```kusto ```` block of the page, runnable or not. */
  readonly id: string;
  readonly kql: string;
  /** The table the page shows after the example; null when it shows none. */
  readonly expected: DocTable | null;
}

export interface ReferencePage {
  readonly source: {
    readonly repo: string;
    readonly commit: string;
    readonly path: string;
    readonly licence: string;
  };
  /** The catalog entries the page documents (names; the page's kind says which kind). */
  readonly covers: readonly string[];
  readonly examples: readonly ReferenceExample[];
}

/** A reviewed hand-correction of one harvested example, with why. */
export interface ReferenceOverride {
  readonly reason: string;
  /** Replaces the example's KQL (e.g. a documented query with a typo the engine would reject). */
  readonly kql?: string;
  /** Replaces the documented result; null when the page's result cannot be reproduced (random, clock). */
  readonly expected?: DocTable | null;
}

/** An example as it runs: the harvested one with its override applied. */
export interface RunnableExample extends ReferenceExample {
  readonly page: string;
  /** Why the example differs from the harvest, when it does. */
  readonly override?: string;
}

function fail(file: string, message: string): never {
  throw new LoupeError('cli', 'reference', `${file}: ${message}`, { file });
}

function isTable(v: unknown): v is DocTable {
  const t = v as DocTable;
  const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
  return (
    !!t &&
    strings(t.columns) &&
    Array.isArray(t.rows) &&
    t.rows.every((r) => strings(r) && r.length === t.columns.length)
  );
}

export function parseReferencePage(text: string, file: string): ReferencePage {
  const doc = JSON.parse(text) as ReferencePage;
  if (!doc?.source || typeof doc.source.path !== 'string' || typeof doc.source.commit !== 'string')
    fail(file, 'missing "source"');
  if (!Array.isArray(doc.covers) || !doc.covers.every((c) => typeof c === 'string'))
    fail(file, '"covers" must be a list of names');
  if (!Array.isArray(doc.examples)) fail(file, 'missing "examples"');
  for (const e of doc.examples) {
    if (typeof e?.id !== 'string' || typeof e.kql !== 'string')
      fail(file, 'an example needs "id" and "kql"');
    if (e.expected !== null && !isTable(e.expected))
      fail(
        file,
        `${e.id}: "expected" must be null or { columns, rows } with rows as wide as the columns`,
      );
  }
  return doc;
}

/** Every page file of the folder, by page stem (file order: sorted). */
export function loadReferencePages(dir: string = REFERENCE_DIR): Map<string, ReferencePage> {
  const pages = new Map<string, ReferencePage>();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== HARVEST_SUMMARY_FILE)
    .sort()) {
    pages.set(
      f.slice(0, -'.json'.length),
      parseReferencePage(readFileSync(join(dir, f), 'utf8'), f),
    );
  }
  return pages;
}

export function parseOverrides(
  text: string,
  file: string,
): Readonly<Record<string, ReferenceOverride>> {
  const doc = JSON.parse(text) as Record<string, ReferenceOverride>;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    fail(file, 'expected { "<example id>": { "reason", "kql"?, "expected"? } }');
  for (const [id, o] of Object.entries(doc)) {
    if (typeof o?.reason !== 'string' || !o.reason.trim())
      fail(file, `${id}: every override needs a "reason"`);
    if (o.kql !== undefined && typeof o.kql !== 'string') fail(file, `${id}: "kql" must be text`);
    if (o.expected !== undefined && o.expected !== null && !isTable(o.expected))
      fail(file, `${id}: "expected" must be null or { columns, rows }`);
    if (o.kql === undefined && o.expected === undefined)
      fail(file, `${id}: an override changes "kql" or "expected"`);
  }
  return doc;
}

/** The examples with their overrides applied; an override naming no harvested example is an error. */
export function runnableExamples(
  pages: ReadonlyMap<string, ReferencePage>,
  overrides: Readonly<Record<string, ReferenceOverride>>,
): RunnableExample[] {
  const out: RunnableExample[] = [];
  const used = new Set<string>();
  for (const [page, p] of pages) {
    for (const e of p.examples) {
      const o = Object.hasOwn(overrides, e.id) ? overrides[e.id] : undefined;
      if (o) used.add(e.id);
      out.push({
        page,
        id: e.id,
        kql: o?.kql ?? e.kql,
        expected: o && o.expected !== undefined ? o.expected : e.expected,
        ...(o && { override: o.reason }),
      });
    }
  }
  const unknown = Object.keys(overrides).filter((id) => !used.has(id));
  if (unknown.length)
    fail(
      REFERENCE_OVERRIDES_PATH,
      `overrides for examples the harvest does not have: ${unknown.join(', ')}`,
    );
  return out;
}

/** Loads pages and overrides from their places in the repository. */
export function loadRunnableExamples(): RunnableExample[] {
  const overrides = parseOverrides(
    readFileSync(REFERENCE_OVERRIDES_PATH, 'utf8'),
    REFERENCE_OVERRIDES_PATH,
  );
  return runnableExamples(loadReferencePages(), overrides);
}

/**
 * The kinds of catalog entry a page can document, from its file name as the documentation names
 * its pages (`strcmp-function`, `count-aggregation-function`, `where-operator`, `bag-unpack-plugin`,
 * `let-statement`). Function pages also document window functions and `toscalar()`/
 * `materialize()`, which Kusto.Language parses as syntax (operators in the catalog).
 */
export function pageKinds(stem: string): readonly BuiltinKind[] {
  if (stem.endsWith('-aggregation-function')) return ['aggregate'];
  if (stem.endsWith('-function')) return ['function', 'window', 'operator'];
  if (stem.endsWith('-plugin')) return ['plugin'];
  if (stem.endsWith('-operator') || stem.endsWith('-statement')) return ['operator'];
  return ['function', 'aggregate', 'window', 'plugin', 'operator'];
}
