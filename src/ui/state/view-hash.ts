/**
 * The grid's view (what it shows, its filters and sort, the columns hidden) in the URL hash, so that a view can be
 * bookmarked or sent to a colleague who has loaded the same logs. The hash never leaves the
 * browser (it is not sent to any server), and it is read back as untrusted data: anything
 * malformed is ignored, and filter values stay data (the worker turns them into SQL literals).
 */
import type { ColumnFilter, GridSort, GridSource } from '../../worker/grid/types.ts';

export interface GridView {
  readonly source: GridSource;
  readonly filters: readonly ColumnFilter[];
  readonly sort: GridSort | null;
  /** Columns the analyst hid (a sign-in table has ~90; a view worth sharing shows a few). */
  readonly hidden?: readonly string[];
}

export function encodeView(v: GridView | null): string {
  if (!v) return '';
  const p = new URLSearchParams();
  p.set('src', v.source.kind);
  p.set(
    v.source.kind === 'table' ? 'table' : 'q',
    v.source.kind === 'table' ? v.source.name : v.source.text,
  );
  if (v.sort) p.set('sort', `${v.sort.direction}:${v.sort.column}`);
  if (v.filters.length) p.set('filters', JSON.stringify(v.filters));
  if (v.hidden?.length) p.set('hide', JSON.stringify(v.hidden));
  return `#${p.toString()}`;
}

const str = (x: unknown): x is string => typeof x === 'string';
const optNum = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isFinite(x));

function validFilter(f: unknown): f is ColumnFilter {
  if (!f || typeof f !== 'object') return false;
  const o = f as Record<string, unknown>;
  if (!str(o.column)) return false;
  switch (o.kind) {
    case 'text':
      return str(o.contains);
    case 'number':
      return optNum(o.min) && optNum(o.max);
    case 'time':
      return optNum(o.from) && optNum(o.to);
    default:
      return false;
  }
}

export function decodeView(hash: string): GridView | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const kind = p.get('src');
  let source: GridSource;
  if (kind === 'table' && p.get('table')) source = { kind: 'table', name: p.get('table')! };
  else if ((kind === 'kql' || kind === 'sql') && p.get('q')) source = { kind, text: p.get('q')! };
  else return null;
  const sortText = p.get('sort');
  const m = sortText ? /^(asc|desc):(.+)$/.exec(sortText) : null;
  const sort: GridSort | null = m ? { direction: m[1] as 'asc' | 'desc', column: m[2]! } : null;
  let filters: ColumnFilter[] = [];
  try {
    const parsed: unknown = JSON.parse(p.get('filters') ?? '[]');
    filters = Array.isArray(parsed) ? parsed.filter(validFilter) : [];
  } catch {
    filters = [];
  }
  let hidden: string[] = [];
  try {
    const parsed: unknown = JSON.parse(p.get('hide') ?? '[]');
    hidden = Array.isArray(parsed) ? parsed.filter(str) : [];
  } catch {
    hidden = [];
  }
  return { source, filters, sort, ...(hidden.length > 0 && { hidden }) };
}
