import { describe, expect, it } from 'vitest';
import { decodeView, encodeView, type GridView } from '../../../src/ui/state/view-hash.ts';

describe('grid view in the URL hash', () => {
  it('round-trips a table view with sort and filters of every kind', () => {
    const v: GridView = {
      source: { kind: 'table', name: 'SigninLogs' },
      sort: { column: 'IP Address', direction: 'desc' },
      filters: [
        { kind: 'text', column: 'UserPrincipalName', contains: "o'brien & co #1" },
        { kind: 'number', column: 'ResultType', min: 1 },
        {
          kind: 'time',
          column: 'TimeGenerated',
          from: Date.UTC(2026, 5, 15, 16),
          to: Date.UTC(2026, 5, 15, 17),
        },
      ],
    };
    expect(decodeView(encodeView(v))).toEqual(v);
  });

  it('round-trips the hidden columns, and ignores a hide list that is not one of names', () => {
    const v: GridView = {
      source: { kind: 'table', name: 'SigninLogs' },
      sort: null,
      filters: [],
      hidden: ['TenantId', 'Odd, "name"'],
    };
    expect(decodeView(encodeView(v))).toEqual(v);
    expect(decodeView('#src=table&table=SigninLogs&hide=%5B1%2C%22TenantId%22%5D')?.hidden).toEqual(
      ['TenantId'],
    );
    expect(decodeView('#src=table&table=SigninLogs&hide=not-json')?.hidden).toBeUndefined();
    expect(encodeView({ ...v, hidden: [] })).not.toContain('hide=');
  });

  it('round-trips a query view', () => {
    const v: GridView = {
      source: { kind: 'kql', text: 'SigninLogs\n| where ResultType != 0' },
      sort: null,
      filters: [],
    };
    expect(decodeView(encodeView(v))).toEqual(v);
  });

  it('ignores malformed or hostile hashes', () => {
    expect(decodeView('')).toBeNull();
    expect(decodeView('#src=bogus&table=x')).toBeNull();
    const v = decodeView(
      '#src=table&table=T&sort=sideways:x&filters=' +
        encodeURIComponent(
          '[{"kind":"number","column":"a","min":"1; DROP"},{"kind":"text","column":"b","contains":"ok"}]',
        ),
    );
    expect(v).toEqual({
      source: { kind: 'table', name: 'T' },
      sort: null,
      filters: [{ kind: 'text', column: 'b', contains: 'ok' }],
    });
    expect(decodeView('#src=table&table=T&filters=%7Bnot json')?.filters).toEqual([]);
  });
});
