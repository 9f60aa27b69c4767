/**
 * Azure-Sentinel's KQL validation schemas, `.script/tests/KqlvalidationsTests/CustomTables/*.json`:
 * the tables Sentinel's own CI gives Kusto.Language when it checks every published query, about
 * 1,800 of them, custom `_CL` and connector tables included. Each file is
 * `{ "Name": "<table>", "Properties": [ { "Name": "<column>", "Type": "<type>" } ] }`, with the
 * keys' case varying from file to file.
 *
 * Read from a checkout (or any folder of such files), or from the extract committed with the
 * generator (`sources/azure-sentinel-customtables.tsv`): the columns of the files read for Loupe's
 * catalog, one file per line, as each file spells them.
 */
import { basename } from 'node:path';
import type { FileTree } from './file-tree.ts';
import { IDENTIFIER, type SourceColumn, type SourceRead, type SourceTable } from './model.ts';
import { compareNames } from './reference-source.ts';
import { kqlTypeOfSource } from './source-types.ts';

export const CUSTOM_TABLES_DIR = '.script/tests/KqlvalidationsTests/CustomTables';

/** One CustomTables file as written: its declared name and its columns' names and type spellings. */
export interface CustomTablesFile {
  /** File name within the CustomTables folder (`Okta_CL.json`). */
  readonly file: string;
  readonly commit: string;
  /** The `Name` the file declares (not always its file name). */
  readonly declaredName: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

function field(o: Record<string, unknown>, key: string): unknown {
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : o[k];
}

/** Parses one CustomTables JSON file; throws with the file's name when it is not of that shape. */
export function parseCustomTablesJson(
  file: string,
  commit: string,
  text: string,
): CustomTablesFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`${file}: not a JSON object`);
  const name = field(doc as Record<string, unknown>, 'Name');
  const props = field(doc as Record<string, unknown>, 'Properties');
  if (typeof name !== 'string' || !Array.isArray(props))
    throw new Error(`${file}: expected { "Name": …, "Properties": [ … ] }`);
  const columns = props.map((p, i) => {
    const n =
      typeof p === 'object' && p !== null ? field(p as Record<string, unknown>, 'Name') : undefined;
    const t =
      typeof p === 'object' && p !== null ? field(p as Record<string, unknown>, 'Type') : undefined;
    if (typeof n !== 'string' || typeof t !== 'string')
      throw new Error(`${file}: property ${i + 1} is not { "Name": …, "Type": … }`);
    return { name: n, type: t };
  });
  return { file, commit, declaredName: name, columns };
}

/** Every `*.json` file of a CustomTables folder (other files — `.yaml`, `.old` — are noted and skipped). */
export function readCustomTablesFolder(
  tree: FileTree,
  dir: string,
): { files: CustomTablesFile[]; notes: string[] } {
  const files: CustomTablesFile[] = [];
  const notes: string[] = [];
  for (const path of tree.list(dir)) {
    const file = basename(path);
    if (!file.endsWith('.json')) {
      notes.push(`${file}: not a .json file, skipped`);
      continue;
    }
    try {
      files.push(parseCustomTablesJson(file, tree.commit, tree.read(path)));
    } catch (e) {
      // A malformed file is the source's problem, not a type to guess: say so and go on.
      notes.push(`${(e as Error).message}: skipped`);
    }
  }
  return { files, notes };
}

const EXTRACT_HEADER =
  '# file\tcommit\tdeclared name\tcolumns (Name:Type as the file spells them, comma-separated)';

/** The extract's text for some CustomTables files (deterministic: sorted by file name). */
export function writeExtract(
  files: readonly CustomTablesFile[],
  preamble: readonly string[],
): string {
  const lines = [...preamble.map((l) => `# ${l}`), EXTRACT_HEADER];
  for (const f of [...files].sort((a, b) => compareNames(a.file, b.file))) {
    for (const c of f.columns) {
      if (/[,:\t\r\n]/.test(c.name) || /[,:\t\r\n]/.test(c.type))
        throw new Error(
          `${f.file}: column "${c.name}" of type "${c.type}" cannot be written to the extract`,
        );
    }
    lines.push(
      [
        f.file,
        f.commit,
        f.declaredName,
        f.columns.map((c) => `${c.name}:${c.type}`).join(','),
      ].join('\t'),
    );
  }
  return lines.join('\n') + '\n';
}

/** Reads the committed extract back (the inverse of writeExtract). */
export function parseExtract(text: string, path: string): CustomTablesFile[] {
  const files: CustomTablesFile[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (cells.length !== 4)
      throw new Error(`${path}:${i + 1}: expected 4 tab-separated fields, found ${cells.length}`);
    const [file, commit, declaredName, cols] = cells as [string, string, string, string];
    if (!/^[0-9a-f]{40}$/.test(commit))
      throw new Error(`${path}:${i + 1}: "${commit}" is not a commit`);
    const columns =
      cols === ''
        ? []
        : cols.split(',').map((pair) => {
            const at = pair.lastIndexOf(':');
            if (at <= 0) throw new Error(`${path}:${i + 1}: "${pair}" is not Name:Type`);
            return { name: pair.slice(0, at), type: pair.slice(at + 1) };
          });
    files.push({ file, commit, declaredName, columns });
  });
  return files;
}

/**
 * The tables of some CustomTables files, named by their files. A file declaring another name
 * inside keeps it as `declaredName`: which of the two is right is decided with the reference in
 * hand (build-catalog.ts): ThreatIntelligenceIndicator.json declares `Malware_data_CL` but holds
 * the indicator table's columns; AADUserInfo.json declares `AADUserInfo_CL` and holds that table's.
 */
export function customTables(
  files: readonly CustomTablesFile[],
  notes: readonly string[] = [],
): SourceRead {
  const tables: SourceTable[] = [];
  const sourceNotes = [...notes];
  for (const f of [...files].sort((a, b) => compareNames(a.file, b.file))) {
    const name = f.file.replace(/\.json$/, '');
    const path = `${CUSTOM_TABLES_DIR}/${f.file}`;
    if (!IDENTIFIER.test(name)) {
      sourceNotes.push(`${f.file}: "${name}" is not a table name, skipped`);
      continue;
    }
    const tableNotes: string[] = [];
    const seen = new Set<string>();
    const columns: SourceColumn[] = [];
    for (const c of f.columns) {
      if (!IDENTIFIER.test(c.name)) {
        tableNotes.push(`column "${c.name}" is not a column name, skipped`);
        continue;
      }
      if (seen.has(c.name)) {
        tableNotes.push(`${c.name} is listed twice; the first is kept`);
        continue;
      }
      seen.add(c.name);
      columns.push({
        name: c.name,
        type: kqlTypeOfSource(c.type, `${path} (${c.name})`),
        spelling: c.type,
      });
    }
    tables.push({
      name,
      source: 'azure-sentinel-validation',
      path,
      commit: f.commit,
      columns,
      notes: tableNotes,
      ...(f.declaredName !== name && { declaredName: f.declaredName }),
    });
  }
  return { tables, notes: sourceNotes };
}
