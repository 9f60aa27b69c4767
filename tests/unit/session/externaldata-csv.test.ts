/**
 * externaldata over a supplied delimited-text file reads it as Kusto does: by position, the first
 * record being data unless `ignoreFirstRecord=true` (Kusto docs, externaldata-operator.md). The
 * published Microsoft.OAuth.KnownApplications.csv has no header row; Log4j_IOC_List.csv has one,
 * and its rule says ignoreFirstRecord=True.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';

const URL_NO_HEADER = 'https://example.test/known-apps.csv';
const URL_HEADER = 'https://example.test/iocs.csv';
const bytes = (s: string) => new TextEncoder().encode(s);

let session: LoupeSession;

beforeAll(async () => {
  session = await createNodeSession();
  const apps = await session.load(
    {
      name: 'known-apps.csv',
      bytes: bytes('\uFEFF11111111-aaaa,Contoso Expenses\n22222222-bbbb,Fabrikam CRM\n'),
    },
    { table: 'externaldata_known_apps' },
  );
  session.useExternalData(URL_NO_HEADER, apps.name);
  const iocs = await session.load(
    { name: 'iocs.csv', bytes: bytes('IPAddress,Seen\n203.0.113.7,3\n198.51.100.9,12\n') },
    { table: 'externaldata_iocs' },
  );
  session.useExternalData(URL_HEADER, iocs.name);
}, 60_000);
afterAll(() => session?.close());

async function rows(kql: string) {
  const r = await session.run(kql, 'kql');
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
}

describe('externaldata over a supplied CSV', () => {
  it('without ignoreFirstRecord the first line is a row, and columns are matched by position, not by name', async () => {
    expect(
      await rows(
        `externaldata(knownAppClientId:string, knownAppDisplayName:string)["${URL_NO_HEADER}"] with (format="csv") | order by knownAppClientId asc`,
      ),
    ).toEqual([
      { knownAppClientId: '11111111-aaaa', knownAppDisplayName: 'Contoso Expenses' },
      { knownAppClientId: '22222222-bbbb', knownAppDisplayName: 'Fabrikam CRM' },
    ]);
  });

  it('ignoreFirstRecord=True skips the header line; declared types convert each field, extra declared columns are empty', async () => {
    expect(
      await rows(
        `externaldata(Address:string, Count:long, Note:string)["${URL_HEADER}"] with (format="csv", ignoreFirstRecord=True) | order by Count asc`,
      ),
    ).toEqual([
      { Address: '203.0.113.7', Count: 3, Note: '' },
      { Address: '198.51.100.9', Count: 12, Note: '' },
    ]);
  });

  it('the header line read as data converts like any field: text in a long column is null', async () => {
    expect(
      await rows(
        `externaldata(Address:string, Count:long)["${URL_HEADER}"] | where isnull(Count) or Count > 10`,
      ),
    ).toEqual([
      { Address: 'IPAddress', Count: null },
      { Address: '198.51.100.9', Count: 12 },
    ]);
  });
});

describe('externaldata with several URLs', () => {
  it("reads every URL's file into one table (each file's first record per ignoreFirstRecord)", async () => {
    expect(
      await rows(
        `externaldata(A:string, B:string)["${URL_NO_HEADER}", "${URL_HEADER}"] with (format="csv", ignoreFirstRecord=True) | order by A asc | project A`,
      ),
    ).toEqual([{ A: '198.51.100.9' }, { A: '203.0.113.7' }, { A: '22222222-bbbb' }]);
  });

  it('names the first URL no file was supplied for', async () => {
    await expect(
      rows(
        `externaldata(A:string)["${URL_HEADER}", "https://example.test/missing.csv"] with (format="csv")`,
      ),
    ).rejects.toThrow('externaldata needs the data of "https://example.test/missing.csv"');
  });
});
