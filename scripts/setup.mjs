#!/usr/bin/env node
/**
 * Installs what Loupe needs on a fresh machine, so `npm start` and `npm test` work from a clean
 * clone: npm packages when node_modules is missing or older than the lock file, the duckdb-wasm
 * fix (patch-duckdb-wasm.mjs), and with --browser Debian's Chromium when /usr/bin/chromium is absent.
 * Progress goes to standard error so that `--json` output on standard output stays clean.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const log = (m) => {
  if (!quiet) console.error(`setup: ${m}`);
};
const run = (cmd) => execSync(cmd, { cwd: root, stdio: ['ignore', 2, 2] });

const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  log('installing npm packages (npm ci)');
  run('npm ci --no-audit --no-fund');
}
run(`node scripts/patch-duckdb-wasm.mjs${quiet ? ' --quiet' : ''}`);

if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  log('installing Debian chromium for the browser tests');
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
}
