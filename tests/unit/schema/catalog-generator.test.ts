/**
 * The schema catalog's generator (scripts/catalog/): reading Microsoft's table reference and
 * Azure-Sentinel's CustomTables, merging them with the reference winning, and writing the same
 * bytes for the same sources. The last test regenerates the committed catalog from the real
 * sources: the reference's git history (a local clone) and the committed CustomTables extract.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  disagreements,
  serializeCatalog,
} from '../../../scripts/catalog/build-catalog.ts';
import type { FileTree } from '../../../scripts/catalog/file-tree.ts';
import {
  CATALOG_FILE,
  DEFAULT_EXTRACT,
  generate,
  PROVENANCE_FILE,
  readSentinel,
  referenceTree,
} from '../../../scripts/catalog/generate.ts';
import type { SourceRead } from '../../../scripts/catalog/model.ts';
import { columnRows, readReference } from '../../../scripts/catalog/reference-source.ts';
import {
  customTables,
  parseCustomTablesJson,
  parseExtract,
  writeExtract,
} from '../../../scripts/catalog/sentinel-source.ts';

const COMMIT = 'bea53845fef94ad4f1887d306e6618a34efefc01';

/** An in-memory repository: path → text. */
function tree(files: Record<string, string>, commit = COMMIT): FileTree {
  return {
    commit,
    list: (dir) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .sort(),
    read: (p) => {
      const t = files[p];
      if (t === undefined) throw new Error(`no file ${p}`);
      return t;
    },
  };
}

const T = 'azure-monitor-ref/tables';
const page = (title: string, include?: string) =>
  `---\ntitle: Azure Monitor Logs reference - ${title}\n---\n\n# ${title}\n\n## Columns\n\n${include ? `[!INCLUDE [x](./includes/${include})]\n` : ''}`;
const include = (custom: string, rows: string) =>
  `---\nms.topic: include\nms.custom: ${custom}\n---\n\n\n| Column | Type | Description |\n|---|---|---|\n${rows}`;

const REFERENCE = tree({
  [`${T}/signinlogs.md`]: page('SigninLogs', 'signinlogs-include.md'),
  [`${T}/includes/signinlogs-include.md`]: include(
    'SigninLogs',
    '| AppId | string | The app. |\n| TimeGenerated | datetime |   |\n| Type | string |   |\n| DurationMs | long |   |\n',
  ),
  // Columns on the page itself, .NET spellings, and a column the page leaves untyped on purpose.
  [`${T}/azurediagnostics.md`]: `# AzureDiagnostics\n\n| Column 1 | Column 2 |\n|---|---|\n| a | b |\n\n## Columns\n\n|Column|Type|Description|\n|---|---|---|\n|ActivityId_g|Guid||\n|AdditionalFields|||\n|DurationMs|BigInt||\n|TimeGenerated|DateTime||\n|TenantId|String||\n|Type|String||\n`,
  // An index page and a per-resource page: tables of tables, no columns.
  [`${T}/tables-index.md`]:
    '# Tables index\n\n| Table | Categories |\n|---|---|\n| SigninLogs | Security |\n',
  [`${T}/microsoft-aadiam_tenants.md`]: page(
    'Tables for microsoft.aadiam/tenants',
    'microsoft-aadiam_tenants-include.md',
  ),
  [`${T}/includes/microsoft-aadiam_tenants-include.md`]:
    '| Table | Categories |\n|---|---|\n| SigninLogs | x |\n',
  // An include no page names: the table is its ms.custom.
  [`${T}/includes/securityalert-include.md`]: include(
    'SecurityAlert',
    '| AlertName | string |   |\n| TimeGenerated | datetime |   |\n| Type | string |   |\n| TenantId | string |   |\n',
  ),
  // A stray copy of another table's include (azurediagnostics-include.md documents AzureDevOpsAuditing).
  [`${T}/includes/stray-include.md`]: include('SigninLogs', '| AppId | string |   |\n'),
});

describe('reading the Azure Monitor table reference', () => {
  it('reads a markdown column table, skipping the separator row and stopping at the first non-table line', () => {
    expect(
      columnRows(
        'intro\n| Column | Type | Description |\n|---|---|---|\n| A | string | x |\n| B | int |   |\nafter\n| C | real | |',
      ),
    ).toEqual([
      { name: 'A', type: 'string', line: 4 },
      { name: 'B', type: 'int', line: 5 },
    ]);
    expect(columnRows('| Table | Categories |\n|---|---|\n| A | b |')).toBeUndefined();
  });

  it('names a table by its page title, reads columns from the page or its include, and names an include without a page by ms.custom', () => {
    const r = readReference(REFERENCE);
    expect(r.tables.map((t) => t.name)).toEqual([
      'AzureDiagnostics',
      'SecurityAlert',
      'SigninLogs',
    ]);
    const signin = r.tables.find((t) => t.name === 'SigninLogs')!;
    expect(signin.path).toBe(`${T}/includes/signinlogs-include.md`);
    expect(signin.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'AppId:string',
      'TimeGenerated:datetime',
      'Type:string',
      'DurationMs:long',
    ]);
    const diag = r.tables.find((t) => t.name === 'AzureDiagnostics')!;
    expect(diag.path).toBe(`${T}/azurediagnostics.md`);
    expect(diag.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'ActivityId_g:guid',
      'AdditionalFields:dynamic',
      'DurationMs:long',
      'TimeGenerated:datetime',
      'TenantId:string',
      'Type:string',
    ]);
    expect(diag.notes.join()).toMatch(/AdditionalFields is typed dynamic: .*dynamic property bag/);
    expect(r.tables.find((t) => t.name === 'SecurityAlert')!.notes.join()).toMatch(/ms\.custom/);
    expect(r.notes).toEqual([
      expect.stringMatching(
        /stray-include\.md is not included by any page and documents SigninLogs .* skipped/,
      ),
    ]);
    expect(r.commit).toBe(COMMIT);
  });

  it('stops on a column with no type it has not been told about, and on a type spelling it does not know', () => {
    const untyped = tree({
      [`${T}/x.md`]: page('X', 'x-include.md'),
      [`${T}/includes/x-include.md`]: include('X', '| A |  |   |\n'),
    });
    expect(() => readReference(untyped)).toThrow(
      `${T}/includes/x-include.md:9: column A of X has no type`,
    );
    const unknown = tree({
      [`${T}/x.md`]: page('X', 'x-include.md'),
      [`${T}/includes/x-include.md`]: include('X', '| A | varchar |   |\n'),
    });
    expect(() => readReference(unknown)).toThrow(/x-include\.md:9: unknown column type "varchar"/);
  });
});

describe('reading Azure-Sentinel CustomTables', () => {
  it('reads both spellings of the keys and keeps each type as written', () => {
    const f = parseCustomTablesJson(
      'A_CL.json',
      COMMIT,
      '\uFEFF{ "name": "A_CL", "properties": [ { "Name": "TimeGenerated", "Type": "DateTime" }, { "name": "n_d", "type": "Double" } ] }',
    );
    expect(f).toEqual({
      file: 'A_CL.json',
      commit: COMMIT,
      declaredName: 'A_CL',
      columns: [
        { name: 'TimeGenerated', type: 'DateTime' },
        { name: 'n_d', type: 'Double' },
      ],
    });
    expect(() => parseCustomTablesJson('B.json', COMMIT, '{ "Name": "B" }')).toThrow(
      'B.json: expected { "Name": …, "Properties": [ … ] }',
    );
    expect(() => parseCustomTablesJson('C.json', COMMIT, '{ "Name": ')).toThrow(
      /C\.json: not JSON/,
    );
  });

  it('skips columns that are no column name and repeated columns, saying so', () => {
    const r = customTables([
      {
        file: 'Duo_CL.json',
        commit: COMMIT,
        declaredName: 'Duo_CL',
        columns: [
          { name: 'TimeGenerated', type: 'DateTime' },
          { name: 'isotimestamp_t [UTC]', type: 'String' },
          { name: 'Type', type: 'String' },
          { name: 'Type', type: 'String' },
        ],
      },
    ]);
    expect(r.tables[0]!.columns.map((c) => c.name)).toEqual(['TimeGenerated', 'Type']);
    expect(r.tables[0]!.notes).toEqual([
      'column "isotimestamp_t [UTC]" is not a column name, skipped',
      'Type is listed twice; the first is kept',
    ]);
  });

  it('writes and reads back the committed extract', () => {
    const files = [
      {
        file: 'B_CL.json',
        commit: COMMIT,
        declaredName: 'B_CL ',
        columns: [{ name: 'x', type: 'SByte' }],
      },
      {
        file: 'A.json',
        commit: COMMIT,
        declaredName: 'A_CL',
        columns: [
          { name: 'TimeGenerated', type: 'Datetime' },
          { name: 'y', type: 'Object' },
        ],
      },
    ];
    const text = writeExtract(files, ['test extract']);
    expect(text.split('\n')[0]).toBe('# test extract');
    expect(parseExtract(text, 'x.tsv')).toEqual([files[1], files[0]]);
    expect(() =>
      writeExtract(
        [
          {
            file: 'C.json',
            commit: COMMIT,
            declaredName: 'C',
            columns: [{ name: 'a,b', type: 'String' }],
          },
        ],
        [],
      ),
    ).toThrow(/cannot be written/);
    expect(() => parseExtract('A.json\tnot-a-commit\tA\tx:String\n', 'x.tsv')).toThrow(
      'x.tsv:1: "not-a-commit" is not a commit',
    );
  });
});

function sentinel(...files: Parameters<typeof customTables>[0]): SourceRead {
  return customTables(files);
}

describe('merging the sources', () => {
  const reference = readReference(REFERENCE);

  it('keeps the reference where both have a table, and notes what the validation schema says differently', () => {
    const doc = buildCatalog({
      reference,
      sentinel: sentinel(
        // Partial: 1 of the reference's columns, typed differently.
        {
          file: 'SigninLogs.json',
          commit: COMMIT,
          declaredName: 'SigninLogs',
          columns: [{ name: 'DurationMs', type: 'Int' }],
        },
        // Misnamed inside, with a column the reference lacks.
        {
          file: 'SecurityAlert.json',
          commit: COMMIT,
          declaredName: 'Malware_data_CL',
          columns: [
            { name: 'AlertName', type: 'String' },
            { name: 'Extra', type: 'String' },
          ],
        },
      ),
      generator: 'test',
    });
    expect(doc.tables['SigninLogs']!.source).toBe('azure-monitor-reference');
    expect(doc.tables['SigninLogs']!.notes).toEqual([
      'TenantId (string) appended: a standard column of every Log Analytics table that this source does not list',
      expect.stringMatching(
        /SigninLogs\.json \(bea53845fe\) is partial: it lists 1 of the reference's 5 columns/,
      ),
      expect.stringMatching(/types differently: DurationMs Int \(reference: long\)/),
    ]);
    expect(doc.tables['SecurityAlert']!.notes).toEqual([
      "named by its include's ms.custom: the reference has no page for it at this commit",
      expect.stringMatching(
        /SecurityAlert\.json \(bea53845fe\) declares its table as "Malware_data_CL"/,
      ),
      expect.stringMatching(/has columns the reference does not: Extra/),
      expect.stringMatching(/lacks 3 of the reference's columns: TimeGenerated, Type, TenantId/),
    ]);
    expect(doc.tables['Malware_data_CL']).toBeUndefined();
  });

  it("completes a reference page that lists no TimeGenerated (partial) with the validation schema's columns, then the standard ones", () => {
    const partial = {
      name: 'AzureDiagnostics',
      source: 'azure-monitor-reference' as const,
      path: 'azure-monitor-ref/tables/azurediagnostics.md',
      commit: COMMIT,
      notes: [],
      columns: [{ name: 'Category', type: 'string' as const, spelling: 'string' }],
    };
    const doc = buildCatalog({
      reference: { ...reference, tables: [...reference.tables, partial] },
      sentinel: sentinel(
        {
          file: 'AzureDiagnostics.json',
          commit: COMMIT,
          declaredName: 'AzureDiagnostics',
          columns: [
            { name: 'TimeGenerated', type: 'DateTime' },
            { name: 'Category', type: 'Int' },
            { name: 'userAgent_s', type: 'String' },
          ],
        },
        // A complete page (it lists TimeGenerated) keeps its own columns: the extra one is only a note.
        {
          file: 'SigninLogs.json',
          commit: COMMIT,
          declaredName: 'SigninLogs',
          columns: [{ name: 'Extra_s', type: 'String' }],
        },
      ),
      generator: 'test',
    });
    const columns = (name: string) => doc.tables[name]!.columns.split(',');
    // The page's type wins where both list a column; the page's order first.
    expect(columns('AzureDiagnostics')).toEqual([
      'Category:string',
      'TimeGenerated:datetime',
      'userAgent_s:string',
      'TenantId:string',
      'Type:string',
    ]);
    expect(doc.tables['AzureDiagnostics']!.notes).toContainEqual(
      expect.stringMatching(
        /^2 column\(s\) appended from Azure-Sentinel .*AzureDiagnostics\.json .*lists no TimeGenerated/,
      ),
    );
    expect(columns('SigninLogs')).not.toContain('Extra_s:string');
  });

  it("adds the tables the reference lacks; a file declaring another name gives the declared table; standard columns are Log Analytics'", () => {
    const doc = buildCatalog({
      reference,
      sentinel: sentinel(
        {
          file: 'AADUserInfo.json',
          commit: COMMIT,
          declaredName: 'AADUserInfo_CL',
          columns: [
            { name: 'TimeGenerated', type: 'DateTime' },
            { name: 'Mail_s', type: 'String' },
          ],
        },
        {
          file: 'GCP_DNS_CL.json',
          commit: COMMIT,
          declaredName: 'GCP_DNS_CL',
          columns: [
            { name: 'TimeGenerated', type: 'String' },
            { name: 'TenantId', type: 'String' },
            { name: 'Type', type: 'String' },
          ],
        },
        {
          file: 'AADSignInEventsBeta.json',
          commit: COMMIT,
          declaredName: 'AADSignInEventsBeta',
          columns: [{ name: 'Timestamp', type: 'datetime' }],
        },
        {
          file: 'signinlogs.json',
          commit: COMMIT,
          declaredName: 'signinlogs',
          columns: [{ name: 'A', type: 'String' }],
        },
      ),
      generator: 'test',
    });
    expect(doc.tables['AADUserInfo_CL']).toEqual({
      source: 'azure-sentinel-validation',
      path: '.script/tests/KqlvalidationsTests/CustomTables/AADUserInfo.json',
      commit: COMMIT,
      columns: 'TimeGenerated:datetime,Mail_s:string,TenantId:string,Type:string',
      notes: [
        'named as the file declares it; the file is AADUserInfo.json',
        expect.stringMatching(/^TenantId \(string\), Type \(string\) appended/),
      ],
    });
    expect(doc.tables['AADUserInfo']).toBeUndefined();
    expect(doc.tables['GCP_DNS_CL']!.columns).toBe(
      'TimeGenerated:datetime,TenantId:string,Type:string',
    );
    expect(doc.tables['GCP_DNS_CL']!.notes).toEqual([
      'TimeGenerated is typed String here; Log Analytics types it datetime, as the catalog does',
    ]);
    // No TimeGenerated: a Defender XDR table or a partial one; nothing is invented for it.
    expect(doc.tables['AADSignInEventsBeta']!.columns).toBe('Timestamp:datetime');
    // KQL names are case-sensitive: a case twin of a reference table is a misspelling, not a table.
    expect(doc.tables['signinlogs']).toBeUndefined();
    expect(doc.sources['azure-sentinel-validation'].notes).toEqual([
      expect.stringMatching(
        /signinlogs\.json names signinlogs, which the reference spells SigninLogs: skipped/,
      ),
    ]);
  });

  it('writes the same bytes whatever order the sources list their tables in', () => {
    const files: Parameters<typeof customTables>[0] = [
      {
        file: 'B_CL.json',
        commit: COMMIT,
        declaredName: 'B_CL',
        columns: [{ name: 'TimeGenerated', type: 'DateTime' }],
      },
      {
        file: 'A_CL.json',
        commit: COMMIT,
        declaredName: 'A_CL',
        columns: [{ name: 'TimeGenerated', type: 'DateTime' }],
      },
    ];
    const one = serializeCatalog(
      buildCatalog({ reference, sentinel: customTables(files), generator: 'test' }),
    );
    const two = serializeCatalog(
      buildCatalog({
        reference: { ...reference, tables: [...reference.tables].reverse() },
        sentinel: customTables([...files].reverse()),
        generator: 'test',
      }),
    );
    expect(two).toBe(one);
    const parsed = JSON.parse(one) as { tables: Record<string, unknown> };
    expect(Object.keys(parsed.tables)).toEqual([
      'A_CL',
      'AzureDiagnostics',
      'B_CL',
      'SecurityAlert',
      'SigninLogs',
    ]);
  });

  it('says nothing when the validation schema agrees with the reference', () => {
    const signin = reference.tables.find((t) => t.name === 'SigninLogs')!;
    expect(
      disagreements(signin, { ...signin, source: 'azure-sentinel-validation', path: 'x.json' }),
    ).toEqual([]);
  });
});

/** Where this machine keeps a clone of MicrosoftDocs/azure-reference-other (its history holds the reference). */
const REFERENCE_REPO =
  process.env.LOUPE_AZURE_REFERENCE_REPO ??
  '/work/.mirror/MicrosoftDocs+azure-reference-other/repo';
const haveReference = existsSync(REFERENCE_REPO);

describe('the committed catalog', () => {
  it.skipIf(!haveReference)(
    'is what the generator writes from its sources, byte for byte, every time',
    () => {
      const run = () =>
        generate({
          reference: referenceTree(REFERENCE_REPO, 'e9a3e0686a^'),
          sentinel: readSentinel(DEFAULT_EXTRACT),
          referenceArg: 'e9a3e0686a^',
          sentinelArg: 'azure-sentinel-customtables.tsv',
        });
      const first = run();
      expect(run()).toEqual(first);
      expect(first.catalog).toBe(readFileSync(`src/schema/catalog/${CATALOG_FILE}`, 'utf8'));
      expect(first.provenance).toBe(readFileSync(`src/schema/catalog/${PROVENANCE_FILE}`, 'utf8'));
    },
    120_000,
  );

  it('reads every CustomTables file of the committed extract with a known type spelling', () => {
    const read = readSentinel(DEFAULT_EXTRACT);
    expect(read.tables.length).toBeGreaterThanOrEqual(27);
    for (const t of read.tables) expect(t.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
