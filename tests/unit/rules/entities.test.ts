import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../src/rules/entities.ts';
import type { EntityMapping } from '../../../src/rules/rule.ts';

const account: EntityMapping = {
  entityType: 'Account',
  fieldMappings: [{ identifier: 'FullName', columnName: 'UserPrincipalName' }],
};
const ip: EntityMapping = {
  entityType: 'IP',
  fieldMappings: [{ identifier: 'Address', columnName: 'IPAddress' }],
};

describe('entity mapping', () => {
  it('takes entities from every row, de-duplicated, in row order (SingleAlert summarises all events)', () => {
    const rows = [
      { UserPrincipalName: 'a@x.com', IPAddress: '1.1.1.1' },
      { UserPrincipalName: 'b@x.com', IPAddress: '1.1.1.1' },
      { UserPrincipalName: 'a@x.com', IPAddress: '2.2.2.2' },
    ];
    expect(extractEntities(rows, [account, ip]).entities).toEqual([
      { type: 'Account', FullName: 'a@x.com' },
      { type: 'IP', Address: '1.1.1.1' },
      { type: 'Account', FullName: 'b@x.com' },
      { type: 'IP', Address: '2.2.2.2' },
    ]);
  });

  it('compares entities exactly: UPNs differing in case are two accounts', () => {
    const rows = [{ UserPrincipalName: 'Alice@x.com' }, { UserPrincipalName: 'alice@x.com' }];
    expect(extractEntities(rows, [account]).entities).toHaveLength(2);
  });

  it('drops empty identifiers, and a mapping whose values are all empty gives no entity', () => {
    const m: EntityMapping = {
      entityType: 'Account',
      fieldMappings: [
        { identifier: 'Name', columnName: 'Name' },
        { identifier: 'UPNSuffix', columnName: 'Suffix' },
        { identifier: 'AadUserId', columnName: 'Id' },
      ],
    };
    const r = extractEntities(
      [
        { Name: 'alice', Suffix: 'x.com', Id: '' },
        { Name: '', Suffix: '', Id: null },
        { IPAddress: 'no column' },
      ],
      [m],
    );
    expect(r.entities).toEqual([{ type: 'Account', Name: 'alice', UPNSuffix: 'x.com' }]);
    expect(r.dropped.mappingIssues).toBe(2);
  });

  it('an entity without a strong identifier of its type is not recognised (Account needs Name, FullName, Sid…)', () => {
    const m: EntityMapping = {
      entityType: 'Account',
      fieldMappings: [{ identifier: 'UPNSuffix', columnName: 'S' }],
    };
    expect(extractEntities([{ S: 'x.com' }], [m]).entities).toEqual([]);
  });

  it('drops the built-in Account names mapped through Name (ADMIN, SYSTEM, …), in any case', () => {
    const m: EntityMapping = {
      entityType: 'Account',
      fieldMappings: [{ identifier: 'Name', columnName: 'N' }],
    };
    const r = extractEntities(
      [{ N: 'SYSTEM' }, { N: 'Administrator' }, { N: 'local system' }, { N: 'alice' }],
      [m],
    );
    expect(r.entities).toEqual([{ type: 'Account', Name: 'alice' }]);
    expect(r.dropped.builtInAccounts).toBe(3);
  });

  it('keeps at most 500 entities per alert, divided equally across mappings (250 each for two)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      UserPrincipalName: `u${i}@x.com`,
      IPAddress: i < 100 ? `10.0.0.${i}` : '',
    }));
    const r = extractEntities(rows, [account, ip]);
    expect(r.entities.filter((e) => e.type === 'Account')).toHaveLength(250);
    expect(r.entities.filter((e) => e.type === 'IP')).toHaveLength(100);
    expect(r.dropped.overCap).toBe(150);
  });

  it('maps numbers, booleans and dynamic values as their KQL text', () => {
    const m: EntityMapping = {
      entityType: 'Process',
      fieldMappings: [{ identifier: 'ProcessId', columnName: 'P' }],
    };
    expect(extractEntities([{ P: 4242 }], [m]).entities).toEqual([
      { type: 'Process', ProcessId: '4242' },
    ]);
  });
});

describe('entity size limit', () => {
  it('stops adding entities once the Entities field would exceed 64 KB', () => {
    const m: EntityMapping = {
      entityType: 'URL',
      fieldMappings: [{ identifier: 'Url', columnName: 'U' }],
    };
    const rows = Array.from({ length: 200 }, (_, i) => ({
      U: `https://example.test/${i}/${'x'.repeat(1000)}`,
    }));
    const r = extractEntities(rows, [m]);
    expect(JSON.stringify(r.entities).length).toBeLessThanOrEqual(64 * 1024);
    expect(r.entities.length).toBeGreaterThan(50);
    expect(r.entities.length + r.dropped.overCap).toBe(200);
  });
});
