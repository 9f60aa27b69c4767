/**
 * A folder of files a test file makes (a gzip, bad files, a large CSV), named as the analyst would
 * see them, created before its tests and removed after them.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface WorkDir {
  /** The folder (set once the tests start). */
  readonly path: string;
  /** Writes a file into it; returns its path. */
  write(name: string, content: Uint8Array | string): string;
  /**
   * Writes a large CSV made of a real one's records `times` over, under its header (a BOM dropped),
   * appended record block by record block so that the file is never one string; returns its path.
   */
  writeRepeated(name: string, csv: string, times: number): string;
}

export function useWorkDir(prefix: string): WorkDir {
  let path = '';
  beforeAll(() => {
    path = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (path) rmSync(path, { recursive: true, force: true });
  });
  return {
    get path() {
      return path;
    },
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    writeRepeated(name, csv, times) {
      const text = csv.replace(/^\uFEFF/, '');
      const headerEnd = text.indexOf('\n') + 1;
      const records = text.slice(headerEnd).replace(/\n?$/, '\n');
      const file = this.write(name, text.slice(0, headerEnd));
      for (let i = 0; i < times; i++) appendFileSync(file, records);
      return file;
    },
  };
}
