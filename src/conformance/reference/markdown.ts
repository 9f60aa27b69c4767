/**
 * Reading the Kusto documentation's Markdown pages (MicrosoftDocs/dataexplorer-docs) for their
 * examples: each ```` ```kusto ```` block, and the result table the page shows after it. Pure
 * functions over the page text, used by scripts/harvest-kql-reference.ts.
 *
 * A result table is the first Markdown table between the block and the next code block, when a
 * line before it announces it (`**Output**`, `### Results`, `The output is:`…): the pages put
 * other tables (parameters, explanations) between examples too.
 */

export interface CodeBlock {
  /** The info string after the fence, lower-cased (`kusto`, `json`, ``). */
  readonly lang: string;
  /** The code, without the fence's indentation. */
  readonly code: string;
  /** 0-based line of the opening fence, and the line after the closing one. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface MarkdownTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)/;

/** Every fenced code block of the page, in order. An unclosed fence runs to the end of the page. */
export function codeBlocks(md: string): CodeBlock[] {
  const lines = md.split(/\r?\n/);
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const close = new RegExp(`^\\s*${fence![0] === '`' ? '`' : '~'}{${fence!.length},}\\s*$`);
      if (close.test(l)) break;
      body.push(l.startsWith(indent!) ? l.slice(indent!.length) : l.trimStart());
    }
    out.push({
      lang: (open[3] ?? '').toLowerCase(),
      code: body.join('\n'),
      startLine: i,
      endLine: Math.min(j + 1, lines.length),
    });
    i = j;
  }
  return out;
}

/** A line that announces a result table: `**Output**`, `### Results`, `Output:`, `The output is:`… */
const RESULT_MARKER =
  /^(?:[*_#>\s]*)(?:output|results?)\b|\b(?:output|result)s?\b[^|]*:\s*(?:\*\*)?$/i;

const isTableRow = (l: string) => l.trimStart().startsWith('|');
const isSeparator = (l: string) => /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(l);

/**
 * The result table shown in lines [from, to) of the page, if one is announced there; else null.
 */
export function resultTable(md: string, from: number, to: number): MarkdownTable | null {
  const lines = md.split(/\r?\n/);
  let announced = false;
  for (let i = from; i < Math.min(to, lines.length); i++) {
    const line = lines[i]!;
    if (isTableRow(line) && i + 1 < lines.length && isSeparator(lines[i + 1]!)) {
      if (!announced) return null;
      const columns = tableCells(line);
      const rows: string[][] = [];
      // As GitHub-flavoured Markdown renders a row: missing cells are empty, extra cells dropped.
      const fit = (cells: string[]) => columns.map((_c, k) => cells[k] ?? '');
      for (let j = i + 2; j < lines.length && isTableRow(lines[j]!); j++)
        rows.push(fit(tableCells(lines[j]!)));
      return { columns, rows };
    }
    if (RESULT_MARKER.test(line.trim())) announced = true;
  }
  return null;
}

/**
 * The cells of a table row as the page displays them: split on unescaped pipes, then each cell's
 * Markdown undone (a cell that is one code span is its content verbatim; otherwise backslash
 * escapes and HTML entities are resolved).
 */
export function tableCells(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells.map(cellText);
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function cellText(raw: string): string {
  const t = raw.trim();
  const span = /^(`+)(.*?)\1$/s.exec(t);
  if (span && !span[2]!.includes(span[1]!))
    return span[2]!.length > 1 && span[2]!.startsWith(' ') && span[2]!.endsWith(' ')
      ? span[2]!.slice(1, -1)
      : span[2]!;
  return t
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#')
        return String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        );
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** The page's title: the front matter's `title:`, else its first `# ` heading. */
export function pageTitle(md: string): string {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(md);
  const t = front && /^title:\s*(.+)$/m.exec(front[1]!);
  if (t) return t[1]!.trim().replace(/^["']|["']$/g, '');
  return /^#\s+(.+)$/m.exec(md)?.[1]?.trim() ?? '';
}

/** The page's first `# ` heading (what the reader sees), else its title. */
export function pageHeading(md: string): string {
  return /^#\s+(.+)$/m.exec(md)?.[1]?.trim() ?? pageTitle(md);
}

/** The text of the page's `## Syntax` section (up to the next `## ` heading). */
export function syntaxSection(md: string): string {
  const m = /^##\s+Syntax\s*$([\s\S]*?)(?=^##\s|(?![\s\S]))/m.exec(md);
  return m?.[1] ?? '';
}

/**
 * The cluster and database a "Run the query" link before line `line` points at (the pages link
 * each example that runs on the documentation's sample clusters), looking back to the previous
 * code block at most.
 */
export function runLinkBefore(
  md: string,
  from: number,
  line: number,
): { cluster: string; database: string } | undefined {
  const lines = md.split(/\r?\n/);
  for (let i = line - 1; i >= from && i >= 0; i--) {
    const m = /dataexplorer\.azure\.com\/clusters\/([^/"?]+)\/databases\/([^/"?]+)/.exec(lines[i]!);
    if (m) return { cluster: decodeURIComponent(m[1]!), database: decodeURIComponent(m[2]!) };
  }
  return undefined;
}
