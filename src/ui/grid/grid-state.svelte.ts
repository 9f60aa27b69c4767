/**
 * The state of one result grid: its source, the columns shown, filters, sort, the pages fetched
 * so far and the selection. Rows are fetched a page at a time from the engine worker as the view
 * scrolls (the worker filters, sorts and pages in SQL); changing the source, a filter or the sort
 * drops every page and starts again (and cancels what the worker was still doing for the old
 * question). The analyst can cancel a slow question (a console query, a sort of millions of rows):
 * the grid then shows the last question that was answered, as it was.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { EngineClient } from '../../worker/client.ts';
import type { ColumnFilter, GridSort, GridSource } from '../../worker/grid/types.ts';
import { isCancellation } from '../../db/cancellation.ts';
import { problemOf, type Problem } from '../state/problem.ts';

export const PAGE_ROWS = 200;

export class GridState {
  source = $state<GridSource | null>(null);
  columns = $state<ColumnSchema[]>([]);
  hidden = $state<Record<string, boolean>>({});
  widths = $state<Record<string, number>>({});
  filters = $state<Record<string, ColumnFilter>>({});
  sort = $state<GridSort | null>(null);
  total = $state(0);
  sql = $state('');
  loading = $state(false);
  problem = $state<Problem | null>(null);
  /** Fetched pages by index (page i holds rows i*PAGE_ROWS …). Not deep state: pages are replaced whole. */
  pages = $state.raw<Map<number, readonly (readonly unknown[])[]>>(new Map());
  /** Selected rows by absolute index, and the focused cell. */
  selected = $state.raw<Set<number>>(new Set());
  focus = $state<{ row: number; column: string } | null>(null);
  /** Counts answers received (pages or errors), so tests and assistive tech can tell "settled". */
  answers = $state(0);
  /** True after the analyst cancelled a question, until the next one is asked. */
  cancelled = $state(false);

  private generation = 0;
  private inFlight = new Set<string>();
  /** Aborts the current question's requests (a newer question or the analyst's cancel). */
  private abort = new AbortController();
  /** The last question whose first page was answered, as shown then (what a cancel goes back to). */
  private answered: Answered | null = null;

  constructor(private readonly client: EngineClient) {}

  get visibleColumns(): ColumnSchema[] {
    return this.columns.filter((c) => !this.hidden[c.name]);
  }

  async open(source: GridSource): Promise<void> {
    this.source = source;
    this.filters = {};
    this.sort = null;
    this.hidden = {};
    this.columns = [];
    await this.reload();
  }

  /** The columns hidden, by name (for the view kept in the URL). */
  get hiddenColumns(): string[] {
    return Object.keys(this.hidden).filter((c) => this.hidden[c]);
  }

  /** Shows a saved view (from the URL hash): its source, filters, sort and hidden columns. */
  async restore(view: {
    source: GridSource;
    filters: readonly ColumnFilter[];
    sort: GridSort | null;
    hidden?: readonly string[];
  }): Promise<void> {
    this.source = view.source;
    this.filters = Object.fromEntries(view.filters.map((f) => [f.column, f]));
    this.sort = view.sort;
    this.hidden = Object.fromEntries((view.hidden ?? []).map((c) => [c, true]));
    this.columns = [];
    await this.reload();
  }

  setSort(column: string): void {
    // Click cycles: ascending → descending → unsorted.
    const s = this.sort;
    this.sort =
      s?.column !== column
        ? { column, direction: 'asc' }
        : s.direction === 'asc'
          ? { column, direction: 'desc' }
          : null;
    void this.reload();
  }

  setFilter(column: string, filter: ColumnFilter | null): void {
    // Rebuilt from entries: a column named `__proto__` (a log's own field) is a key like any other,
    // where `next[column] = filter` would have set the object's prototype and lost the filter.
    const others = Object.entries(this.filters).filter(([c]) => c !== column);
    this.filters = Object.fromEntries(filter ? [...others, [column, filter]] : others);
    void this.reload();
  }

  /** Drops all pages and fetches the first one (with the new total). */
  async reload(): Promise<void> {
    this.newQuestion();
    this.cancelled = false;
    this.pages = new Map();
    this.selected = new Set();
    this.focus = null;
    await this.fetchPage(0);
  }

  /** Makes sure the rows first…last are fetched (called as the view scrolls). */
  ensureRows(first: number, last: number): void {
    for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) {
      if (p * PAGE_ROWS < Math.max(this.total, 1) && !this.pages.has(p)) void this.fetchPage(p);
    }
  }

  /**
   * Stops the question being answered (the worker cancels its query) and shows the last answered
   * question again, with its filters, sort and rows; with none, an empty grid.
   */
  cancel(): void {
    if (!this.loading) return;
    this.abort.abort(new DOMException('Cancelled by the user', 'AbortError'));
    this.newQuestion();
    this.loading = false;
    this.cancelled = true;
    this.problem = null;
    const a = this.answered;
    if (a) {
      Object.assign(this, {
        source: a.source,
        filters: a.filters,
        sort: a.sort,
        columns: a.columns,
        total: a.total,
        sql: a.sql,
        pages: a.pages,
      });
    } else {
      this.pages = new Map();
      this.total = 0;
    }
    this.selected = new Set();
    this.focus = null;
  }

  private newQuestion(): void {
    this.generation++;
    this.inFlight.clear();
    // What the worker still does for the old question is of no use: stop it.
    this.abort.abort(new DOMException('Replaced by a newer question', 'AbortError'));
    this.abort = new AbortController();
  }

  row(index: number): readonly unknown[] | undefined {
    return this.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS];
  }

  private async fetchPage(page: number): Promise<void> {
    const source = this.source;
    if (!source) return;
    const gen = this.generation;
    const signal = this.abort.signal;
    const key = `${gen}:${page}`;
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    this.loading = true;
    try {
      // Snapshots: reactive proxies cannot cross postMessage.
      const r = await this.client.request(
        'grid',
        {
          source: $state.snapshot(source),
          filters: Object.values($state.snapshot(this.filters)),
          sort: $state.snapshot(this.sort),
          offset: page * PAGE_ROWS,
          limit: PAGE_ROWS,
          count: page === 0,
        },
        { signal },
      );
      if (gen !== this.generation) return; // an answer to a question no longer asked
      this.problem = null;
      if (
        this.columns.length === 0 ||
        this.columns.map((c) => c.name).join('\u0000') !==
          r.columns.map((c) => c.name).join('\u0000')
      ) {
        this.columns = [...r.columns];
      }
      if (r.total !== null) this.total = r.total;
      this.sql = r.sql;
      const pages = new Map(this.pages);
      pages.set(page, r.rows);
      this.pages = pages;
      if (page === 0)
        this.answered = {
          source,
          filters: $state.snapshot(this.filters),
          sort: $state.snapshot(this.sort),
          columns: this.columns,
          total: this.total,
          sql: this.sql,
          pages,
        };
      else if (this.answered && this.answered.source === source)
        this.answered = { ...this.answered, pages };
    } catch (e) {
      if (gen !== this.generation || (signal.aborted && isCancellation(e))) return;
      this.problem = problemOf(e);
      if (page === 0) {
        this.total = 0;
        this.pages = new Map();
      }
    } finally {
      if (gen === this.generation) this.answers++;
      this.inFlight.delete(key);
      if (gen === this.generation && this.inFlight.size === 0) this.loading = false;
    }
  }

  toggleRow(index: number): void {
    const s = new Set(this.selected);
    if (s.has(index)) s.delete(index);
    else s.add(index);
    this.selected = s;
  }

  /** Selected rows (or the focused cell's row) as tab-separated text with a header line. */
  selectionText(): string {
    const cols = this.visibleColumns;
    const idx = this.columns.map((c) => c.name);
    const rows = this.selected.size
      ? [...this.selected].sort((a, b) => a - b)
      : this.focus
        ? [this.focus.row]
        : [];
    const lines = rows
      .map((r) => this.row(r))
      .filter((r): r is readonly unknown[] => r !== undefined)
      .map((r) => cols.map((c) => cellText(r[idx.indexOf(c.name)])).join('\t'));
    return [cols.map((c) => c.name).join('\t'), ...lines].join('\n');
  }

  focusedCellText(): string {
    const f = this.focus;
    if (!f) return '';
    const r = this.row(f.row);
    return r ? cellText(r[this.columns.findIndex((c) => c.name === f.column)]) : '';
  }
}

/** A question the grid answered and how it was shown. */
interface Answered {
  readonly source: GridSource;
  readonly filters: Record<string, ColumnFilter>;
  readonly sort: GridSort | null;
  readonly columns: ColumnSchema[];
  readonly total: number;
  readonly sql: string;
  readonly pages: Map<number, readonly (readonly unknown[])[]>;
}

/** A value as plain text (dynamic values as compact JSON), for copying and CSV. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
