/**
 * The state of the analyst's workspace on the page, and the actions that change it. Everything
 * that computes runs in the engine worker; this only sends requests and keeps their answers in
 * Svelte state for the components.
 */
import type { LoadedTable } from '../../ingest/api.ts';
import type { FilePreview, RejectedRow } from '../../ingest/index.ts';
import type { Translation } from '../../kql/api.ts';
import type { ReplayProgress, ReplayReport } from '../../rules/api.ts';
import type { LibraryReport, LibraryRuleResult, RuleFileText } from '../../rules/library.ts';
import type { CatalogSearchResult } from '../../schema/catalog-search.ts';
import type {
  FunctionLoadReport,
  FunctionSummary,
  RuleSummary,
  WatchlistInfo,
  GeoIpInfo,
} from '../../session/api.ts';
import type { CheckReport } from '../../rules/check.ts';
import type { EngineClient } from '../../worker/client.ts';
import type { EngineStatus } from '../../worker/protocol.ts';
import type { PivotHit } from '../../worker/pivot.ts';
import { GridState } from '../grid/grid-state.svelte.ts';
import { NotesStore } from './notes.svelte.ts';
import { loadSession, updateSession, type LoadRequest, type SavedFile } from './session-store.ts';
import { restoreExternalData } from './external-data.ts';
import { problemOf, type Problem } from './problem.ts';
import {
  isOutOfMemory,
  outOfMemoryProblem,
  replayOutOfMemoryProblem,
  tabCapacityProblem,
} from './tab-capacity.ts';
import { Task } from './task.svelte.ts';
import { timeLeftMs } from './time-left.ts';
import { isLoupeError } from '../../errors.ts';

export type FileJobState = 'asking' | 'queued' | 'loading' | 'loaded' | 'failed' | 'cancelled';

/** One file the analyst gave Loupe, and what became of it. */
export interface FileJob {
  readonly id: number;
  readonly file: File;
  state: FileJobState;
  bytesRead: number;
  rows: number;
  table?: string;
  problem?: Problem;
  /** For 'asking': the table this same file was already loaded into. */
  loadedInto?: string;
  /** How the load was asked for (the table chosen, replace or append), to ask again the same way. */
  readonly request: LoadRequest;
  /** When the engine started reading it (performance.now()), and the time it has left by the rate so far. */
  startedAt?: number;
  timeLeft?: number;
  /** What the load does with the file (format, table and why, the mapping), known before it reads it. */
  preview?: FilePreview;
}

export interface RuleSource {
  readonly text: string;
  readonly fileName: string;
}

export class Workspace {
  engine = $state<EngineStatus>({ state: 'starting', step: 'waiting' });
  tables = $state<LoadedTable[]>([]);
  jobs = $state<FileJob[]>([]);

  ruleSource = $state<RuleSource | null>(null);
  rule = $state<RuleSummary | null>(null);
  ruleProblem = $state<Problem | null>(null);
  translation = $state<Translation | null>(null);
  translationProblem = $state<Problem | null>(null);

  report = $state<ReplayReport | null>(null);
  replayProblem = $state<Problem | null>(null);
  /** The replay running, if any: its progress (runs done of all) and its Cancel. */
  readonly replayTask = new Task<ReplayProgress>();
  get replaying(): boolean {
    return this.replayTask.running;
  }
  demoLoading = $state(false);

  /** The entity pivoted on last (e.g. "Account isaacdunham@corp.local") and where it appears. */
  pivotLabel = $state<string | null>(null);
  pivotHits = $state<readonly PivotHit[]>([]);
  pivotProblem = $state<Problem | null>(null);
  /** The pivot running (its label while it runs): the previous pivot stays shown until it answers. */
  readonly pivotTask = new Task();
  pivotPending = $state<string | null>(null);

  /** The rule library: several rule files replayed at once and ranked by alerts (issue 4). */
  library = $state<LibraryReport | null>(null);
  libraryFiles = $state<readonly RuleFileText[]>([]);
  libraryProblem = $state<Problem | null>(null);
  /** The library replay running: progress names the rule (k of n) and its runs. */
  readonly libraryTask = new Task<ReplayProgress>();
  get libraryRunning(): boolean {
    return this.libraryTask.running;
  }

  /** Every table of the schema catalog, once the engine is ready: the tables a file can be loaded into. */
  catalogTableNames = $state<readonly string[]>([]);
  /** What a Sentinel workspace provides beside its tables (issue 13): watchlists by alias, workspace functions. */
  watchlists = $state<readonly WatchlistInfo[]>([]);
  functions = $state<readonly FunctionSummary[]>([]);
  /** The GeoIP database (.mmdb) geo_info_from_ip_address reads, when one is loaded. */
  geoIp = $state<GeoIpInfo | null>(null);
  /** Function files that could not be read (the last load's), each at its line. */
  functionErrors = $state<FunctionLoadReport['errors']>([]);
  contentProblem = $state<Problem | null>(null);
  /** The alias the next watchlist CSV is loaded under (typed, or set from a rule's need). */
  watchlistAlias = $state('');

  /** The rule files opened in the library, and each rule's check status (what `loupe check` says), known before any replay. */
  checkFiles = $state.raw<readonly RuleFileText[]>([]);
  libraryCheck = $state.raw<CheckReport | null>(null);
  checkProblem = $state<Problem | null>(null);
  checking = $state(false);

  /** The result grid of the Explore section (tables and console queries). */
  readonly grid: GridState;
  /** Case notes on alerts and incidents (kept in the browser). */
  readonly notes = new NotesStore();

  private nextJob = 1;
  /** Abort controllers of the files not finished yet, by job id (not state: they are handles). */
  private readonly aborts = new Map<number, AbortController>();

  constructor(readonly client: EngineClient) {
    client.onStatus((s) => {
      this.engine = s;
      if (s.state === 'ready' && this.catalogTableNames.length === 0) void this.loadCatalogNames();
    });
    this.grid = new GridState(client);
  }

  /** The catalog lives in the engine worker (it is large): its table names come from there once. */
  private async loadCatalogNames(): Promise<void> {
    try {
      this.catalogTableNames = await this.client.request('catalogTableNames', null);
    } catch {
      // The choices stay empty; the analyst can still type a table name.
    }
  }

  /** Tables of the schema catalog whose name or a column's name contains `query` (the catalog panel). */
  searchCatalog(query: string, limit = 50): Promise<CatalogSearchResult> {
    return this.client.request('searchCatalog', { query, limit });
  }

  get loading(): boolean {
    return this.jobs.some((j) => j.state === 'queued' || j.state === 'loading');
  }

  /**
   * Loads files (several at once). A file that fails keeps its message; loaded tables stay. A file
   * already loaded (same name) is not loaded again until the analyst says whether its rows
   * replace the table's or are appended to them.
   */
  async loadFiles(files: readonly File[], table?: string): Promise<void> {
    const started = files.map((file) => {
      const loadedInto = this.tables.find((t) => t.files.includes(file.name))?.name;
      if (loadedInto === undefined)
        return this.loadOne(file, { ...(table !== undefined && { table }) });
      this.jobs.push({
        id: this.nextJob++,
        file,
        state: 'asking',
        bytesRead: 0,
        rows: 0,
        loadedInto,
        request: {},
      });
      return Promise.resolve();
    });
    await Promise.all(started);
    // A table loaded may be what a checked rule needed.
    if (this.checkFiles.length > 0) await this.checkLibrary();
  }

  /** The analyst's answer for a file loaded twice. */
  async loadAgain(job: FileJob, mode: 'replace' | 'append'): Promise<void> {
    this.jobs = this.jobs.filter((j) => j.id !== job.id);
    await this.loadOne(job.file, {
      ...(job.loadedInto !== undefined && { table: job.loadedInto }),
      mode,
    });
  }

  /** Loads a failed file again into the table the analyst chose. */
  async retryAs(job: FileJob, table: string): Promise<void> {
    this.jobs = this.jobs.filter((j) => j.id !== job.id);
    await this.loadOne(job.file, { ...job.request, table });
  }

  /**
   * Loads a file refused for its bad rows again, as asked the first time, but with the rows that
   * cannot be read or typed set aside: the others are loaded, the bad ones counted and listed.
   */
  async loadSettingAside(job: FileJob): Promise<void> {
    this.jobs = this.jobs.filter((j) => j.id !== job.id);
    await this.loadOne(job.file, { ...job.request, badRows: 'set-aside' });
  }

  /**
   * Loads a file again with the table and column names the analyst set in its mapping, replacing
   * that table as a first load does; a load of it still waiting or running is cancelled first. A
   * table that this file alone filled under the old names is removed: the analyst said the file is
   * something else.
   */
  async loadWithMapping(
    job: FileJob,
    table: string,
    columns: Readonly<Record<string, string>>,
  ): Promise<void> {
    const previous = job.state === 'loaded' ? job.table : undefined;
    this.cancelJob(job);
    this.jobs = this.jobs.filter((j) => j.id !== job.id);
    const { mode: _replaced, ...request } = job.request;
    const loaded = await this.loadOne(job.file, {
      ...request,
      table,
      ...(Object.keys(columns).length > 0 && { columns }),
    });
    if (loaded && previous !== undefined && previous !== loaded.name) {
      const old = this.tables.find((t) => t.name === previous);
      if (old && old.files.length === 1 && old.files[0] === job.file.name)
        await this.dropTable(previous);
    }
  }

  /** The rows set aside while loading a table, for the analyst to read. */
  rejectedRows(table: string): Promise<readonly RejectedRow[]> {
    return this.client.request('rejectedRows', { table });
  }

  /** Stops loading a file (queued or being read); the tables already loaded are unchanged. */
  cancelJob(job: FileJob): void {
    this.aborts.get(job.id)?.abort();
  }

  dismissJob(job: FileJob): void {
    this.jobs = this.jobs.filter((j) => j.id !== job.id);
  }

  /**
   * `keep: false` loads without writing the file to the saved session: a restore reads the saved
   * session, and writing it back while restoring would only open a window in which a reload finds
   * it half rewritten.
   */
  private async loadOne(
    file: File,
    request: LoadRequest,
    keep = true,
  ): Promise<LoadedTable | undefined> {
    const { table, mode, badRows, columns } = request;
    const id = this.nextJob++;
    this.jobs.push({ id, file, state: 'queued', bytesRead: 0, rows: 0, request });
    // Mutate the proxied entry (not the local object) so the list updates.
    const job = () => this.jobs.find((j) => j.id === id);
    const abort = new AbortController();
    this.aborts.set(id, abort);
    const options = {
      ...(table !== undefined && { table }),
      ...(columns !== undefined && { columns }),
    };
    // Past what the tab holds, the file is refused before it is read (./tab-capacity.ts).
    const tooLarge = tabCapacityProblem(
      file,
      this.loadedBytes(mode === 'append' ? undefined : table),
    );
    if (tooLarge) {
      Object.assign(job()!, { state: 'failed', problem: problemOf(tooLarge) });
      this.aborts.delete(id);
      return undefined;
    }
    try {
      // What the load will do (format, table and why, the mapping), shown while the file waits and
      // is read: the engine reads only the file's start for it. A file whose start cannot be read
      // has no preview; its load says why.
      const preview = await this.client
        .request('preview', { name: file.name, file, ...options }, { signal: abort.signal })
        .catch((e: unknown) => {
          if (abort.signal.aborted) throw e;
          return undefined;
        });
      const waiting = job();
      if (waiting && preview) waiting.preview = preview;
      const loaded = await this.client.request(
        'load',
        {
          name: file.name,
          file,
          ...options,
          ...(mode !== undefined && { mode }),
          ...(badRows !== undefined && { badRows }),
        },
        {
          signal: abort.signal,
          onProgress: (p) => {
            const j = job();
            if (!j) return;
            const now = performance.now();
            const startedAt = j.startedAt ?? now;
            Object.assign(j, {
              state: 'loading',
              bytesRead: p.bytesRead,
              rows: p.rows,
              startedAt,
              timeLeft: timeLeftMs(p.bytesRead, p.bytesTotal, now - startedAt),
            });
          },
        },
      );
      // The table list first, so that a file shown as loaded always has its table listed.
      await this.tablesChanged();
      const j = job();
      if (j)
        Object.assign(j, {
          state: 'loaded',
          table: loaded.name,
          rows: loaded.rowCount,
          bytesRead: file.size,
        });
      // Kept for the next visit. A file replaces its table (earlier files of that table go) unless appended.
      const kept = (f: { table?: string }) => mode === 'append' || f.table !== loaded.name;
      if (keep) {
        const { mode: _notKept, ...choices } = request;
        const saved: SavedFile = { ...choices, name: file.name, blob: file, table: loaded.name };
        void updateSession((s) => ({ ...s, files: [...s.files.filter(kept), saved] }));
      }
      return loaded;
    } catch (e) {
      const j = job();
      const cancelled =
        e instanceof Error &&
        (e.name === 'AbortError' || (isLoupeError(e) && e.code === 'cancelled'));
      const oom = !cancelled && e instanceof Error && isOutOfMemory(e.message);
      if (j)
        Object.assign(
          j,
          cancelled
            ? { state: 'cancelled' }
            : {
                state: 'failed',
                problem: problemOf(oom ? outOfMemoryProblem(file.name, (e as Error).message) : e),
              },
        );
    } finally {
      this.aborts.delete(id);
    }
    return undefined;
  }

  /**
   * The bytes of the files the tab holds (each loaded file once, while its table is loaded); a
   * file about to replace `replacing` does not count that table's files.
   */
  private loadedBytes(replacing?: string): number {
    const tables = new Set(this.tables.map((t) => t.name));
    const seen = new Set<string>();
    let bytes = 0;
    for (const j of this.jobs) {
      if (
        j.state !== 'loaded' ||
        j.table === undefined ||
        !tables.has(j.table) ||
        j.table === replacing ||
        seen.has(j.file.name)
      )
        continue;
      seen.add(j.file.name);
      bytes += j.file.size;
    }
    return bytes;
  }

  async dropTable(name: string): Promise<void> {
    await this.client.request('dropTable', { name });
    void updateSession((s) => ({ ...s, files: s.files.filter((f) => f.table !== name) }));
    await this.tablesChanged();
  }

  /** Loads the bundled demo: a real Log Analytics export plus synthetic risky users, and the seed rule. */
  async loadDemo(): Promise<void> {
    this.demoLoading = true;
    try {
      const demo = await import('../demo.ts');
      await Promise.all([this.loadFiles(demo.demoFiles()), this.useRule(demo.seedRule())]);
    } finally {
      this.demoLoading = false;
    }
  }

  /** Makes `source` the current rule; `keep: false` (a restore) leaves the saved session as it is. */
  async useRule(source: RuleSource, keep = true): Promise<void> {
    if (keep)
      void updateSession((s) => ({
        ...s,
        rule: { text: source.text, fileName: source.fileName },
        replayed: false,
      }));
    this.ruleSource = source;
    this.rule = null;
    this.ruleProblem = null;
    this.translation = null;
    this.translationProblem = null;
    this.report = null;
    this.replayProblem = null;
    this.replayTask.clearCancelled();
    try {
      this.rule = await this.client.request('readRule', source);
    } catch (e) {
      this.ruleProblem = problemOf(e);
      return;
    }
    await this.retranslate();
  }

  /** The translation depends on the loaded tables' schemas, so it is redone when they change. */
  private async retranslate(): Promise<void> {
    if (!this.rule) return;
    try {
      this.translation = await this.client.request('translate', { kql: this.rule.query });
      this.translationProblem = null;
    } catch (e) {
      this.translation = null;
      this.translationProblem = problemOf(e);
    }
  }

  private async tablesChanged(): Promise<void> {
    this.tables = [...(await this.client.request('tables', null))];
    // A grid over a table that was replaced or removed shows the table as it is now.
    const src = this.grid.source;
    if (src?.kind === 'table') {
      if (this.tables.some((t) => t.name === src.name)) void this.grid.reload();
      else this.grid.source = null;
    }
    // A replay over other data would be misleading: clear it and translate again.
    this.report = null;
    await this.retranslate();
  }

  /** Finds every loaded table's rows mentioning `value` (an entity identifier). */
  async pivotOn(label: string, value: string): Promise<void> {
    this.pivotPending = label;
    try {
      const outcome = await this.pivotTask.run((signal) =>
        this.client.request('pivot', { value }, { signal }),
      );
      // Cancelled: the previous pivot (if any) stays as it was.
      if (!outcome.done) return;
      this.pivotLabel = label;
      this.pivotHits = outcome.value;
      this.pivotProblem = null;
    } catch (e) {
      this.pivotLabel = label;
      this.pivotHits = [];
      this.pivotProblem = problemOf(e);
    } finally {
      if (!this.pivotTask.running) this.pivotPending = null;
    }
  }

  /** True while the session saved in this browser is being loaded again. */
  restoring = $state(false);

  /** Loads the session kept in this browser (files, rule, replay), if any. */
  async restoreSession(): Promise<void> {
    const saved = await loadSession();
    if (
      saved.files.length === 0 &&
      !saved.rule &&
      !saved.watchlists?.length &&
      !saved.functions?.length &&
      !saved.geoIp
    )
      return;
    this.restoring = true;
    try {
      // Watchlists and functions first: the rule is translated against them.
      for (const w of saved.watchlists ?? [])
        await this.loadWatchlist(
          new File([w.blob], w.name, {
            lastModified: w.blob instanceof File ? w.blob.lastModified : Date.now(),
          }),
          w.alias,
          false,
        );
      if (saved.geoIp)
        await this.loadGeoIpDatabase(new File([saved.geoIp.blob], saved.geoIp.name), false);
      if (saved.functions?.length)
        await this.loadFunctionFiles(
          saved.functions.map((f) => new File([f.text], f.name)),
          false,
        );
      await Promise.all([
        // The worker loads in request order: a table's first file replaces, the ones appended to it follow.
        ...saved.files.map((f, i) => {
          const appended = saved.files
            .slice(0, i)
            .some((g) => g.table !== undefined && g.table === f.table);
          const { name, blob, ...choices } = f;
          return this.loadOne(
            new File([blob], name),
            { ...choices, ...(appended && { mode: 'append' as const }) },
            false,
          );
        }),
        saved.rule ? this.useRule(saved.rule, false) : Promise.resolve(),
      ]);
      // Files supplied for externaldata URLs are read for their URLs again, then the rule retranslated.
      const rule = this.ruleSource;
      if ((await restoreExternalData(this, saved.external ?? [])) && rule)
        await this.useRule({ text: rule.text, fileName: rule.fileName }, false);
      if (saved.replayed && this.rule && this.translation) await this.replay();
    } finally {
      this.restoring = false;
    }
  }

  /**
   * Opens rule files in the library: checks every rule at once (ready, needs, refused, invalid),
   * then, when logs are loaded, replays them and ranks them by alerts.
   */
  async openLibrary(files: readonly File[]): Promise<void> {
    const texts = await Promise.all(
      files.map(async (f) => ({ name: f.name, text: await f.text() })),
    );
    this.checkFiles = texts;
    await this.checkLibrary();
    if (this.tables.length > 0) await this.replayLibrary(files);
  }

  /** Checks the library's rules again against what is loaded now (tables, watchlists, functions). */
  async checkLibrary(): Promise<void> {
    if (this.checkFiles.length === 0) return;
    this.checking = true;
    this.checkProblem = null;
    try {
      this.libraryCheck = await this.client.request('checkLibrary', { files: this.checkFiles });
    } catch (e) {
      this.libraryCheck = null;
      this.checkProblem = problemOf(e);
    } finally {
      this.checking = false;
    }
  }

  /** Replays the checked rule files (e.g. once logs are loaded, or what they needed is). */
  async replayCheckedLibrary(): Promise<void> {
    const files = this.checkFiles.map((f) => new File([f.text], f.name));
    if (files.length > 0) await this.replayLibrary(files);
  }

  private async refreshContent(): Promise<void> {
    const c = await this.client.request('workspaceContent', null);
    this.watchlists = c.watchlists;
    this.functions = c.functions;
    this.geoIp = c.geoIp;
  }

  /**
   * Loads a GeoIP database (a MaxMind DB .mmdb file) for geo_info_from_ip_address, replacing the
   * one before, then checks the library again. `keep: false` (a restore) does not save it again.
   */
  async loadGeoIpDatabase(file: File, keep = true): Promise<boolean> {
    this.contentProblem = null;
    try {
      await this.client.request('loadGeoIpDatabase', { name: file.name, file });
      if (keep) void updateSession((s) => ({ ...s, geoIp: { name: file.name, blob: file } }));
      return true;
    } catch (e) {
      this.contentProblem = problemOf(e);
      return false;
    } finally {
      await this.refreshContent();
      await this.checkLibrary();
    }
  }

  async dropGeoIpDatabase(): Promise<void> {
    this.contentProblem = null;
    try {
      await this.client.request('dropGeoIpDatabase', null);
      void updateSession(({ geoIp: _dropped, ...s }) => s);
    } catch (e) {
      this.contentProblem = problemOf(e);
    } finally {
      await this.refreshContent();
      await this.checkLibrary();
    }
  }

  /**
   * Loads a watchlist CSV under the alias rules call it by, then checks the library again. `keep:
   * false` (a restore) does not write it to the saved session.
   */
  async loadWatchlist(file: File, alias: string, keep = true): Promise<boolean> {
    this.contentProblem = null;
    try {
      await this.client.request('loadWatchlist', { name: file.name, file, alias });
      if (keep)
        void updateSession((s) => ({
          ...s,
          watchlists: [
            ...(s.watchlists ?? []).filter((w) => w.alias !== alias),
            { alias, name: file.name, blob: file },
          ],
        }));
      return true;
    } catch (e) {
      this.contentProblem = problemOf(e);
      return false;
    } finally {
      await this.refreshContent();
      await this.checkLibrary();
    }
  }

  async dropWatchlist(alias: string): Promise<void> {
    this.contentProblem = null;
    try {
      await this.client.request('dropWatchlist', { alias });
      void updateSession((s) => ({
        ...s,
        watchlists: (s.watchlists ?? []).filter((w) => w.alias !== alias),
      }));
    } catch (e) {
      this.contentProblem = problemOf(e);
    } finally {
      await this.refreshContent();
      await this.checkLibrary();
    }
  }

  /** Loads workspace function and ASIM parser files; a file that cannot be read keeps its error, the others load. */
  async loadFunctionFiles(files: readonly File[], keep = true): Promise<void> {
    this.contentProblem = null;
    try {
      const texts = await Promise.all(
        files.map(async (f) => ({ name: f.name, text: await f.text() })),
      );
      const report = await this.client.request('loadFunctions', { files: texts });
      this.functionErrors = report.errors;
      const loaded = texts.filter((t) => !report.errors.some((e) => e.file === t.name));
      const names = new Set(loaded.map((t) => t.name));
      if (keep && loaded.length > 0)
        void updateSession((s) => ({
          ...s,
          functions: [...(s.functions ?? []).filter((f) => !names.has(f.name)), ...loaded],
        }));
    } catch (e) {
      this.contentProblem = problemOf(e);
    } finally {
      await this.refreshContent();
      await this.checkLibrary();
    }
  }

  async dropFunctionFile(file: string): Promise<void> {
    this.contentProblem = null;
    try {
      await this.client.request('dropFunctionFile', { file });
      void updateSession((s) => ({
        ...s,
        functions: (s.functions ?? []).filter((f) => f.name !== file),
      }));
    } catch (e) {
      this.contentProblem = problemOf(e);
    } finally {
      await this.refreshContent();
      await this.checkLibrary();
    }
  }

  /** Replays every rule of the given files over the loaded tables; one rule failing stops nothing. */
  async replayLibrary(files: readonly File[]): Promise<void> {
    this.libraryProblem = null;
    try {
      const texts = await Promise.all(
        files.map(async (f) => ({ name: f.name, text: await f.text() })),
      );
      const outcome = await this.libraryTask.run((signal, onProgress) =>
        this.client.request('replayLibrary', { files: texts }, { signal, onProgress }),
      );
      // Cancelled: the previous ranking (and its files) stay as they were.
      if (!outcome.done) return;
      this.libraryFiles = texts;
      this.library = outcome.value;
    } catch (e) {
      this.library = null;
      this.libraryProblem = problemOf(e);
    }
  }

  /** Replays the library's files again (e.g. once an externaldata URL has its file). */
  async rerunLibrary(): Promise<void> {
    const files = this.libraryFiles.map((f) => new File([f.text], f.name));
    if (files.length > 0) await this.replayLibrary(files);
  }

  /** Makes a ranked rule the current rule and shows its replay (the library already ran it). */
  async chooseLibraryRule(entry: LibraryRuleResult): Promise<void> {
    const file = this.libraryFiles.find((f) => f.name === entry.file);
    if (!file) return;
    await this.useRule({ text: file.text, fileName: file.name });
    // A file may hold several rules (ARM templates); readRule takes the first, so only its own
    // replay can be shown as is — another rule of the file is replayed again.
    if (this.rule?.id === entry.ruleId) {
      this.report = entry.report;
      // As if replayed here: a reload replays the chosen rule again.
      void updateSession((s) => ({ ...s, replayed: true }));
    } else if (this.translation) await this.replay();
  }

  async replay(): Promise<void> {
    if (!this.rule) return;
    this.replayProblem = null;
    try {
      const outcome = await this.replayTask.run((signal, onProgress) =>
        this.client.request('replay', {}, { signal, onProgress }),
      );
      // Cancelled: the tables, the rule and the previous results stay as they were.
      if (!outcome.done) return;
      this.report = outcome.value;
      void updateSession((s) => ({ ...s, replayed: true }));
    } catch (e) {
      this.report = null;
      // The wasm heap running out is the tab's limit: said so, with the native engine's command.
      const oom = e instanceof Error && isOutOfMemory(e.message);
      this.replayProblem = problemOf(
        oom ? replayOutOfMemoryProblem(this.loadedFileNames(), (e as Error).message) : e,
      );
    }
  }

  /** The names of the files whose tables are loaded (for the native engine's command). */
  private loadedFileNames(): string[] {
    const tables = new Set(this.tables.map((t) => t.name));
    return [
      ...new Set(
        this.jobs
          .filter((j) => j.state === 'loaded' && j.table !== undefined && tables.has(j.table))
          .map((j) => j.file.name),
      ),
    ];
  }
}
