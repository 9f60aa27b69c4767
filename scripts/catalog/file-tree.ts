/**
 * The files of a source repository, read either from a checkout (a folder) or from a git
 * repository at a given commit (a bare clone works: Microsoft's table reference left
 * azure-reference-other in November 2024, so it is read from that repository's history).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FileTree {
  /** Paths (relative, `/`-separated) of the files directly in `dir`, sorted. */
  list(dir: string): string[];
  read(path: string): string;
  /** The commit the files are read at. */
  readonly commit: string;
}

const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

function git(gitDir: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', ['--git-dir', gitDir, ...args], {
    maxBuffer: MAX_GIT_OUTPUT,
    ...(input !== undefined && { input }),
  });
}

/** The git directory of a checkout or bare clone, or undefined when `path` is neither. */
function gitDirOf(path: string): string | undefined {
  if (existsSync(join(path, '.git'))) return join(path, '.git');
  if (existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects'))) return path;
  return undefined;
}

/**
 * A folder's files. `commit` is the one given, else the checkout's HEAD; a folder outside git
 * needs it given (provenance names a commit for every table).
 */
export function folderTree(root: string, commit?: string): FileTree {
  const gitDir = gitDirOf(root);
  const resolved =
    commit ?? (gitDir ? git(gitDir, ['rev-parse', 'HEAD']).toString().trim() : undefined);
  if (!resolved)
    throw new Error(`${root} is not a git checkout: give the commit its files come from`);
  return {
    commit: resolved,
    list: (dir) =>
      readdirSync(join(root, dir))
        .filter((f) => statSync(join(root, dir, f)).isFile())
        .sort()
        .map((f) => (dir ? `${dir}/${f}` : f)),
    read: (path) => readFileSync(join(root, path), 'utf8'),
  };
}

/** A git repository's files at `commit` (read in one `git cat-file --batch` per folder). */
export function gitTree(repo: string, commit: string): FileTree {
  const gitDir = gitDirOf(repo);
  if (!gitDir) throw new Error(`${repo} is not a git repository`);
  const full = git(gitDir, ['rev-parse', '--verify', `${commit}^{commit}`])
    .toString()
    .trim();
  const cache = new Map<string, string>();
  return {
    commit: full,
    list(dir) {
      const out = git(gitDir, ['ls-tree', '--name-only', `${full}:${dir}`]).toString();
      const entries = out.split('\n').filter((l) => l !== '');
      const files: string[] = [];
      const types = git(
        gitDir,
        ['cat-file', '--batch-check'],
        entries.map((e) => `${full}:${dir}/${e}`).join('\n') + '\n',
      )
        .toString()
        .split('\n');
      entries.forEach((e, i) => {
        if (/ blob \d+$/.test(types[i] ?? '')) files.push(`${dir}/${e}`);
      });
      files.sort();
      // Read the folder's files in one batch: a process per file would take seconds.
      const batch = git(
        gitDir,
        ['cat-file', '--batch'],
        files.map((f) => `${full}:${f}`).join('\n') + '\n',
      );
      let at = 0;
      for (const f of files) {
        const nl = batch.indexOf(0x0a, at);
        const header = batch.subarray(at, nl).toString();
        const size = Number(/ blob (\d+)$/.exec(header)?.[1]);
        if (!Number.isFinite(size))
          throw new Error(`git cat-file: unexpected answer for ${f}: ${header}`);
        cache.set(f, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
        at = nl + 1 + size + 1;
      }
      return files;
    },
    read(path) {
      const cached = cache.get(path);
      if (cached !== undefined) return cached;
      return git(gitDir, ['show', `${full}:${path}`]).toString('utf8');
    },
  };
}
