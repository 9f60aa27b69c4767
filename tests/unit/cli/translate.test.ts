import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('loupe translate', () => {
  it('reports a query it cannot translate at its line and column in the rule file, not in the query', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-translate-'));
    const file = join(dir, 'bad-rule.yaml');
    writeFileSync(
      file,
      [
        'id: 00000000-0000-0000-0000-000000000001',
        'name: A rule with an unknown function',
        'severity: Low',
        'queryFrequency: 1h',
        'queryPeriod: 1h',
        'triggerOperator: gt',
        'triggerThreshold: 0',
        'query: |',
        '  SigninLogs',
        '  | where ResultType == 0',
        '  | extend x = no_such_function(UserPrincipalName)',
        '',
      ].join('\n'),
    );
    const r = cli(['translate', '--rule', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    // Query line 3, column 14 is file line 11, column 16 (the block scalar is indented by 2).
    expect(r.stderr).toContain('bad-rule.yaml:11:16: ');
    expect(r.stderr).toContain('no_such_function');
  });

  it('prints the windowed SQL a scheduled run executes, with --steps naming each KQL step', () => {
    const r = cli([
      'translate',
      '--steps',
      '--rule',
      join(root, 'static/demo/risky-user-silent-signins.yaml'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-- where TimeGenerated > ago\(1h\)  → \w+/m);
    expect(r.stdout).toMatch(/^-- join kind=inner HighRiskUsers on UserPrincipalName  → \w+/m);
    expect(r.stdout).toContain("getvariable('loupe_window_start')");
    expect(r.stdout).toContain("getvariable('loupe_now')");
  });
});
