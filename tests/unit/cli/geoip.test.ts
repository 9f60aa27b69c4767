/**
 * `--geoip FILE` through the real CLI: a rule calling geo_info_from_ip_address is a need of
 * `check` (a GeoIP database) until a .mmdb is given, `translate` refuses it at the call with the
 * flag to use, and `replay` with the database puts the places in the alert rows, on either engine. The database is
 * a tiny one built by the test MMDB writer (documentation ranges).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/rules/check.ts';
import { testGeoIpDatabase } from '../../support/geoip-fixture.ts';

const root = join(import.meta.dirname, '..', '..', '..');

/** Native DuckDB is an optional package: its test is skipped where it is not installed. */
const NATIVE = await import('@duckdb/node-api').then(
  () => true,
  () => false,
);
const main = join(root, 'src/cli/main.ts');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const QUERY = [
  'SigninLogs',
  '| extend Geo = geo_info_from_ip_address(IPAddress)',
  '| extend Country = tostring(Geo.country), City = tostring(Geo.city)',
  '| where isnotempty(Country)',
  '| project TimeGenerated, UserPrincipalName, IPAddress, Country, City',
];

let dir: string;
let rules: string;
let rule: string;
let db: string;
let logs: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-geoip-'));
  rules = join(dir, 'rules');
  mkdirSync(rules);
  rule = join(rules, 'signins-by-place.yaml');
  writeFileSync(
    rule,
    [
      'id: 00000000-0000-0000-0000-0000000000a1',
      'name: Sign-ins with their place',
      'severity: Low',
      'queryFrequency: 1h',
      'queryPeriod: 1h',
      'triggerOperator: gt',
      'triggerThreshold: 0',
      'query: |',
      ...QUERY.map((l) => `  ${l}`),
      '',
    ].join('\n'),
  );
  db = join(dir, 'test-city.mmdb');
  writeFileSync(db, testGeoIpDatabase());
  logs = join(dir, 'SigninLogs.csv');
  writeFileSync(
    logs,
    [
      'TimeGenerated,UserPrincipalName,IPAddress',
      '2026-12-01T10:05:00Z,ada@contoso.example,192.0.2.10',
      '2026-12-01T10:10:00Z,bob@contoso.example,2001:db8::7',
      '2026-12-01T10:15:00Z,eve@contoso.example,203.0.113.5',
      '2026-12-01T10:20:00Z,mal@contoso.example,not-an-address',
      '',
    ].join('\n'),
  );
});

describe('--geoip FILE', () => {
  it('check: the rule needs a GeoIP database, and is ready once one is given', () => {
    const without = cli(['check', '--rules', rules]);
    expect(without.status, without.stderr).toBe(0);
    expect(without.stdout).toContain(
      '  needs    Sign-ins with their place (signins-by-place.yaml)\n             GeoIP database: geo_info_from_ip_address() reads a GeoIP database',
    );
    expect(without.stdout).toMatch(
      /signins-by-place\.yaml:10:\d+: geo_info_from_ip_address\(\) needs a GeoIP database/,
    );
    expect(without.stdout).toContain('--geoip FILE.mmdb');

    const json = cli(['check', '--rules', rules, '--json']);
    const report = JSON.parse(json.stdout) as CheckReport;
    expect(report.results[0]).toMatchObject({
      status: 'needs',
      needs: [{ kind: 'geoip', function: 'geo_info_from_ip_address' }],
      problem: { detail: { kind: 'geoip-needs-database', function: 'geo_info_from_ip_address' } },
    });

    const withDb = cli(['check', '--rules', rules, '--geoip', db, '--json']);
    expect(withDb.status, withDb.stderr).toBe(0);
    expect((JSON.parse(withDb.stdout) as CheckReport).results[0]).toMatchObject({
      status: 'ready',
    });
    expect(withDb.stderr).toContain(
      'loaded GeoIP database test-city.mmdb (GeoLite2-City, built 2025-12-04,',
    );
  }, 180_000);

  it('translate: refused at the call without one (with the flag to use), translated with one', () => {
    const without = cli(['translate', '--rule', rule]);
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/signins-by-place\.yaml:10:\d+: /);
    expect(without.stderr).toContain('--geoip FILE.mmdb');
    const withDb = cli(['translate', '--rule', rule, '--geoip', db]);
    expect(withDb.status, withDb.stderr).toBe(0);
    expect(withDb.stdout).toContain('kql_geo_info_from_ip_address');
  }, 180_000);

  it('replay: the alert rows carry the country and city of each address found; others are left out', () => {
    const r = cli(['replay', '--rule', rule, '--geoip', db, '--json', logs]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { alerts: { rows: Record<string, unknown>[] }[] };
    const rows = report.alerts.flatMap((a) => a.rows);
    expect(rows.map((x) => [x.UserPrincipalName, x.Country, x.City])).toEqual([
      ['ada@contoso.example', 'Australia', 'Sydney'],
      ['bob@contoso.example', 'United States', 'Boca Raton'],
    ]);
  }, 180_000);

  it.skipIf(!NATIVE)(
    "replay --engine native: the database reaches the worker thread running the functions; the report is the default engine's",
    () => {
      const wasm = cli(['replay', '--rule', rule, '--geoip', db, '--json', logs]);
      const native = cli([
        'replay',
        '--rule',
        rule,
        '--geoip',
        db,
        '--json',
        '--engine',
        'native',
        '--threads',
        '2',
        logs,
      ]);
      expect(native.status, native.stderr).toBe(0);
      const report = JSON.parse(native.stdout) as { alerts: { rows: Record<string, unknown>[] }[] };
      expect(
        report.alerts.flatMap((a) => a.rows).map((x) => [x.UserPrincipalName, x.City]),
      ).toEqual([
        ['ada@contoso.example', 'Sydney'],
        ['bob@contoso.example', 'Boca Raton'],
      ]);
      expect(native.stdout).toBe(wasm.stdout);
    },
    360_000,
  );

  it('a file that is not a MaxMind DB stops the command with its name', () => {
    const r = cli(['check', '--rules', rules, '--geoip', logs]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('SigninLogs.csv is not a MaxMind DB (.mmdb) file');
  }, 180_000);
});
