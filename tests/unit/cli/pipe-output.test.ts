/**
 * Every command writes its whole output and then exits with its code, whether standard output is a
 * pipe or a file (issue 13: `loupe replay --json … | jq` got the first 65,536 bytes of the report,
 * because the process exited before Node had flushed the pipe). The real CLI is run twice on the
 * same input: standard output a pipe, then a file; the two outputs must be the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const main = join(root, 'src/cli/main.ts');
const rule = join(root, 'tests/fixtures/cli/large-report.kql');
const logs = join(root, 'static/demo/SigninLogs.csv.gz');
const work = mkdtempSync(join(tmpdir(), 'loupe-pipe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI with standard output a pipe the test reads. */
function throughPipe(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** The CLI with standard output redirected to a file, as `> file` does. */
function toFile(args: string[]) {
  const path = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
      cwd: root,
      timeout: 120_000,
      stdio: ['ignore', fd, 'pipe'],
    });
    return { status: r.status, stdout: readFileSync(path), stderr: r.stderr.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

describe('the CLI writes its whole output through a pipe', () => {
  it('replay --json: a report over 1 MB is the same bytes through a pipe as redirected to a file', () => {
    const args = ['replay', '--rule', rule, '--json', logs];
    const piped = throughPipe(args);
    const filed = toFile(args);
    expect(piped.status, piped.stderr).toBe(0);
    expect(filed.status, filed.stderr).toBe(0);
    expect(filed.stdout.length).toBeGreaterThan(1024 * 1024);
    expect(piped.stdout.length).toBe(filed.stdout.length);
    expect(Buffer.compare(piped.stdout, filed.stdout)).toBe(0);
    // And it is the whole report: JSON that parses, with every row of the query.
    const report = JSON.parse(piped.stdout.toString('utf8')) as { runs: { rows: unknown[] }[] };
    expect(report.runs[0]!.rows).toHaveLength(15_000);
  }, 240_000);

  it('an error still exits with its code after its message is written', () => {
    const r = throughPipe(['replay', '--rule', join(work, 'missing.yaml'), logs]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot read rule file');
  }, 120_000);
});
