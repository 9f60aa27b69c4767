/**
 * The exit-code rule (issue 16), through the real command line in a child process: whatever the
 * log files and the rule, `loupe replay` exits 0 (a result) or 1 (a typed error naming the
 * input), never 70 (an internal error) nor a crash, within CLI_SECONDS and under CLI_MEMORY_MB of
 * peak memory. One run per case of each hostile class the issue measured (small versions, the
 * limits lowered by the CLI's own flags), then generated files and rules (./generators.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileLogFile, hostileRule, type HostileFile } from './generators.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI_SECONDS = 60;
const CLI_MEMORY_MB = 1536;
const dir = mkdtempSync(join(tmpdir(), 'loupe-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly seconds: number;
  readonly peakMB: number;
  readonly stderr: string;
}

let runs = 0;
/** Runs `loupe replay` on written files; resolves with its exit status, time and peak memory. */
function replay(
  rule: { name: string; text: string },
  files: readonly HostileFile[],
  json = false,
): Promise<CliRun> {
  // A folder per run and per file: a log file's name says its table.
  const run = join(dir, String(++runs));
  mkdirSync(run);
  const rulePath = join(run, rule.name);
  writeFileSync(rulePath, rule.text);
  const paths = files.map((f, i) => {
    mkdirSync(join(run, String(i)));
    const p = join(run, String(i), f.name);
    writeFileSync(p, f.bytes);
    return p;
  });
  const rss = join(run, 'rss');
  const args = [
    '--import',
    'tsx',
    '--import',
    join(import.meta.dirname, 'report-rss.mjs'),
    join(ROOT, 'src/cli/main.ts'),
    'replay',
    '--rule',
    rulePath,
    '--max-record-mb',
    '1',
    '--max-json-depth',
    '32',
    ...(json ? ['--json'] : []),
    ...paths,
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOUPE_RSS_FILE: rss },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (CLI_SECONDS + 30) * 1000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let peakMB = Infinity;
      try {
        peakMB = Number(readFileSync(rss, 'utf8')) / 1024;
      } catch {
        /* killed before it could say */
      }
      resolve({ status, signal, seconds: (performance.now() - started) / 1000, peakMB, stderr });
    });
  });
}

function expectRule(run: CliRun, what: string): void {
  const why = `${what}: exit ${run.status} ${run.signal ?? ''} in ${run.seconds.toFixed(1)} s, ${run.peakMB.toFixed(0)} MB\n${run.stderr.slice(0, 2000)}`;
  expect([0, 1], why).toContain(run.status);
  expect(run.stderr, why).not.toMatch(/internal error/);
  expect(run.seconds, why).toBeLessThan(CLI_SECONDS);
  expect(run.peakMB, why).toBeLessThan(CLI_MEMORY_MB);
  // Nothing from a file reaches the terminal raw.
  expect(run.stderr, why).not.toMatch(/\u001b|\u009b/);
}

const text = (name: string, t: string): HostileFile => ({
  name,
  bytes: new TextEncoder().encode(t),
  kind: name,
});
const HEADER = 'TimeGenerated,UserPrincipalName,IPAddress,ResultType';
const row = (i: number, upn = `u${i}@x`) => `2026-06-15T10:0${i}:00Z,${upn},10.0.0.${i},0`;
const TAKE = { name: 'take.kql', text: 'SigninLogs | take 5' };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Runs cases two at a time (the machine has two cores). */
async function inPairs<T>(items: readonly T[], run: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 2) await Promise.all(items.slice(i, i + 2).map(run));
}

describe('loupe replay on hostile input exits 0 or 1, in bounded time and memory', () => {
  it('each class the issue measured', { timeout: 400_000 }, async () => {
    const cases: [string, { name: string; text: string }, HostileFile[], 0 | 1][] = [
      [
        'an unquoted field over the record limit',
        TAKE,
        [
          text(
            'SigninLogs.csv',
            [HEADER, row(1), row(2, 'a'.repeat(3 << 20)), row(3), ''].join('\n'),
          ),
        ],
        1,
      ],
      [
        'a quoted cell over the limit, a line with no end',
        TAKE,
        [
          text(
            'SigninLogs.csv',
            `${HEADER}\n${row(1)}\n2026-06-15T10:02:00Z,"${'q'.repeat(3 << 20)}`,
          ),
        ],
        1,
      ],
      [
        'prototype names as CSV header, NDJSON keys and API columns; control characters in values',
        {
          name: 'q.kql',
          text: 'SigninLogs | project __proto__ = UserPrincipalName, constructor = IPAddress',
        },
        [
          text(
            'SigninLogs.csv',
            `TimeGenerated,__proto__,constructor,UserPrincipalName,IPAddress\n2026-06-15T10:00:00Z,a,b,"\u001b[2Jforged\rRule: x",1\n`,
          ),
          text(
            'AADNonInteractiveUserSignInLogs.ndjson',
            '{"TimeGenerated":"2026-06-15T10:00:00Z","__proto__":{"x":1},"toString":"y","valueOf":1,"__defineGetter__":2}\n',
          ),
          text(
            'Custom_CL.json',
            JSON.stringify({
              tables: [
                {
                  name: 'PrimaryResult',
                  columns: [
                    { name: '__proto__', type: 'string' },
                    { name: 'constructor', type: 'toString' },
                  ],
                  rows: [['a', 'b']],
                },
              ],
            }),
          ),
        ],
        0,
      ],
      [
        'a JSON record nested 10,000 deep',
        TAKE,
        [
          text(
            'SigninLogs.ndjson',
            `{"TimeGenerated":"2026-06-15T10:00:00Z","DeviceDetail":${deep(10_000)}}\n`,
          ),
        ],
        1,
      ],
      [
        'a dynamic CSV cell nested 10,000 deep',
        TAKE,
        [
          text(
            'SigninLogs.csv',
            `TimeGenerated,UserPrincipalName,DeviceDetail\n2026-06-15T10:00:00Z,u,"${deep(10_000)}"\n`,
          ),
        ],
        1,
      ],
      [
        'a 3 MB JSON string (the CSV hand-off took 2 MB)',
        TAKE,
        [
          text(
            'SigninLogs.ndjson',
            `{"TimeGenerated":"2026-06-15T10:00:00Z","UserPrincipalName":"${'s'.repeat(3 << 20)}"}\n`,
          ),
        ],
        1,
      ],
      [
        'a gzipped line with no end',
        TAKE,
        [
          {
            name: 'SigninLogs.csv.gz',
            bytes: new Uint8Array(gzipSync(`${HEADER}\n${row(1)}\n${'a'.repeat(20 << 20)}`)),
            kind: 'gz line',
          },
        ],
        1,
      ],
      [
        'a YAML alias bomb',
        {
          name: 'bomb.yaml',
          text: `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nname: x\nquery: SigninLogs\n`,
        },
        [text('SigninLogs.csv', `${HEADER}\n${row(1)}\n`)],
        1,
      ],
      [
        'a catastrophic regex over a log value',
        {
          name: 'q.kql',
          text: 'SigninLogs | extend x = extract_all(@"((a+)+)$", UserPrincipalName), n = countof(UserPrincipalName, @"(a|aa)+$", "regex")',
        },
        [text('SigninLogs.csv', `${HEADER}\n${row(1, `${'a'.repeat(40)}!`)}\n`)],
        0,
      ],
      [
        'a dynamic value nested 100,000 deep by the query, to the JSON report',
        {
          name: 'q.kql',
          text: 'SigninLogs | extend d = parse_json(strcat(strrep("[", 100000), strrep("]", 100000))) | project d, x = tostring(d[0])',
        },
        [text('SigninLogs.csv', `${HEADER}\n${row(1)}\n`)],
        0,
      ],
    ];
    await inPairs(cases, async ([what, rule, files, expected]) => {
      const run = await replay(rule, files, true);
      expectRule(run, what);
      expect(run.status, `${what}\n${run.stderr.slice(0, 1000)}`).toBe(expected);
    });
  });

  it('generated files and rules', { timeout: 400_000 }, async () => {
    const samples = fc.sample(
      fc.tuple(hostileRule, fc.array(hostileLogFile, { minLength: 1, maxLength: 2 })),
      { numRuns: 6, seed: Number(process.env.LOUPE_HOSTILE_SEED ?? 16) },
    );
    await inPairs(samples, async ([rule, files]) =>
      expectRule(
        await replay(rule, files),
        `${rule.kind} over ${files.map((f) => f.kind).join(' + ')}`,
      ),
    );
  });
});
