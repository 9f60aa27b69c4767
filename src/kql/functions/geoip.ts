/**
 * `geo_info_from_ip_address(ip)`: where an address is, from a MaxMind DB (.mmdb) file the analyst
 * loaded into the session (GeoLite2-City or DB-IP's City Lite; runtime in ../runtime/geoip.ts).
 * Kusto ships MaxMind's GeoLite2 data inside the service; Loupe works offline and bundles none, so
 * without a loaded database the call is refused where it stands, with a typed detail
 * (`geoip-needs-database`) the front ends turn into "load a GeoIP database".
 */
import { toStringSql } from '../convert.ts';
import { GEO_INFO_FROM_IP_ADDRESS, GEOIP_VARIABLE } from '../runtime/geoip.ts';
import { expectType, type ScalarFunction } from './registry.ts';

export const GEOIP_FUNCTIONS: ScalarFunction[] = [
  {
    name: 'geo_info_from_ip_address',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => {
      if (!s.ctx.options.hasGeoIpDatabase?.())
        throw s.ctx.error(
          'unsupported',
          'geo_info_from_ip_address() needs a GeoIP database, and none is loaded: load a MaxMind DB (.mmdb) file such as GeoLite2-City or DB-IP City Lite (Loupe never downloads one)',
          s.span,
          { kind: 'geoip-needs-database', function: s.name },
        );
      const ip = toStringSql(expectType(a, 0, s, 'string', 'dynamic'));
      return {
        sql: GEO_INFO_FROM_IP_ADDRESS.call(ip, `getvariable('${GEOIP_VARIABLE}')`),
        type: 'dynamic',
      };
    },
  },
];
