/**
 * The query console's history, newest first, kept in the browser (localStorage) so that it
 * survives reloads. At most 50 entries; running a query again moves it to the top.
 */
export interface HistoryEntry {
  readonly text: string;
  readonly language: 'kql' | 'sql';
  readonly at: number;
}

const KEY = 'loupe:query-history';
const MAX = 50;

export function loadHistory(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (e): e is HistoryEntry =>
            typeof e?.text === 'string' &&
            (e.language === 'kql' || e.language === 'sql') &&
            typeof e.at === 'number',
        )
      : [];
  } catch {
    return []; // unreadable history is dropped, not fatal
  }
}

export function remember(
  history: readonly HistoryEntry[],
  entry: HistoryEntry,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): HistoryEntry[] {
  const next = [
    entry,
    ...history.filter((h) => !(h.text === entry.text && h.language === entry.language)),
  ].slice(0, MAX);
  try {
    storage?.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or refused (private mode): the history still works for this page.
  }
  return next;
}
