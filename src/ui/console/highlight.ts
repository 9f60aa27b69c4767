/**
 * Syntax highlighting for the query console: the text cut into classified segments, covering it
 * exactly (so an overlay lines up with the textarea character for character). KQL is cut by a
 * small lexer of the page's own (./kql-tokens.ts: colouring must run on every keystroke, in the page,
 * without loading Kusto.Language, which lives in the engine worker); SQL by a small scanner of strings, quoted names, comments, numbers and keywords. An error position
 * (line, column, length) becomes a `error` segment to underline.
 */
import { tokenize } from './kql-tokens.ts';

export type SegmentClass =
  | 'plain'
  | 'keyword'
  | 'operator'
  | 'function'
  | 'string'
  | 'number'
  | 'comment'
  | 'punct'
  | 'error';

export interface Segment {
  readonly text: string;
  readonly cls: SegmentClass;
  /** True for text inside the error mark (it keeps its own class too). */
  readonly marked?: boolean;
}

const KQL_KEYWORDS = new Set([
  'by',
  'on',
  'kind',
  'and',
  'or',
  'not',
  'let',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'with',
  'true',
  'false',
  'in',
  'has',
  'contains',
  'startswith',
  'endswith',
  'between',
  'matches',
  'regex',
  'inner',
  'leftouter',
  'rightouter',
  'fullouter',
  'leftanti',
  'rightanti',
  'leftsemi',
  'rightsemi',
  'innerunique',
  'dynamic',
  'datetime',
  'timespan',
  'typeof',
  'step',
  'from',
  'to',
  'of',
  'materialize',
]);

const SQL_KEYWORDS = new Set(
  (
    'select from where group by order having limit offset as and or not in is null join left right full outer inner cross on using ' +
    'union all distinct case when then else end with asc desc nulls first last like ilike between exists cast interval true false ' +
    'over partition window qualify filter values insert into create table view drop replace set variable describe show'
  ).split(' '),
);

type Span = { start: number; end: number; cls: SegmentClass };

function kqlSpans(text: string): Span[] {
  const tokens = tokenize(text);
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof') break;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    let cls: SegmentClass;
    switch (t.kind) {
      case 'string':
        cls = 'string';
        break;
      case 'long':
      case 'real':
      case 'timespan':
      case 'datetime':
        cls = 'number';
        break;
      case 'punct':
        cls = 'punct';
        break;
      default:
        if (prev?.kind === 'punct' && prev.value === '|') cls = 'operator';
        else if (next?.kind === 'punct' && next.value === '(') cls = 'function';
        else if (KQL_KEYWORDS.has(t.value.toLowerCase()) && text.slice(t.start, t.end) === t.value)
          cls = 'keyword';
        else cls = 'plain';
    }
    spans.push({ start: t.start, end: t.end, cls });
  }
  return spans;
}

function sqlSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re =
    /('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(--[^\n]*)|(\/\*[\s\S]*?(?:\*\/|$))|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
  for (const m of text.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (m[1]) spans.push({ start, end, cls: 'string' });
    else if (m[2]) spans.push({ start, end, cls: 'plain' });
    else if (m[3] || m[4]) spans.push({ start, end, cls: 'comment' });
    else if (m[5]) spans.push({ start, end, cls: 'number' });
    else if (m[6]) {
      const after = text.slice(end).match(/^\s*\(/);
      spans.push({
        start,
        end,
        cls: SQL_KEYWORDS.has(m[6].toLowerCase()) ? 'keyword' : after ? 'function' : 'plain',
      });
    }
  }
  return spans;
}

/** Character offset of a 1-based line and column. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

export function highlight(
  text: string,
  language: 'kql' | 'sql',
  mark?: { line?: number; column?: number; length?: number } | null,
): Segment[] {
  let spans: Span[];
  try {
    spans = language === 'kql' ? kqlSpans(text) : sqlSpans(text);
  } catch {
    spans = []; // text the lexer cannot read yet (e.g. an open string): shown plain
  }
  // Gaps between tokens: whitespace, or (KQL) comments the lexer skipped.
  const classOf = new Array<SegmentClass>(text.length).fill('plain');
  for (const s of spans)
    for (let i = s.start; i < s.end && i < text.length; i++) classOf[i] = s.cls;
  if (language === 'kql') {
    for (const m of text.matchAll(/\/\/[^\n]*/g)) {
      const inToken = spans.some((s) => s.start <= m.index! && m.index! < s.end);
      if (!inToken) for (let i = m.index!; i < m.index! + m[0].length; i++) classOf[i] = 'comment';
    }
  }
  let markStart = -1;
  let markEnd = -1;
  if (mark?.line !== undefined) {
    markStart = offsetOf(text, mark.line, mark.column ?? 1);
    markEnd = Math.min(text.length, markStart + Math.max(1, mark.length ?? 1));
  }
  const out: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const cls = classOf[i]!;
    const marked = i >= markStart && i < markEnd;
    let j = i + 1;
    while (j < text.length && classOf[j] === cls && (j >= markStart && j < markEnd) === marked) j++;
    out.push(
      marked ? { text: text.slice(i, j), cls, marked: true } : { text: text.slice(i, j), cls },
    );
    i = j;
  }
  // An error at the very end (e.g. "expected an expression") still gets a visible mark.
  if (markStart >= text.length && mark?.line !== undefined)
    out.push({ text: ' ', cls: 'error', marked: true });
  return out;
}
