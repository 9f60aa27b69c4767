/**
 * Watchlists through the session (issue 13): a CSV loaded under its alias is what
 * `_GetWatchlist('alias')` and the Watchlist table return, with the columns Sentinel exposes; an
 * alias nobody loaded reads as empty; a rule replays with them, unwindowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';

const enc = new TextEncoder();
const VIP =
  'User Principal Name,Title,Tier\r\nann@corp.local,CFO,"Critical, ""top"""\r\nbob@corp.local,Intern,Low\r\n';
const UPDATED = Date.parse('2026-01-02T03:04:05Z');
/** Two sign-ins, at 10:30 and 11:30 on 15 June 2026 (long after the watchlist's last update). */
const SIGNINS =
  'TimeGenerated,UserPrincipalName,IPAddress,ResultType\n2026-06-15T10:30:00Z,ann@corp.local,10.0.0.1,0\n2026-06-15T11:30:00Z,cy@corp.local,10.0.0.2,0\n';

let s: LoupeSession;
beforeAll(async () => {
  s = await createNodeSession();
  await s.load({ name: 'SigninLogs.csv', bytes: enc.encode(SIGNINS) });
  await s.loadWatchlist(
    { name: 'vip.csv', bytes: enc.encode(VIP) },
    { alias: 'VIP Users', lastUpdated: UPDATED },
  );
}, 60_000);
afterAll(() => s?.close());

async function rows(kql: string) {
  const r = await s.run(kql, 'kql');
  return {
    columns: r.columns.map((c) => `${c.name}:${c.type}`),
    rows: r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]]))),
  };
}

function failure(fn: () => unknown): LoupeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoupeError) return e;
    throw e;
  }
  throw new Error('expected a LoupeError');
}

describe('_GetWatchlist', () => {
  it("returns _DTItemId, LastUpdatedTimeUTC, SearchKey, WatchlistItem (a bag of the CSV's columns), then the CSV's own columns", async () => {
    const r = await rows(`_GetWatchlist('VIP Users') | order by SearchKey asc`);
    expect(r.columns).toEqual([
      '_DTItemId:string',
      'LastUpdatedTimeUTC:datetime',
      'SearchKey:string',
      'WatchlistItem:dynamic',
      'User Principal Name:string',
      'Title:string',
      'Tier:string',
    ]);
    expect(r.rows[0]).toMatchObject({
      LastUpdatedTimeUTC: '2026-01-02T03:04:05.000Z',
      SearchKey: 'ann@corp.local',
      WatchlistItem: {
        'User Principal Name': 'ann@corp.local',
        Title: 'CFO',
        Tier: 'Critical, "top"',
      },
      'User Principal Name': 'ann@corp.local',
      Tier: 'Critical, "top"',
    });
    expect(r.rows[0]!._DTItemId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(new Set(r.rows.map((x) => x._DTItemId)).size).toBe(2);
  });

  it('its second parameter keeps the items whose SearchKey is in it; the bag is read as any dynamic', async () => {
    expect(
      (
        await rows(
          `_GetWatchlist('VIP Users', dynamic(['bob@corp.local'])) | project SearchKey, t = tostring(WatchlistItem.Title)`,
        )
      ).rows,
    ).toEqual([{ SearchKey: 'bob@corp.local', t: 'Intern' }]);
  });

  it('an alias nobody loaded gives the fixed columns and no item, as in a workspace without it', async () => {
    const r = await rows(`_GetWatchlist('Nobody')`);
    expect(r.columns).toEqual([
      '_DTItemId:string',
      'LastUpdatedTimeUTC:datetime',
      'SearchKey:string',
      'WatchlistItem:dynamic',
    ]);
    expect(r.rows).toEqual([]);
  });

  it('the Watchlist table holds every item with its alias', async () => {
    const r = await rows(
      `Watchlist | project WatchlistAlias, SearchKey, _DTItemType, _DTItemStatus, TimeGenerated, t = tostring(WatchlistItem.Tier) | order by SearchKey asc`,
    );
    expect(r.rows).toEqual([
      {
        WatchlistAlias: 'VIP Users',
        SearchKey: 'ann@corp.local',
        _DTItemType: 'watchlist-item',
        _DTItemStatus: 'Create',
        TimeGenerated: '2026-01-02T03:04:05.000Z',
        t: 'Critical, "top"',
      },
      {
        WatchlistAlias: 'VIP Users',
        SearchKey: 'bob@corp.local',
        _DTItemType: 'watchlist-item',
        _DTItemStatus: 'Create',
        TimeGenerated: '2026-01-02T03:04:05.000Z',
        t: 'Low',
      },
    ]);
  });
});

describe('a rule with a watchlist', () => {
  const rule = (query: string) =>
    `id: 7d1f0c53-1f2b-4f2e-9a8c-000000000013\nname: VIP sign-ins\nseverity: High\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: |\n${query
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n`;

  it('replays with the watchlist read whole in every run (Sentinel ignores the time window for watchlists)', async () => {
    s.readRule(
      rule(
        `let vip = _GetWatchlist('VIP Users') | project SearchKey, Tier;\nSigninLogs\n| join kind=inner vip on $left.UserPrincipalName == $right.SearchKey\n| project TimeGenerated, UserPrincipalName, Tier`,
      ),
      'vip.yaml',
    );
    const report = await s.replay();
    expect(report.alerts).toHaveLength(1);
    expect(report.alerts[0]!.rows).toEqual([
      {
        TimeGenerated: '2026-06-15T10:30:00.000Z',
        UserPrincipalName: 'ann@corp.local',
        Tier: 'Critical, "top"',
      },
    ]);
    expect(report.snapshotTables).toContain('watchlist:VIP Users');
    expect(report.warnings ?? []).toEqual([]);
  });

  it('one reading an alias nobody loaded replays with it empty, and the report says so', async () => {
    s.readRule(
      rule(
        `SigninLogs\n| where UserPrincipalName in (_GetWatchlist('Leavers') | project SearchKey)`,
      ),
      'leavers.yaml',
    );
    const report = await s.replay();
    expect(report.alerts).toHaveLength(0);
    expect(report.warnings).toContainEqual(
      expect.stringContaining('the watchlist "Leavers" is not loaded'),
    );
  });

  it('one reading a column of an alias nobody loaded is refused: only the CSV says what its columns are', async () => {
    s.readRule(
      rule(
        `SigninLogs\n| join (_GetWatchlist('Leavers') | project UserPrincipalName = ['User Principal Name']) on UserPrincipalName`,
      ),
      'leavers.yaml',
    );
    const e = await s.replay().then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(LoupeError);
    expect((e as LoupeError).detail).toEqual({ kind: 'watchlist-needs-file', alias: 'Leavers' });
    expect((e as LoupeError).message).toContain('the watchlist "Leavers" is not loaded');
  });
});

describe('loading watchlists', () => {
  it('the SearchKey column can be chosen; a SearchKey column (an export of _GetWatchlist) is used as it is', async () => {
    const chosen = await s.loadWatchlist(
      { name: 'vip.csv', bytes: enc.encode(VIP) },
      { alias: 'ByTitle', searchKey: 'Title', lastUpdated: UPDATED },
    );
    expect(chosen.searchKey).toBe('Title');
    expect(
      (await rows(`_GetWatchlist('ByTitle') | project SearchKey | order by SearchKey asc`)).rows,
    ).toEqual([{ SearchKey: 'CFO' }, { SearchKey: 'Intern' }]);
    const exported = await s.loadWatchlist(
      {
        name: 'export.csv',
        bytes: enc.encode(
          '_DTItemId,LastUpdatedTimeUTC,SearchKey,WatchlistItem,Host,Owner\nx,2026-01-01,srv1,"{}",srv1,ann\n',
        ),
      },
      { alias: 'Servers', lastUpdated: UPDATED },
    );
    expect(exported).toMatchObject({
      searchKey: 'SearchKey',
      columns: ['Host', 'Owner'],
      items: 1,
    });
    expect(
      (
        await rows(
          `_GetWatchlist('Servers') | project SearchKey, Owner, o = tostring(WatchlistItem.Owner)`,
        )
      ).rows,
    ).toEqual([{ SearchKey: 'srv1', Owner: 'ann', o: 'ann' }]);
    s.dropWatchlist('ByTitle');
    s.dropWatchlist('Servers');
    expect(s.watchlists().map((w) => w.alias)).toEqual(['VIP Users']);
  });

  it('a search key the CSV lacks, or an empty alias, is refused and the loaded watchlists stay', async () => {
    const bad = await s
      .loadWatchlist(
        { name: 'vip.csv', bytes: enc.encode(VIP) },
        { alias: 'X', searchKey: 'Email', lastUpdated: UPDATED },
      )
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ stage: 'workspace', code: 'watchlist-search-key' });
    expect((bad as Error).message).toContain('User Principal Name, Title, Tier');
    expect(failure(() => s.dropWatchlist('X'))).toMatchObject({ code: 'unknown-watchlist' });
    await expect(
      s.loadWatchlist(
        { name: 'vip.csv', bytes: enc.encode(VIP) },
        { alias: ' ', lastUpdated: UPDATED },
      ),
    ).rejects.toMatchObject({ code: 'watchlist-alias' });
    expect(s.watchlists().map((w) => w.alias)).toEqual(['VIP Users']);
  });
});

describe('a saved function reading a watchlist through its default parameter', () => {
  it('calls _GetWatchlist with the default alias, and column_ifexists reads the CSV columns', async () => {
    const report = s.loadFunctions([
      {
        name: 'VipUsers.yaml',
        text: [
          'FunctionName: VipUsers',
          'FunctionParams:',
          '  - Name: alias',
          '    Type: string',
          "    Default: 'VIP Users'",
          'FunctionQuery: |',
          '  _GetWatchlist(alias)',
          "  | project Upn = tostring(column_ifexists('User Principal Name', '')), Tier",
        ].join('\n'),
      },
    ]);
    expect(report.errors).toEqual([]);
    expect((await rows('VipUsers() | order by Upn asc | project Upn')).rows).toEqual([
      { Upn: 'ann@corp.local' },
      { Upn: 'bob@corp.local' },
    ]);
    s.dropFunctionFile('VipUsers.yaml');
    expect(s.functions()).toEqual([]);
  });
});
