/**
 * An error as the UI shows it: what went wrong and where (file, line, column), taken from the
 * LoupeError the core threw. Plain data, so it can live in reactive state.
 */
import { isLoupeError, type ErrorDetail } from '../../errors.ts';

export interface Problem {
  readonly message: string;
  readonly stage?: string;
  readonly code?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly length?: number;
  /** The error's typed detail, for the remedies the UI offers (e.g. supplying an externaldata file). */
  readonly detail?: ErrorDetail;
}

/** Ingest errors the analyst can fix by naming the table the file belongs to. */
export function asksForTable(p: Problem): boolean {
  return p.stage === 'ingest' && (p.code === 'unknown-table' || p.code === 'other-table');
}

/**
 * Ingest errors about some of a file's rows (unreadable records, values that do not convert): the
 * analyst can load the other rows and keep these set aside. A header that cannot be read is not one.
 */
export function setsAsideRows(p: Problem): boolean {
  if (p.stage !== 'ingest') return false;
  if (p.code === 'bad-csv') return p.line !== undefined && p.line > 1;
  return (
    p.code === 'ragged-row' ||
    p.code === 'unbalanced-quote' ||
    p.code === 'bad-datetime' ||
    p.code === 'bad-value'
  );
}

export function problemOf(e: unknown): Problem {
  if (isLoupeError(e)) {
    const { file, line, column, length } = e.position;
    return {
      message: e.message,
      stage: e.stage,
      code: e.code,
      ...(file !== undefined && { file }),
      ...(line !== undefined && { line }),
      ...(column !== undefined && { column }),
      ...(length !== undefined && { length }),
      ...(e.detail !== undefined && { detail: e.detail }),
    };
  }
  if (e instanceof Error) return { message: e.message };
  return { message: String(e) };
}

/** "line 7, column 12" (or the part known), for messages and labels. */
export function whereOf(p: Problem): string {
  if (p.line === undefined) return '';
  return p.column !== undefined ? `line ${p.line}, column ${p.column}` : `line ${p.line}`;
}

/**
 * "<file> (line 7, column 12): message" — the place first, as compilers print it. Parts already
 * in the message (the core often writes "(line 7, column 12)" itself) are not repeated.
 */
export function describeProblem(p: Problem, fileName?: string): string {
  const file = p.file ?? fileName;
  const where = whereOf(p);
  const mentions = (s: string) => p.message.includes(s);
  // "file.json:2:4: …" (compiler style) also names the place.
  const placed = p.line !== undefined && (mentions(`:${p.line}:`) || mentions(where));
  const head = [file && !mentions(file) ? file : '', where && !placed ? `(${where})` : '']
    .filter(Boolean)
    .join(' ');
  return head ? `${head}: ${p.message}` : p.message;
}
