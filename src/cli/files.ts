/** Reading the CLI's input files into a session, with errors that name the file. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { LoupeError } from '../errors.ts';
import type { LoupeSession } from '../session/api.ts';
import type { LoadedTable, LoadOptions } from '../ingest/api.ts';
import { terminalText } from './terminal-text.ts';

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LoupeError(
      'cli',
      'file',
      `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      { file: path },
    );
  }
}

export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new LoupeError(
      'cli',
      'file',
      `cannot read log file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      { file: path },
    );
  }
}

/** A glob pattern the shell left unexpanded (quoted): only the native engine expands it. */
const GLOB = /[*?[]/;

/**
 * Loads each file in turn; the first failure stops the command with its file-located message. With
 * the native engine (a session with loadLocal) a file is read in place from disk, and a quoted glob
 * pattern loads every file it matches into its table.
 */
export async function loadAll(
  session: LoupeSession,
  paths: readonly string[],
  log: (m: string) => void,
  options: LoadOptions = {},
): Promise<LoadedTable[]> {
  const loaded: LoadedTable[] = [];
  for (const path of paths) {
    if (session.loadLocal) {
      if (!GLOB.test(path) || existsQuietly(path)) {
        try {
          if (!statSync(path).isFile())
            throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        } catch (e) {
          throw new LoupeError(
            'cli',
            'file',
            `cannot read log file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
            { file: path },
          );
        }
      }
      for (const t of await session.loadLocal(path, options)) {
        log(
          terminalText(
            `loaded ${t.files[t.files.length - 1]} → ${t.name} (${t.rowCount} rows${t.files.length > 1 ? `, ${t.files.length} files` : ''})`,
          ),
        );
        loaded.push(t);
      }
      continue;
    }
    if (GLOB.test(path) && !existsQuietly(path)) {
      throw new LoupeError(
        'cli',
        'file',
        `cannot read log file ${path}: a glob pattern is expanded by --engine native only; with the default engine let the shell expand it (leave it unquoted)`,
        { file: path },
      );
    }
    const t = await session.load({ name: basename(path), bytes: readBytes(path) }, options);
    log(terminalText(`loaded ${basename(path)} → ${t.name} (${t.rowCount} rows)`));
    loaded.push(t);
  }
  return loaded;
}

function existsQuietly(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
