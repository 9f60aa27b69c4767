/**
 * The analyst's session kept in this browser (IndexedDB): the log files as loaded (their bytes, as
 * Blobs, with the table chosen for them), the rule, and whether it was replayed. On reload Loupe
 * loads them again, so a case survives closing the tab; "forget everything" deletes it. Nothing
 * leaves the browser. When IndexedDB is unavailable (some file:// or private windows), the page
 * works as before, without a saved session.
 */

export interface SavedFile {
  readonly name: string;
  readonly table?: string;
  readonly blob: Blob;
}

export interface SavedSession {
  readonly files: readonly SavedFile[];
  readonly rule: { readonly text: string; readonly fileName: string } | null;
  readonly replayed: boolean;
  /** Files supplied for externaldata URLs: which loaded table a query reads for which URL (absent in older saves). */
  readonly external?: readonly { readonly url: string; readonly table: string }[];
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

async function withStore<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
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

export async function loadSession(): Promise<SavedSession> {
  try {
    const v = (await withStore('readonly', (s) => s.get('current'))) as SavedSession | undefined;
    return v ?? EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Applies `change` to the saved session (read, change, write in order; failures are ignored). */
let chain: Promise<unknown> = Promise.resolve();
export function updateSession(change: (s: SavedSession) => SavedSession): Promise<void> {
  const next = chain.then(async () => {
    try {
      const current = await loadSession();
      await withStore('readwrite', (s) => s.put(change(current), 'current'));
    } catch {
      // No storage: the session is simply not kept.
    }
  });
  chain = next;
  return next;
}

export function forgetSession(): Promise<void> {
  const next = chain.then(async () => {
    try {
      await withStore('readwrite', (s) => s.delete('current'));
    } catch {
      // nothing kept
    }
  });
  chain = next;
  return next;
}
