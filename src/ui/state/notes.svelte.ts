/**
 * Case notes: a star, tags and a comment on an alert or an incident, kept in the browser
 * (localStorage) so they survive reloads. Keys name what a note is about by content — the rule,
 * the run time and the alert's name — not by ids generated per replay, so the same alert finds
 * its note again after a reload and a new replay of the same data.
 */
import type { ReportAlert, ReportIncident } from '../../rules/api.ts';

export interface Note {
  readonly starred: boolean;
  readonly tags: readonly string[];
  readonly comment: string;
  readonly updatedAt: number;
}

const KEY = 'loupe:notes';

export function alertNoteKey(
  ruleId: string,
  a: Pick<ReportAlert, 'runAt' | 'displayName'>,
): string {
  return `${ruleId}|alert|${a.runAt}|${a.displayName}`;
}

export function incidentNoteKey(
  ruleId: string,
  inc: Pick<ReportIncident, 'title'>,
  firstAlert: Pick<ReportAlert, 'runAt'> | undefined,
): string {
  return `${ruleId}|incident|${firstAlert?.runAt ?? ''}|${inc.title}`;
}

/**
 * A result row of an alert: the rule, the run and a fingerprint of the row's values (columns in
 * order). Not the row's position, which a replay of more data could shift; identical rows of one
 * alert are the same evidence and share their note.
 */
export function rowNoteKey(
  ruleId: string,
  a: Pick<ReportAlert, 'runAt'>,
  row: Readonly<Record<string, unknown>>,
): string {
  return `${ruleId}|row|${a.runAt}|${fingerprint(JSON.stringify(Object.entries(row)))}`;
}

/**
 * A row of the Explore grid: the table it belongs to (or "query" for a console result) and a
 * fingerprint of its values — so the note finds its row again whatever the sort or filter.
 */
export function gridRowNoteKey(
  source: { readonly kind: string; readonly name?: string },
  columns: readonly string[],
  values: readonly unknown[],
): string {
  const where = source.kind === 'table' ? `table:${source.name ?? ''}` : 'query';
  return `grid|${where}|${fingerprint(JSON.stringify([columns, values]))}`;
}

/** 64 bits of FNV-1a (two 32-bit passes with different offsets) as hex: short keys, collisions unlikely. */
function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export function isEmpty(n: Note | undefined): boolean {
  return !n || (!n.starred && n.tags.length === 0 && n.comment.trim() === '');
}

export class NotesStore {
  entries = $state<Record<string, Note>>({});

  constructor(
    private readonly storage:
      Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
  ) {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
      if (parsed && typeof parsed === 'object') this.entries = parsed as Record<string, Note>;
    } catch {
      // Unreadable notes are not fatal; they are replaced on the next save.
    }
  }

  get(key: string): Note | undefined {
    // Keys hold log values: only the notes' own entries, never Object.prototype's.
    return Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
  }

  update(key: string, patch: Partial<Omit<Note, 'updatedAt'>>): void {
    const prev = this.get(key) ?? { starred: false, tags: [], comment: '', updatedAt: 0 };
    const next: Note = { ...prev, ...patch, updatedAt: Date.now() };
    const others = Object.entries(this.entries).filter(([k]) => k !== key);
    this.entries = Object.fromEntries(isEmpty(next) ? others : [...others, [key, next]]);
    this.save();
  }

  /** "Forget everything": removes every note from the browser. */
  clear(): void {
    this.entries = {};
    this.storage?.removeItem(KEY);
  }

  private save(): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify($state.snapshot(this.entries)));
    } catch {
      // Storage full or refused: notes stay for this page.
    }
  }
}
