/** The KQL stage: translate KQL to DuckDB SQL, the runtime it needs, and result decoding. */
export { translate } from './translate.ts';
export { installKqlRuntime } from './runtime/index.ts';
export {
  GeoIpDatabase,
  geoIpDatabaseOf,
  hasGeoIpDatabase,
  useGeoIpDatabase,
  type GeoIpInfo,
} from './runtime/geoip.ts';
export { decodeValue } from './values.ts';
export { KqlError } from './errors.ts';
export { warmUpKqlFrontEnd } from './syntax/warm-up.ts';
export type {
  DiscoveryRequest,
  KqlErrorCode,
  KqlErrorInfo,
  TranslateOptions,
  Translation,
  TranslationStep,
} from './api.ts';
