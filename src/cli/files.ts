/** Reading the CLI's input files into a session, with errors that name the file. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LoupeError } from '../errors.ts';
import type { LoupeSession } from '../session/api.ts';
import type { LoadedTable, LoadOptions } from '../ingest/api.ts';
import { terminalText } from './terminal-text.ts';

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LoupeError('cli', 'file', `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: path });
  }
}

export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new LoupeError('cli', 'file', `cannot read log file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: path });
  }
}

/** Loads each file in turn; the first failure stops the command with its file-located message. */
export async function loadAll(session: LoupeSession, paths: readonly string[], log: (m: string) => void, options: LoadOptions = {}): Promise<LoadedTable[]> {
  const loaded: LoadedTable[] = [];
  for (const path of paths) {
    const t = await session.load({ name: basename(path), bytes: readBytes(path) }, options);
    log(terminalText(`loaded ${basename(path)} → ${t.name} (${t.rowCount} rows)`));
    loaded.push(t);
  }
  return loaded;
}
