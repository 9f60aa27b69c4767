/**
 * How much log data the browser tab takes before Loupe sends the analyst to the CLI's native
 * engine. DuckDB-WASM runs in a wasm32 heap of at most 4 GB with one thread; a file past what it
 * holds does not fail cleanly (the worker runs out of memory mid-load, or the tab is killed), so
 * the page refuses it before reading it, with the command that replays it natively instead.
 *
 * The default is what was measured to load (issue 15, `bench:ingest-browser`, 2 cores): a portal
 * CSV of 8M rows, 4.27 GB, loaded at a peak of 1.55 GB and the seed rule replayed hourly over all of
 * it (5,557 runs) at 1.65 GB. With the limit raised, 16M rows (8.5 GB) loaded and replayed at
 * 2.8 GB (docs/scale.md, "The tab's ceiling"); where the tab really stops was not found, so the
 * files loaded in one tab may add up to 4 GB. An analyst on a smaller machine
 * (or a test) lowers it with `?tab-limit-mb=N` in the page's address.
 */
import { LoupeError } from '../../errors.ts';

export const DEFAULT_TAB_LIMIT_BYTES = 4 * 1024 ** 3;

/** The limit in force: the page address's `tab-limit-mb` when it is a positive number, else the default. */
export function tabLimitBytes(search: string = globalThis.location?.search ?? ''): number {
  const raw = new URLSearchParams(search).get('tab-limit-mb');
  const mb = raw === null ? NaN : Number(raw);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 ** 2 : DEFAULT_TAB_LIMIT_BYTES;
}

function size(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

/** What the analyst runs instead: the same rule and file through the CLI on native DuckDB. */
function nativeCommand(file: string): string {
  return `npm run --silent loupe -- replay --engine native --rule RULE.yaml "${file}"`;
}

/**
 * The refusal of a file that would take the tab past its limit (undefined when it fits), naming
 * the CLI's native engine. `loadedBytes`: the files the tab holds already.
 */
export function tabCapacityProblem(
  file: { readonly name: string; readonly size: number },
  loadedBytes: number,
  limit = tabLimitBytes(),
): LoupeError | undefined {
  if (loadedBytes + file.size <= limit) return undefined;
  const already = loadedBytes > 0 ? ` on top of the ${size(loadedBytes)} already loaded` : '';
  return new LoupeError(
    'ingest',
    'too-large-for-tab',
    `${file.name} is ${size(file.size)}${already}: more than this browser tab holds (${size(limit)}; its database lives in a 4 GB WebAssembly heap). ` +
      `Replay it with Loupe's command line on native DuckDB, which reads it from disk: ${nativeCommand(file.name)} (add --db FILE to work out of memory). Nothing was loaded from it; the tables already loaded are unchanged.`,
    { file: file.name },
  );
}

/** Whether an engine failure is the wasm heap running out (DuckDB's or the browser's words for it). */
export function isOutOfMemory(message: string): boolean {
  return /out of memory|memory access out of bounds|Array buffer allocation failed|could not allocate|Aw, Snap/i.test(
    message,
  );
}

/** An out-of-memory failure of a load, said as the tab's limit with the native engine's command. */
export function outOfMemoryProblem(file: string, message: string): LoupeError {
  return new LoupeError(
    'ingest',
    'too-large-for-tab',
    `${file} ran this browser tab out of memory while loading (${message.slice(0, 200)}). Replay it with Loupe's command line on native DuckDB instead: ${nativeCommand(file)}. The tables already loaded are unchanged.`,
    { file },
  );
}

/**
 * A replay that ran the wasm heap out of memory (the tables loaded, but the rule's query over them
 * did not fit), said as the tab's limit with the native engine's command for the loaded files.
 */
export function replayOutOfMemoryProblem(files: readonly string[], message: string): LoupeError {
  const named = files.length ? files.map((f) => `"${f}"`).join(' ') : 'FILES';
  return new LoupeError(
    'replay',
    'too-large-for-tab',
    `The replay ran this browser tab out of memory (${message.slice(0, 200)}): the logs loaded are more than the rule's query can go through in the tab. ` +
      `Replay them with Loupe's command line on native DuckDB instead: npm run --silent loupe -- replay --engine native --rule RULE.yaml ${named} (add --db FILE to work out of memory). The tables loaded are unchanged.`,
  );
}
