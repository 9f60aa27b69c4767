/**
 * The CLI's engine flags (src/cli/engine-flags.ts): --engine wasm|native (wasm the default), and the
 * native engine's --db, --memory-limit, --temp-dir and --threads, checked before anything is opened;
 * then one real run with all of them, through the command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args.ts';
import { ENGINE_VALUE_FLAGS, engineChoice } from '../../../src/cli/engine-flags.ts';
import { DEMO_DIR as DEMO, demoCsv, REPO_ROOT as ROOT } from '../../support/material.ts';
const NATIVE = await import('@duckdb/node-api').then(
  () => true,
  () => false,
);

const choice = (...argv: string[]) =>
  engineChoice(parseArgs(argv, { values: [...ENGINE_VALUE_FLAGS] }));

describe('engine flags', () => {
  it('default to the wasm engine; --engine native takes the native options', () => {
    expect(choice()).toEqual({ kind: 'wasm' });
    expect(choice('--engine', 'wasm')).toEqual({ kind: 'wasm' });
    expect(choice('--engine', 'native')).toEqual({ kind: 'native', options: {} });
    expect(
      choice(
        '--engine',
        'native',
        '--db',
        'x.duckdb',
        '--memory-limit',
        '8GB',
        '--temp-dir',
        '/tmp/t',
        '--threads',
        '4',
      ),
    ).toEqual({
      kind: 'native',
      options: { dbPath: 'x.duckdb', memoryLimit: '8GB', tempDirectory: '/tmp/t', threads: 4 },
    });
  });

  it('refuse what they cannot mean: another engine, a native option without --engine native, bad numbers and sizes', () => {
    expect(() => choice('--engine', 'spark')).toThrow(
      new UsageError('--engine takes wasm or native, not "spark"'),
    );
    expect(() => choice('--db', 'x.duckdb')).toThrow(
      new UsageError('--db is an option of --engine native'),
    );
    expect(() => choice('--engine', 'wasm', '--threads', '2', '--memory-limit', '1GB')).toThrow(
      new UsageError('--memory-limit, --threads are options of --engine native'),
    );
    expect(() => choice('--engine', 'native', '--threads', '0')).toThrow(
      /--threads takes a whole number/,
    );
    expect(() => choice('--engine', 'native', '--threads', '2.5')).toThrow(
      /--threads takes a whole number/,
    );
    expect(() => choice('--engine', 'native', '--memory-limit', 'lots')).toThrow(
      /--memory-limit takes a size such as 8GB/,
    );
  });

  it('a usage error from the command line exits 2 with the usage', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli/main.ts'),
        'replay',
        '--rule',
        join(DEMO, 'risky-user-silent-signins.yaml'),
        '--db',
        'x.duckdb',
        join(DEMO, 'SigninLogs.csv.gz'),
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--db is an option of --engine native');
    expect(r.stderr).toContain('--engine wasm|native');
  }, 60_000);

  it.skipIf(!NATIVE)(
    '--engine native with --db, --memory-limit, --temp-dir and --threads: the tables go to the file, the temp folder is left as found',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'loupe-engine-flags-'));
      try {
        const db = join(dir, 'logs.duckdb');
        const temp = join(dir, 'temp');
        const r = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            join(ROOT, 'src/cli/main.ts'),
            'replay',
            '--rule',
            join(DEMO, 'risky-user-silent-signins.yaml'),
            '--json',
            '--engine',
            'native',
            '--db',
            db,
            '--memory-limit',
            '512MB',
            '--temp-dir',
            temp,
            '--threads',
            '1',
            join(DEMO, '*.csv*'),
          ],
          { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
        );
        expect(r.status, r.stderr).toBe(0);
        // The quoted glob was expanded by the native engine: the demo's five exports (three of them
        // gzipped), one table each, every record loaded. The records are counted here from the CSV
        // text, one a line (no quoted value in these exports spans lines: checked).
        const expected = readdirSync(DEMO)
          .filter((f) => /\.csv(\.gz)?$/.test(f))
          .sort()
          .map((f) => {
            const lines = new TextDecoder()
              .decode(demoCsv(f))
              .replace(/\r?\n$/, '')
              .split(/\r?\n/);
            expect(lines.filter((l) => (l.match(/"/g)?.length ?? 0) % 2 !== 0)).toEqual([]);
            return `loaded ${f} → ${f.replace(/\.csv(\.gz)?$/, '')} (${lines.length - 1} rows)`;
          });
        expect(expected).toHaveLength(5);
        expect(
          (r.stderr.match(/^loaded \S+\.csv(\.gz)? → \w+ \(\d+ rows\)$/gm) ?? []).sort(),
        ).toEqual(expected);
        expect(JSON.parse(r.stdout).alerts.length).toBeGreaterThan(0);
        expect(existsSync(db)).toBe(true);
        // The engine's own files (registered buffers) are removed; the folder itself is the analyst's.
        expect(readdirSync(temp).filter((f) => f.startsWith('files-'))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
