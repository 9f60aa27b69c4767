/**
 * The analyst's session kept in this browser (IndexedDB): the log files as loaded (their bytes, as
 * Blobs, with the table chosen for them), the rule, and whether it was replayed, and the watchlists and
 * workspace function files loaded beside them. On reload Loupe
 * loads them again, so a case survives closing the tab; "forget everything" deletes it. Nothing
 * leaves the browser. When IndexedDB is unavailable (some file:// or private windows), the page
 * works as before, without a saved session.
 */

/** The choices a file is loaded with, beyond the file itself. */
export interface LoadRequest {
  readonly table?: string;
  readonly mode?: 'replace' | 'append';
  /** 'set-aside': load the readable rows, keep the others counted and viewable. */
  readonly badRows?: 'set-aside';
  /** The analyst's renames in the mapping: source field → table column. */
  readonly columns?: Readonly<Record<string, string>>;
}

/**
 * A file as loaded, with the choices it was loaded with (the table it went to). Whether it was
 * appended is not kept: a file is appended on restore when an earlier one went to its table.
 */
export interface SavedFile extends Omit<LoadRequest, 'mode'> {
  readonly name: string;
  readonly blob: Blob;
}

export interface SavedSession {
  readonly files: readonly SavedFile[];
  readonly rule: { readonly text: string; readonly fileName: string } | null;
  readonly replayed: boolean;
  /** Files supplied for externaldata URLs: which loaded table a query reads for which URL (absent in older saves). */
  readonly external?: readonly { readonly url: string; readonly table: string }[];
  /** Watchlist CSVs by alias, as loaded (absent in older saves). */
  readonly watchlists?: readonly {
    readonly alias: string;
    readonly name: string;
    readonly blob: Blob;
  }[];
  /** The GeoIP database (.mmdb), as loaded (absent in older saves and when none is). */
  readonly geoIp?: { readonly name: string; readonly blob: Blob };
  /** Workspace function and ASIM parser files, as loaded (absent in older saves). */
  readonly functions?: readonly { readonly name: string; readonly text: string }[];
}

const DB = 'loupe';
const STORE = 'session';
const EMPTY: SavedSession = { files: [], rule: null, replayed: false };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB refused'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

/** What IndexedDB holds (EMPTY when nothing, or when storage is unavailable). */
async function readStored(): Promise<SavedSession> {
  try {
    const v = (await withStore('readonly', (s) => s.get('current'))) as SavedSession | undefined;
    return v ?? EMPTY;
  } catch {
    return EMPTY;
  }
}

async function writeStored(session: SavedSession): Promise<void> {
  try {
    await withStore('readwrite', (s) => s.put(session, 'current'));
  } catch {
    // No storage: the session is simply not kept.
  }
}

async function deleteStored(): Promise<void> {
  try {
    await withStore('readwrite', (s) => s.delete('current'));
  } catch {
    // nothing kept
  }
}

/**
 * Whether this browser keeps the case at all. Some analysts work on shared or audited machines
 * where customer logs must not stay on disk once the tab is closed: they switch keeping off, which
 * deletes what was kept. The choice is a preference in localStorage (it holds no log content).
 */
const KEEP_KEY = 'loupe:keep-session';

export function keepingSession(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEEP_KEY) !== 'off';
  } catch {
    return true;
  }
}

/**
 * The page's own copy of the session, changed with every `updateSession` whether or not it is
 * kept, so that switching keeping back on saves the case as it is now. Undefined until the first
 * change, which starts from what is stored (a change made before the restore finished adds to it).
 */
let mirror: SavedSession | undefined;
/** Every read-change-write runs after the previous one, in the order asked. */
let chain: Promise<unknown> = Promise.resolve();

function enqueue(step: () => Promise<void>): Promise<void> {
  const next = chain.then(step);
  chain = next;
  return next;
}

/** The session kept in this browser, to restore (EMPTY when keeping is off). */
export async function loadSession(): Promise<SavedSession> {
  if (!keepingSession()) return EMPTY;
  const stored = await readStored();
  // The restored case is the page's case: keeping switched off and on again saves it back.
  mirror ??= stored;
  return stored;
}

/** Applies `change` to the session (read, change, write in order; failures are ignored). */
export function updateSession(change: (s: SavedSession) => SavedSession): Promise<void> {
  return enqueue(async () => {
    const keep = keepingSession();
    mirror = change(mirror ?? (keep ? await readStored() : EMPTY));
    if (keep) await writeStored(mirror);
  });
}

/** Deletes the kept session; what the page shows stays, and later changes start from nothing. */
export function forgetSession(): Promise<void> {
  return enqueue(async () => {
    mirror = EMPTY;
    await deleteStored();
  });
}

/** Turns keeping on (the case as it is now is saved) or off (what was kept is deleted). */
export function setKeepingSession(keep: boolean): Promise<void> {
  try {
    if (keep) globalThis.localStorage?.removeItem(KEEP_KEY);
    else globalThis.localStorage?.setItem(KEEP_KEY, 'off');
  } catch {
    // No storage: nothing can be kept either way.
  }
  return enqueue(async () => {
    if (!keep) await deleteStored();
    else if (mirror) await writeStored(mirror);
  });
}
