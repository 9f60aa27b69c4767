/**
 * The bundled demo (static/demo/, see its README): a real Log Analytics portal export telling a
 * device-code phishing story, a synthetic AADRiskyUsers export flagging the victim, and the seed
 * rule. Imported as text into a chunk of its own, loaded only when asked, so that it works the
 * same in the hosted build and in the single file opened from file:// (which cannot fetch).
 */
import nonInteractive from '../../static/demo/AADNonInteractiveUserSignInLogs.csv?raw';
import signins from '../../static/demo/SigninLogs.csv?raw';
import audit from '../../static/demo/AuditLogs.csv?raw';
import riskyUsers from '../../static/demo/AADRiskyUsers.csv?raw';
import { SEED_RULE } from './seed-rule.ts';

export function demoFiles(): File[] {
  const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
  return [
    csv('AADNonInteractiveUserSignInLogs.csv', nonInteractive),
    csv('SigninLogs.csv', signins),
    csv('AuditLogs.csv', audit),
    csv('AADRiskyUsers.csv', riskyUsers),
  ];
}

export function seedRule(): { text: string; fileName: string } {
  return SEED_RULE;
}
