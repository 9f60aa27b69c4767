/**
 * Serves the built site (dist/site) for a browser test on 127.0.0.1 at a random port, with the
 * project's own static server (scripts/serve.mjs, the one `npm start` uses). Builds it first when
 * it is missing (`npm test` builds before running the tests).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The built site; LOUPE_SITE_DIR points the tests at another build (e.g. one made for debugging). */
export const SITE = process.env.LOUPE_SITE_DIR ?? join(ROOT, 'dist', 'site');

interface ServeModule {
  serve(
    dir: string,
    options?: { port?: number; base?: string },
  ): Promise<{ url: string; close(): Promise<void> }>;
}

export function ensureBuilt(): void {
  if (existsSync(join(SITE, 'index.html')) && !process.env.LOUPE_REBUILD) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 170_000,
  });
}

/** The single-file build, opened from file:// by its tests. */
export const SINGLE_FILE = process.env.LOUPE_SINGLE_FILE ?? join(ROOT, 'dist', 'loupe.html');

export function ensureSingleFileBuilt(): void {
  if (existsSync(SINGLE_FILE) && !process.env.LOUPE_REBUILD) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'single'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 170_000,
    },
  );
}

export async function serveSite(base = '/'): Promise<{ url: string; close(): Promise<void> }> {
  const specifier: string = join(ROOT, 'scripts', 'serve.mjs');
  const { serve } = (await import(specifier)) as ServeModule;
  return serve(SITE, { port: 0, base });
}
