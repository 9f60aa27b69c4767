/**
 * A tiny GeoIP database in GeoLite2-City's record layout, over documentation ranges only
 * (RFC 5737 IPv4, RFC 3849 IPv6), built by the test MMDB writer: the places are those of the
 * Kusto page's examples, so the expected objects read like its documented results.
 */
import { cityRecord, writeMmdb, type MmdbOptions } from './mmdb-writer.ts';

export const SYDNEY = {
  country: 'Australia',
  state: 'New South Wales',
  city: 'Sydney',
  latitude: -33.8715,
  longitude: 151.2006,
};
export const BOCA_RATON = {
  country: 'United States',
  state: 'Florida',
  city: 'Boca Raton',
  latitude: 26.3594,
  longitude: -80.0771,
};
/** A network whose record knows only the country (as many GeoLite2 records do). */
export const COUNTRY_ONLY = { country: 'Testland' };

/** 192.0.2.0/24 → Sydney; 198.51.100.0/25 → country only; 2001:db8::/32 → Boca Raton (203.0.113.0/24 is in no network). */
export function testGeoIpDatabase(options: MmdbOptions = {}): Uint8Array {
  return writeMmdb(
    [
      { network: '192.0.2.0/24', data: cityRecord(SYDNEY) },
      { network: '198.51.100.0/25', data: cityRecord(COUNTRY_ONLY) },
      { network: '2001:db8::/32', data: cityRecord(BOCA_RATON) },
    ],
    { databaseType: 'GeoLite2-City', buildEpoch: 1_764_806_400, ...options },
  );
}
