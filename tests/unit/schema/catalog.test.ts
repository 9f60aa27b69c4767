/**
 * The schema catalog as the app reads it: curated tables first, then the generated catalog; each
 * table's source; the tables an unknown name probably meant; searching by table or column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  catalogCounts,
  closestTables,
  knownTable,
  knownTableNames,
  tableProvenance,
} from '../../../src/schema/catalog.ts';
import { searchCatalog } from '../../../src/schema/catalog-search.ts';
import { closestNames, editDistance } from '../../../src/schema/table-suggestions.ts';
import { TABLE_FILES } from '../../../src/schema/tables/index.ts';
import type { CatalogDocument } from '../../../src/schema/catalog-format.ts';

const generated = JSON.parse(
  readFileSync('src/schema/catalog/sentinel-tables.json', 'utf8'),
) as CatalogDocument;

describe('the catalog', () => {
  it('knows the tables the published identity rules read beside the identity tables', () => {
    // The tables 24 of the 136 rules failed on (issue 13), and the workhorses of Sentinel content.
    for (const t of [
      'AWSCloudTrail',
      'CommonSecurityLog',
      'SecurityAlert',
      'OfficeActivity',
      'ThreatIntelligenceIndicator',
      'PowerPlatformAdminActivity',
      'DataverseActivity',
      'AWSGuardDuty',
      'AzureActivity',
      'DeviceInfo',
      'DeviceEvents',
      'CloudAppEvents',
      'SecurityEvent',
      'BehaviorAnalytics',
      'W3CIISLog',
      'Syslog',
      'Event',
      'DnsEvents',
      'WindowsEvent',
      'SquidProxy_CL',
      'InformationProtectionLogs_CL',
    ]) {
      expect(knownTable(t), t).toBeDefined();
    }
    expect(knownTable('SecurityAlert')!.columns.find((c) => c.name === 'ConfidenceScore')).toEqual({
      name: 'ConfidenceScore',
      type: 'real',
    });
    expect(knownTable('AWSCloudTrail')!.columns.length).toBeGreaterThan(50);
  });

  it('gives curated tables precedence over the generated catalog', () => {
    for (const f of TABLE_FILES) {
      expect(knownTable(f.name)!.columns.map((c) => c.name)).toEqual(f.columns.map((c) => c.name));
      expect(tableProvenance(f.name)!.origin).toBe('curated');
    }
    // The generated one (from the 2024 reference) lacks columns Entra added since; the curated one has them.
    expect(generated.tables['AADNonInteractiveUserSignInLogs']!.columns).not.toContain(
      'SessionId:',
    );
    expect(
      knownTable('AADNonInteractiveUserSignInLogs')!.columns.some((c) => c.name === 'SessionId'),
    ).toBe(true);
  });

  it("names each generated table's source: repository, file, commit and licence", () => {
    expect(tableProvenance('Syslog')).toMatchObject({
      origin: 'azure-monitor-reference',
      repository: 'MicrosoftDocs/azure-reference-other',
      path: 'azure-monitor-ref/tables/includes/syslog-include.md',
      commit: 'bea53845fef94ad4f1887d306e6618a34efefc01',
      licence: 'CC-BY-4.0',
    });
    expect(tableProvenance('SquidProxy_CL')).toMatchObject({
      origin: 'azure-sentinel-validation',
      repository: 'Azure/Azure-Sentinel',
      path: '.script/tests/KqlvalidationsTests/CustomTables/SquidProxy_CL.json',
      licence: 'MIT',
    });
    expect(tableProvenance('SquidProxy_CL')!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(tableProvenance('ThreatIntelligenceIndicator')!.notes.join('\n')).toMatch(
      /declares its table as "Malware_data_CL"/,
    );
  });

  it('is case-sensitive and knows nothing of names an object inherits', () => {
    expect(knownTable('signinlogs')).toBeUndefined();
    for (const n of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(knownTable(n)).toBeUndefined();
      expect(tableProvenance(n)).toBeUndefined();
    }
  });

  it('lists every table once, sorted, and counts them by source', () => {
    const names = knownTableNames();
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    const c = catalogCounts();
    expect(c.total).toBe(names.length);
    expect(c.curated + c['azure-monitor-reference'] + c['azure-sentinel-validation']).toBe(c.total);
    expect(c['azure-monitor-reference']).toBeGreaterThan(650);
  });
});

/**
 * The curated tables and the generated ones agree, except where the curated table knows better:
 * each difference is listed here, so a change in either shows up.
 */
describe('curated tables against the generated catalog', () => {
  const EXPECTED: Record<
    string,
    { onlyCurated: string[]; onlyGenerated: string[]; types: string[] }
  > = {
    // From Azure-Sentinel's validation schema: newer than the November 2024 reference (17 columns Entra added since).
    AADNonInteractiveUserSignInLogs: {
      onlyCurated: [
        'AADTenantId',
        'Agent',
        'AppOwnerTenantId',
        'AuthenticatorAppLocation',
        'ClientCredentialType',
        'ClientSessionId',
        'ConditionalAccessAudiences',
        'FederatedCredentialId',
        'GlobalSecureAccessIpAddress',
        'HomeTenantName',
        'IncomingTokenType',
        'IsTenantRestricted',
        'IsThroughGlobalSecureAccess',
        'OriginalTransferMethod',
        'ResourceOwnerTenantId',
        'SessionId',
        'TokenProtectionStatusDetails',
      ],
      onlyGenerated: [],
      types: [],
    },
    // From Azure-Sentinel's validation schemas, which leave out the billing columns.
    AADRiskyUsers: { onlyCurated: [], onlyGenerated: ['_BilledSize', '_IsBillable'], types: [] },
    AADUserRiskEvents: {
      onlyCurated: [],
      onlyGenerated: ['_BilledSize', '_IsBillable'],
      types: [],
    },
  };

  it.each(TABLE_FILES.map((f) => f.name))('%s', (name) => {
    const curated = knownTable(name)!;
    const entry = generated.tables[name];
    expect(entry, `${name} is in the generated catalog too`).toBeDefined();
    const gen = new Map(entry!.columns.split(',').map((p) => p.split(':') as [string, string]));
    const cur = new Map(curated.columns.map((c) => [c.name, c.type as string]));
    const actual = {
      onlyCurated: [...cur.keys()].filter((c) => !gen.has(c)),
      onlyGenerated: [...gen.keys()].filter((c) => !cur.has(c)),
      types: [...cur]
        .filter(([c, t]) => gen.has(c) && gen.get(c) !== t)
        .map(([c, t]) => `${c}: ${t} / ${gen.get(c)}`),
    };
    expect(actual).toEqual(EXPECTED[name] ?? { onlyCurated: [], onlyGenerated: [], types: [] });
  });
});

describe('suggestions for an unknown table', () => {
  it('counts edits, swaps included, and gives up past the bound', () => {
    expect(editDistance('signinlog', 'signinlogs', 3)).toBe(1);
    expect(editDistance('sigin', 'signi', 3)).toBe(1);
    expect(editDistance('abc', 'xyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  it.each([
    ['SigninLog', ['SigninLogs']],
    ['signinlogs', ['SigninLogs']],
    ['AuditLog', ['AuditLogs']],
    ['OfficeActivty', ['OfficeActivity']],
    ['CommonSecurityLogs', ['CommonSecurityLog']],
    ['AADNonInteractive', ['AADNonInteractiveUserSignInLogs']],
    ['Sysog', ['Syslog']],
  ])('%s → %j first', (name, best) => {
    expect(closestTables(name).slice(0, best.length)).toEqual(best);
  });

  it('suggests nothing for a name like no table, and at most three', () => {
    expect(closestTables('Zzqxv')).toEqual([]);
    expect(closestTables('Device').length).toBeLessThanOrEqual(3);
  });

  it("also suggests the analyst's own tables", () => {
    expect(closestNames('MyExport', ['MyExports_CL', 'SigninLogs'])).toEqual(['MyExports_CL']);
    expect(closestTables('MyCustomTabel_CL', ['MyCustomTable_CL'])).toEqual(['MyCustomTable_CL']);
  });
});

describe('searching the catalog', () => {
  it('puts the table named first, then tables whose name contains the text, then tables with such a column', () => {
    const r = searchCatalog('SigninLogs');
    expect(r.matches[0]!.table).toBe('SigninLogs');
    expect(r.matches[0]!.nameMatches).toBe(true);
    expect(r.matches[0]!.columns.length).toBe(knownTable('SigninLogs')!.columns.length);
    expect(r.matches[0]!.provenance.origin).toBe('curated');
  });

  it('finds tables by a column, listing the matching columns', () => {
    const r = searchCatalog('userprincipalname', 500);
    const names = r.matches.map((m) => m.table);
    expect(names).toContain('SigninLogs');
    expect(names).toContain('BehaviorAnalytics');
    expect(names).toContain('AADRiskyUsers');
    const signin = r.matches.find((m) => m.table === 'SigninLogs')!;
    expect(signin.nameMatches).toBe(false);
    expect(signin.matchingColumns).toEqual(['UserPrincipalName']);
    expect(r.total).toBe(r.matches.length);
  });

  it('says how many match when it shows fewer, and lists every table for an empty query', () => {
    const all = searchCatalog('', 10);
    expect(all.matches.length).toBe(10);
    expect(all.total).toBe(knownTableNames().length);
    expect(all.tableCount).toBe(knownTableNames().length);
    const none = searchCatalog('zzqxvnotacolumn');
    expect(none.total).toBe(0);
    expect(searchCatalog('x'.repeat(10_000)).total).toBe(0);
  });
});
