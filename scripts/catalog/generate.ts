/**
 * Regenerates Loupe's schema catalog of Sentinel tables from local copies of its sources; it never
 * touches the network. See docs/tables.md.
 *
 *   npx tsx scripts/catalog/generate.ts \
 *     --reference <azure-reference-other checkout or git repository> [--reference-commit <rev>] \
 *     --sentinel <Azure-Sentinel checkout | folder of CustomTables *.json | extract .tsv> [--sentinel-commit <sha>] \
 *     [--out src/schema/catalog] [--check]
 *
 *   npx tsx scripts/catalog/generate.ts extract --from <folder of CustomTables *.json> \
 *     [--sources <SOURCES.tsv: file, path, commit>] --into scripts/catalog/sources/azure-sentinel-customtables.tsv
 *
 * The table reference left MicrosoftDocs/azure-reference-other in November 2024: read it from that
 * repository's history, `--reference-commit e9a3e0686a^`. `--check` writes nothing and exits 1 when
 * the committed files differ from what the sources give.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalog, serializeCatalog } from './build-catalog.ts';
import { folderTree, gitTree, type FileTree } from './file-tree.ts';
import type { SourceRead } from './model.ts';
import { provenancePage } from './provenance.ts';
import { readReference } from './reference-source.ts';
import {
  CUSTOM_TABLES_DIR,
  customTables,
  parseExtract,
  readCustomTablesFolder,
  writeExtract,
  type CustomTablesFile,
} from './sentinel-source.ts';

export const CATALOG_FILE = 'sentinel-tables.json';
export const PROVENANCE_FILE = 'PROVENANCE.md';
export const DEFAULT_EXTRACT = 'scripts/catalog/sources/azure-sentinel-customtables.tsv';

/**
 * The reference's files: with a commit, the repository's history at that commit (a bare clone
 * works); without one, a checkout's working tree at its HEAD.
 */
export function referenceTree(path: string, commit?: string): FileTree {
  return commit !== undefined ? gitTree(path, commit) : folderTree(path);
}

/** Azure-Sentinel's CustomTables: an extract (.tsv), a folder of its JSON files, or a checkout. */
export function readSentinel(path: string, commit?: string): SourceRead {
  if (statSync(path).isFile()) return customTables(parseExtract(readFileSync(path, 'utf8'), path));
  const checkoutDir = join(path, CUSTOM_TABLES_DIR);
  const tree = folderTree(path, commit);
  const { files, notes } = readCustomTablesFolder(
    tree,
    existsSync(checkoutDir) ? CUSTOM_TABLES_DIR : '',
  );
  return customTables(files, notes);
}

export interface Generated {
  readonly catalog: string;
  readonly provenance: string;
}

/** The files the generator writes, from its sources (no file is written). */
export function generate(opts: {
  reference: FileTree;
  sentinel: SourceRead;
  sentinelArg: string;
  referenceArg: string;
}): Generated {
  const regenerate =
    `npx tsx scripts/catalog/generate.ts --reference <azure-reference-other> --reference-commit ${opts.referenceArg} ` +
    `--sentinel ${opts.sentinelArg}`;
  const doc = buildCatalog({
    reference: readReference(opts.reference),
    sentinel: opts.sentinel,
    generator: `scripts/catalog/generate.ts (reference at ${opts.reference.commit}; Azure-Sentinel from ${opts.sentinelArg})`,
  });
  return {
    catalog: serializeCatalog(doc),
    provenance: provenancePage(doc, opts.sentinel, regenerate),
  };
}

/** Adds (or replaces) CustomTables files in the extract, keeping the other lines. */
function extract(from: string, sourcesTsv: string | undefined, into: string): number {
  const commits = new Map<string, string>();
  if (sourcesTsv) {
    for (const line of readFileSync(sourcesTsv, 'utf8').split('\n').slice(1)) {
      const [file, , commit] = line.split('\t');
      if (file && commit) commits.set(file, commit.trim());
    }
  }
  // The folder is loose files, not a checkout: each file's commit comes from the SOURCES.tsv.
  const read = readCustomTablesFolder(folderTree(from, 'from SOURCES.tsv'), '');
  if (read.notes.length > 0) for (const n of read.notes) console.error(`extract: ${n}`);
  const added: CustomTablesFile[] = read.files.map((f) => {
    const commit = commits.get(f.file);
    if (!commit)
      throw new Error(`${f.file}: no commit for it in ${sourcesTsv ?? '(no --sources given)'}`);
    return { ...f, commit };
  });
  const kept = existsSync(into)
    ? parseExtract(readFileSync(into, 'utf8'), into).filter(
        (f) => !added.some((a) => a.file === f.file),
      )
    : [];
  const preamble = existsSync(into)
    ? readFileSync(into, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('# ') && !l.startsWith('# file\t'))
        .map((l) => l.slice(2))
    : [
        `Azure/Azure-Sentinel ${CUSTOM_TABLES_DIR}: the files read for Loupe's schema catalog (MIT licence), one per line.`,
      ];
  writeFileSync(into, writeExtract([...kept, ...added], preamble));
  return added.length;
}

function main(argv: string[]): number {
  if (argv[0] === 'extract') {
    const { values } = parseArgs({
      args: argv.slice(1),
      options: { from: { type: 'string' }, sources: { type: 'string' }, into: { type: 'string' } },
    });
    if (!values.from) throw new Error('extract needs --from <folder of CustomTables *.json>');
    const n = extract(values.from, values.sources, values.into ?? DEFAULT_EXTRACT);
    console.error(`extract: ${n} files written to ${values.into ?? DEFAULT_EXTRACT}`);
    return 0;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      reference: { type: 'string' },
      'reference-commit': { type: 'string' },
      sentinel: { type: 'string' },
      'sentinel-commit': { type: 'string' },
      out: { type: 'string', default: 'src/schema/catalog' },
      check: { type: 'boolean', default: false },
    },
  });
  if (!values.reference || !values.sentinel)
    throw new Error(
      'usage: generate.ts --reference <path> [--reference-commit <rev>] --sentinel <path> [--out DIR] [--check]',
    );
  const out = generate({
    reference: referenceTree(values.reference, values['reference-commit']),
    sentinel: readSentinel(values.sentinel, values['sentinel-commit']),
    referenceArg: values['reference-commit'] ?? 'HEAD',
    sentinelArg: basename(values.sentinel),
  });
  const files: [string, string][] = [
    [join(values.out!, CATALOG_FILE), out.catalog],
    [join(values.out!, PROVENANCE_FILE), out.provenance],
  ];
  if (values.check) {
    const stale = files
      .filter(([f, text]) => !existsSync(f) || readFileSync(f, 'utf8') !== text)
      .map(([f]) => f);
    for (const f of stale) console.error(`catalog: ${f} differs from what the sources give`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const [f, text] of files) writeFileSync(f, text);
  console.error(`catalog: wrote ${files.map(([f]) => f).join(', ')}`);
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`catalog: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
