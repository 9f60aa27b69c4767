/**
 * geo_info_from_ip_address over a GeoIP database loaded into the engine (a tiny .mmdb built by the
 * test writer: tests/support/geoip-fixture.ts), and without one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import {
  decodeValue,
  GeoIpDatabase,
  installKqlRuntime,
  KqlError,
  translate,
  useGeoIpDatabase,
} from '../../../src/kql/index.ts';
import { lookupAddress } from '../../../src/kql/runtime/geoip.ts';
import {
  BOCA_RATON,
  COUNTRY_ONLY,
  SYDNEY,
  testGeoIpDatabase,
} from '../../support/geoip-fixture.ts';
import { writeMmdb, cityRecord } from '../../support/mmdb-writer.ts';

function run(engine: SqlEngine, kql: string, loaded = true): Record<string, unknown>[] {
  const t = translate(kql, { resolveTable: () => undefined, hasGeoIpDatabase: () => loaded });
  return engine
    .query(t.sql)
    .rows.map((row) =>
      Object.fromEntries(t.columns.map((c, i) => [c.name, decodeValue(row[i], c.type)])),
    );
}

describe('geo_info_from_ip_address', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    installKqlRuntime(engine);
    useGeoIpDatabase(engine, GeoIpDatabase.open('test-city.mmdb', testGeoIpDatabase()));
  });

  it('reads the metadata: type, build date, tree nodes, IP version', () => {
    const db = GeoIpDatabase.open('test-city.mmdb', testGeoIpDatabase());
    expect(db.info).toMatchObject({
      file: 'test-city.mmdb',
      databaseType: 'GeoLite2-City',
      buildDate: '2025-12-04T00:00:00.000Z',
      ipVersion: 6,
      description: 'Loupe test database (documentation ranges)',
    });
    expect(db.info.nodeCount).toBeGreaterThan(96);
  });

  it('an IPv4 address in a network gives its country, state, city, latitude and longitude', () => {
    expect(run(engine, "print ip_location = geo_info_from_ip_address('192.0.2.77')")).toEqual([
      { ip_location: SYDNEY },
    ]);
  });

  it('an IPv6 address (compressed, full, uppercase) finds its network', () => {
    expect(
      run(
        engine,
        "print a = geo_info_from_ip_address('2001:db8:f12c:83:face:b00c::25de'), b = geo_info_from_ip_address('2001:0DB8:0000:0000:0000:0000:0000:0001'), c = tostring(geo_info_from_ip_address('2001:db8::1').city)",
      ),
    ).toEqual([{ a: BOCA_RATON, b: BOCA_RATON, c: 'Boca Raton' }]);
  });

  it('an IPv4 address written as IPv6 (::ffff:a.b.c.d in an IPv6 database under ::/96 as ::a.b.c.d) is found', () => {
    expect(run(engine, "print a = geo_info_from_ip_address('::192.0.2.1')")).toEqual([
      { a: SYDNEY },
    ]);
  });

  it('a record with only a country gives only the country; fields read with . are null where absent', () => {
    expect(
      run(
        engine,
        "let g = geo_info_from_ip_address('198.51.100.5'); print g = g, country = tostring(g.country), no_city = isnull(g.city)",
      ),
    ).toEqual([{ g: COUNTRY_ONLY, country: 'Testland', no_city: true }]);
  });

  it('an address in no network, and one just outside a network, give null', () => {
    expect(
      run(
        engine,
        "print a = isnull(geo_info_from_ip_address('203.0.113.9')), b = isnull(geo_info_from_ip_address('198.51.100.200')), c = isnull(geo_info_from_ip_address('2001:db9::1')), d = isnull(geo_info_from_ip_address('10.0.0.1'))",
      ),
    ).toEqual([{ a: true, b: true, c: true, d: true }]);
  });

  it('null, empty, and text that is not an address give null, never an error', () => {
    const hostile = [
      '',
      ' ',
      '192.0.2',
      '192.0.2.256',
      '192.0.2.1/24',
      '192.0.2.1.5',
      '1.2.3.4 ; drop table x',
      '::::',
      '2001:db8::1::2',
      '2001:db8:0:0:0:0:0:0:1',
      'fe80::1%eth0',
      '12345::',
      'gggg::1',
      '::ffff:999.1.1.1',
      '192.0.2.1'.repeat(100),
      '\u0000192.0.2.1',
      '１９２.0.2.1',
      '-1.0.0.0',
      '0x7f.0.0.1',
      'NaN',
      '💥',
    ];
    const cases = hostile.map(
      (h, i) =>
        `h${i} = isnull(geo_info_from_ip_address(${JSON.stringify(h).replace(/\\u0000/g, '\\0')}))`,
    );
    const [row] = run(
      engine,
      `print n = isnull(geo_info_from_ip_address(tostring(dynamic(null)))), ${cases.join(', ')}`,
    );
    expect(Object.values(row!).every((v) => v === true)).toBe(true);
  });

  it('reads addresses from a column, blanks around them ignored, and the same address twice', () => {
    expect(
      run(
        engine,
        "datatable(ip:string)['192.0.2.1', ' 2001:db8::5 ', '203.0.113.1', '192.0.2.1', ''] | extend city = tostring(geo_info_from_ip_address(ip).city) | project city",
      ),
    ).toEqual([
      { city: 'Sydney' },
      { city: 'Boca Raton' },
      { city: '' },
      { city: 'Sydney' },
      { city: '' },
    ]);
  });

  it('without a database loaded the call is refused at its position, with a typed detail naming what to load', () => {
    let caught: unknown;
    try {
      translate("print x = 1, g = geo_info_from_ip_address('192.0.2.1')", {
        resolveTable: () => undefined,
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KqlError);
    const e = caught as KqlError;
    expect(e.detail).toEqual({
      kind: 'geoip-needs-database',
      function: 'geo_info_from_ip_address',
    });
    expect(e.position).toMatchObject({ line: 1, column: 18 });
    expect(e.message).toMatch(/GeoIP database.*\.mmdb/);
  });

  it('the database belongs to its engine: another engine without one has nothing to look up', async () => {
    const other = await createNodeEngine();
    installKqlRuntime(other);
    const t = translate("print g = geo_info_from_ip_address('192.0.2.1')", {
      resolveTable: () => undefined,
      hasGeoIpDatabase: () => true,
    });
    expect(() => other.query(t.sql)).toThrow(/no GeoIP database is loaded/);
    expect(run(engine, "print c = tostring(geo_info_from_ip_address('192.0.2.1').city)")).toEqual([
      { c: 'Sydney' },
    ]);
    // Another database on the other engine: each engine reads its own.
    useGeoIpDatabase(
      other,
      GeoIpDatabase.open(
        'other.mmdb',
        writeMmdb([{ network: '192.0.2.0/24', data: cityRecord(BOCA_RATON) }]),
      ),
    );
    const city = "print c = tostring(geo_info_from_ip_address('192.0.2.1').city)";
    expect(run(other, city)).toEqual([{ c: 'Boca Raton' }]);
    expect(run(engine, city)).toEqual([{ c: 'Sydney' }]);
    useGeoIpDatabase(other, undefined);
    expect(() => other.query(t.sql)).toThrow(/no GeoIP database is loaded/);
    expect(run(engine, city)).toEqual([{ c: 'Sydney' }]);
    other.close();
  });

  it('an IPv4-only database (ip_version 4) finds IPv4 addresses, and IPv4-mapped IPv6 ones', async () => {
    const e4 = await createNodeEngine();
    installKqlRuntime(e4);
    useGeoIpDatabase(
      e4,
      GeoIpDatabase.open(
        'v4.mmdb',
        writeMmdb([{ network: '192.0.2.0/24', data: cityRecord(SYDNEY) }], {
          ipVersion: 4,
          recordSize: 32,
        }),
      ),
    );
    expect(
      run(
        e4,
        "print a = tostring(geo_info_from_ip_address('192.0.2.9').city), b = tostring(geo_info_from_ip_address('::ffff:192.0.2.9').city), c = isnull(geo_info_from_ip_address('2001:db8::1'))",
      ),
    ).toEqual([{ a: 'Sydney', b: 'Sydney', c: true }]);
    e4.close();
  });

  it('a file that is not a MaxMind DB is refused with its name', () => {
    expect(() => GeoIpDatabase.open('notes.txt', new TextEncoder().encode('hello'))).toThrow(
      /notes\.txt is not a MaxMind DB/,
    );
  });

  it('lookupAddress: canonical text for the reader', () => {
    expect(lookupAddress('2001:db8::1', 6)).toBe('2001:db8:0:0:0:0:0:1');
    expect(lookupAddress('::ffff:192.0.2.1', 6)).toBe('0:0:0:0:0:ffff:c000:201');
    expect(lookupAddress('::ffff:192.0.2.1', 4)).toBe('192.0.2.1');
    expect(lookupAddress('1:2:3:4:5:6:1.2.3.4', 6)).toBe('1:2:3:4:5:6:102:304');
    expect(lookupAddress('1:2:3:4:5:6:7:1.2.3.4', 6)).toBeUndefined();
  });
});
