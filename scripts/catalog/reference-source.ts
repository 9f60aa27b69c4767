/**
 * Microsoft's Azure Monitor Logs table reference (learn.microsoft.com/azure/azure-monitor/reference/tables),
 * as it stood in MicrosoftDocs/azure-reference-other before it moved to azure-monitor-docs:
 *
 * - `azure-monitor-ref/tables/<table>.md`: one page per table, titled `# <Table>`, whose columns
 *   are a markdown table `| Column | Type | Description |` either on the page itself
 *   (AzureDiagnostics) or in the include it names, `[!INCLUDE [..](./includes/<table>-include.md)]`.
 *   Pages titled "Tables for microsoft.…" list tables by resource type and have no columns.
 * - `azure-monitor-ref/tables/includes/<table>-include.md` with no page of its own (SecurityAlert,
 *   the ASim*Logs tables…): the table is named by the include's `ms.custom` front matter.
 */
import type { FileTree } from './file-tree.ts';
import { IDENTIFIER, type SourceColumn, type SourceRead, type SourceTable } from './model.ts';
import { kqlTypeOfSource } from './source-types.ts';

export const REFERENCE_DIR = 'azure-monitor-ref/tables';

/**
 * Columns the reference lists without a type, with the type its own prose gives them. Nothing is
 * guessed: a column missing from this list with no type stops the generator.
 */
const UNTYPED_COLUMNS: readonly { table: string; column: string; type: 'dynamic'; why: string }[] =
  [
    {
      table: 'AzureDiagnostics',
      column: 'AdditionalFields',
      type: 'dynamic',
      why: 'the page lists it without a type and says excess data "is added to a dynamic property bag column called AdditionalFields"',
    },
  ];

/** The rows of the first `| Column | Type | … |` markdown table in `text`, or undefined if none. */
export function columnRows(
  text: string,
): { name: string; type: string; line: number }[] | undefined {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /^\|\s*Column\s*\|\s*Type\s*\|/i.test(l));
  if (header < 0) return undefined;
  const rows: { name: string; type: string; line: number }[] = [];
  for (let i = header + 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l.startsWith('|')) break;
    const cells = l.split('|').map((c) => c.trim());
    if (/^:?-{3,}:?$/.test(cells[1] ?? '')) continue;
    rows.push({ name: cells[1] ?? '', type: cells[2] ?? '', line: i + 1 });
  }
  return rows;
}

/** A page's title (`# SigninLogs`), skipping its front matter. */
export function pageTitle(text: string): string | undefined {
  return /^# (.+)$/m.exec(text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''))?.[1]?.trim();
}

/** The `ms.custom` of an include's front matter (the table it documents). */
export function frontMatterCustom(text: string): string | undefined {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  return fm ? /^ms\.custom:\s*(.+)$/m.exec(fm)?.[1]?.trim() : undefined;
}

/** The includes a page names, as paths relative to the tables folder. */
export function includedFiles(text: string): string[] {
  return [...text.matchAll(/\[!INCLUDE\s*\[[^\]]*\]\(\.\/(includes\/[^)\s]+)\)\]/g)].map(
    (m) => m[1]!,
  );
}

function tableColumns(
  table: string,
  path: string,
  text: string,
  notes: string[],
): SourceColumn[] | undefined {
  const rows = columnRows(text);
  if (!rows) return undefined;
  const seen = new Set<string>();
  const columns: SourceColumn[] = [];
  for (const r of rows) {
    const where = `${path}:${r.line}`;
    if (!IDENTIFIER.test(r.name)) throw new Error(`${where}: "${r.name}" is not a column name`);
    if (seen.has(r.name)) {
      notes.push(`${r.name} is listed twice (${where}); the first is kept`);
      continue;
    }
    seen.add(r.name);
    if (r.type === '') {
      const fix = UNTYPED_COLUMNS.find((u) => u.table === table && u.column === r.name);
      if (!fix) throw new Error(`${where}: column ${r.name} of ${table} has no type`);
      notes.push(`${r.name} is typed ${fix.type}: ${fix.why}`);
      columns.push({ name: r.name, type: fix.type, spelling: '' });
      continue;
    }
    columns.push({ name: r.name, type: kqlTypeOfSource(r.type, where), spelling: r.type });
  }
  return columns;
}

/** Every table of the reference with its columns, sorted by name. */
export function readReference(tree: FileTree): SourceRead {
  const tables = new Map<string, SourceTable>();
  const sourceNotes: string[] = [];
  const includesUsed = new Set<string>();
  // Listed first: a git tree reads a folder's files in one batch when it lists it.
  const includes = tree.list(`${REFERENCE_DIR}/includes`);

  for (const pagePath of tree.list(REFERENCE_DIR)) {
    if (!pagePath.endsWith('.md')) continue;
    const page = tree.read(pagePath);
    const name = pageTitle(page);
    const notes: string[] = [];
    let from = pagePath;
    let columns = name ? tableColumns(name, pagePath, page, notes) : undefined;
    for (const inc of includedFiles(page)) {
      const incPath = `${REFERENCE_DIR}/${inc}`;
      includesUsed.add(incPath);
      if (columns || !name) continue;
      columns = tableColumns(name, incPath, tree.read(incPath), notes);
      if (columns) from = incPath;
    }
    // Index pages and the "Tables for microsoft.…" pages list tables, not columns.
    if (!name || !columns) continue;
    if (!IDENTIFIER.test(name)) throw new Error(`${pagePath}: "${name}" is not a table name`);
    if (tables.has(name)) throw new Error(`${pagePath}: a second page for table ${name}`);
    tables.set(name, {
      name,
      source: 'azure-monitor-reference',
      path: from,
      commit: tree.commit,
      columns,
      notes,
    });
  }

  for (const incPath of includes) {
    if (includesUsed.has(incPath) || !incPath.endsWith('.md')) continue;
    const text = tree.read(incPath);
    const name = frontMatterCustom(text);
    if (!columnRows(text)) continue;
    if (!name || !IDENTIFIER.test(name))
      throw new Error(
        `${incPath}: a column table whose ms.custom ("${name ?? ''}") names no table`,
      );
    const existing = tables.get(name);
    if (existing) {
      sourceNotes.push(
        `${incPath} is not included by any page and documents ${name} (ms.custom), which ${existing.path} already documents: skipped`,
      );
      continue;
    }
    const notes = [
      "named by its include's ms.custom: the reference has no page for it at this commit",
    ];
    const columns = tableColumns(name, incPath, text, notes)!;
    tables.set(name, {
      name,
      source: 'azure-monitor-reference',
      path: incPath,
      commit: tree.commit,
      columns,
      notes,
    });
  }

  return {
    tables: [...tables.values()].sort((a, b) => compareNames(a.name, b.name)),
    notes: sourceNotes,
    commit: tree.commit,
  };
}

/** Ordinal order, so the output does not depend on the machine's locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
