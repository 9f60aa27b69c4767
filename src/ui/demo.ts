/**
 * The bundled demo (static/demo/, see its README): a week of a generated tenant, Larkspur Freight,
 * as Log Analytics portal exports of five tables, telling a device-code phishing story; and the seed
 * rule. scripts/demo/ writes it. The three large exports are kept gzipped and handed to ingest as
 * they are (it unwraps gzip as a stream). Imported as data URLs into a chunk of its own, loaded only
 * when asked, so that it works the same in the hosted build and in the single file opened from
 * file:// (which cannot fetch).
 */
import nonInteractive from '../../static/demo/AADNonInteractiveUserSignInLogs.csv.gz?inline';
import signIns from '../../static/demo/SigninLogs.csv.gz?inline';
import audit from '../../static/demo/AuditLogs.csv.gz?inline';
import riskyUsers from '../../static/demo/AADRiskyUsers.csv?raw';
import riskEvents from '../../static/demo/AADUserRiskEvents.csv?raw';
import { SEED_RULE } from './seed-rule.ts';

/** The bytes of a `data:…;base64,` URL. */
function dataUrlBytes(url: string): Uint8Array<ArrayBuffer> {
  const base64 = url.slice(url.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function demoFiles(): File[] {
  const gz = (name: string, url: string) =>
    new File([dataUrlBytes(url)], name, { type: 'application/gzip' });
  const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
  return [
    gz('AADNonInteractiveUserSignInLogs.csv.gz', nonInteractive),
    gz('SigninLogs.csv.gz', signIns),
    gz('AuditLogs.csv.gz', audit),
    csv('AADRiskyUsers.csv', riskyUsers),
    csv('AADUserRiskEvents.csv', riskEvents),
  ];
}

export function seedRule(): { text: string; fileName: string } {
  return SEED_RULE;
}
