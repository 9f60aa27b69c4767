/**
 * The session's GeoIP database (LoupeSession.loadGeoIpDatabase): loaded from bytes, described by
 * its metadata, read by geo_info_from_ip_address in console queries, replaced, and dropped (the
 * call is then refused with its typed detail, and a rule calling it needs a database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';
import { isLoupeError } from '../../../src/errors.ts';
import { testGeoIpDatabase, SYDNEY } from '../../support/geoip-fixture.ts';
import { cityRecord, writeMmdb } from '../../support/mmdb-writer.ts';

let session: LoupeSession;
beforeAll(async () => {
  session = await createNodeSession();
}, 60_000);
afterAll(() => session?.close());

async function rows(kql: string) {
  const r = await session.run(kql, 'kql');
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
}

const RULE = {
  name: 'geo.kql',
  text: "print City = tostring(geo_info_from_ip_address('192.0.2.1').city)",
};

describe('LoupeSession GeoIP database', () => {
  it('without one, a call is refused with detail geoip-needs-database and a rule needs one', () => {
    expect(session.geoIpDatabase()).toBeUndefined();
    let caught: unknown;
    try {
      session.translate(RULE.text);
    } catch (e) {
      caught = e;
    }
    expect(isLoupeError(caught) && caught.detail).toEqual({
      kind: 'geoip-needs-database',
      function: 'geo_info_from_ip_address',
    });
    const report = session.checkLibrary([RULE]);
    expect(report.results[0]).toMatchObject({
      status: 'needs',
      needs: [{ kind: 'geoip', function: 'geo_info_from_ip_address' }],
    });
  });

  it('loads one, says what it is, and queries read it; a rule calling it is ready', async () => {
    const info = await session.loadGeoIpDatabase({
      name: 'test-city.mmdb',
      bytes: testGeoIpDatabase(),
    });
    expect(info).toMatchObject({ file: 'test-city.mmdb', databaseType: 'GeoLite2-City' });
    expect(session.geoIpDatabase()).toEqual(info);
    const [row] = await rows(
      "print g = geo_info_from_ip_address('192.0.2.1'), none = geo_info_from_ip_address('203.0.113.1')",
    );
    expect(row!.g).toEqual(SYDNEY);
    expect(row!.none).toBeNull();
    expect(session.checkLibrary([RULE]).results[0]).toMatchObject({ status: 'ready' });
  });

  it('a second database replaces the first; dropping it leaves none', async () => {
    await session.loadGeoIpDatabase({
      name: 'other.mmdb',
      bytes: writeMmdb([{ network: '192.0.2.0/24', data: cityRecord({ city: 'Elsewhere' }) }]),
    });
    expect(session.geoIpDatabase()?.file).toBe('other.mmdb');
    expect(await rows(RULE.text)).toEqual([{ City: 'Elsewhere' }]);
    session.dropGeoIpDatabase();
    expect(session.geoIpDatabase()).toBeUndefined();
    expect(() => session.translate(RULE.text)).toThrow(/needs a GeoIP database/);
  });

  it('a file that is not a MaxMind DB is refused and the loaded one stays', async () => {
    await session.loadGeoIpDatabase({ name: 'a.mmdb', bytes: testGeoIpDatabase() });
    await expect(
      session.loadGeoIpDatabase({ name: 'b.mmdb', bytes: new Uint8Array(100) }),
    ).rejects.toThrow(/b\.mmdb is not a MaxMind DB/);
    expect(session.geoIpDatabase()?.file).toBe('a.mmdb');
  });
});
