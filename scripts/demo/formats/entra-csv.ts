/**
 * The Entra admin center's sign-in download (Sign-in logs → Download → CSV): display-name headers
 * (two with a trailing space, one with a double space, "Incoming token type" twice), a UTF-8 BOM,
 * times ISO-8601 to the second, Location as "City, State, Country", Status Success/Failure. The
 * header is the one a community parser checks verbatim; the non-interactive download has the same
 * header (docs/ingest.md, "Entra CSV").
 */
import type { SignIn } from '../model.ts';
import { isoSeconds } from '../time.ts';

export const ENTRA_HEADER = [
  'Date (UTC)',
  'Request ID',
  'User agent',
  'Correlation ID',
  'User ID',
  'User',
  'Username',
  'User type',
  'Cross tenant access type',
  'Incoming token type',
  'Authentication Protocol',
  'Unique token identifier',
  'Original transfer method',
  'Client credential type',
  'Token Protection - Sign In Session',
  'Token Protection - Sign In Session StatusCode',
  'Application',
  'Application ID ',
  'Resource',
  'Resource ID ',
  'Resource tenant ID',
  'Home tenant ID',
  'Home tenant name',
  'IP address',
  'Location',
  'Status',
  'Sign-in error code',
  'Failure reason',
  'Client app',
  'Device ID',
  'Browser',
  'Operating System',
  'Compliant',
  'Managed',
  'Join Type',
  'Multifactor authentication result',
  'Multifactor authentication auth method',
  'Multifactor authentication auth detail',
  'Authentication requirement',
  'Sign-in identifier',
  'Session ID',
  'IP address (seen by resource)',
  'Through Global Secure Access',
  'Global Secure Access IP address',
  'Autonomous system  number',
  'Flagged for review',
  'Token issuer type',
  'Incoming token type',
  'Token issuer name',
  'Latency',
  'Conditional Access',
  'Managed Identity type',
  'Associated Resource Id',
  'Federated Token Id',
  'Federated Token Issuer',
] as const;

const CA_TEXT = { success: 'Success', failure: 'Failure', notApplied: 'Not Applied' } as const;

function entraRow(s: SignIn, tenantId: string): string[] {
  const p = s.network.place;
  const mfa = s.authenticationDetails.find((a) => a.requirement === 'Multi-factor authentication');
  return [
    isoSeconds(s.created),
    s.id,
    s.userAgent,
    s.correlationId,
    s.user.id,
    s.user.displayName,
    s.upn,
    'Member',
    'none',
    'none',
    s.authenticationProtocol,
    s.uniqueTokenId,
    s.originalTransferMethod,
    'none',
    s.device.deviceId ? 'Bound' : 'Unbound',
    s.device.deviceId ? '0' : '1002',
    s.app.name,
    s.app.id,
    s.resource.name,
    s.resource.id,
    tenantId,
    tenantId,
    '',
    s.network.ip,
    `${p.city}, ${p.state}, ${p.countryOrRegion}`,
    s.errorCode === 0 ? 'Success' : 'Failure',
    String(s.errorCode),
    s.errorCode === 0 ? 'Other.' : s.failureReason,
    s.clientAppUsed,
    s.device.deviceId,
    s.device.browser,
    s.device.operatingSystem,
    String(s.device.isCompliant),
    String(s.device.isManaged),
    s.device.trustType ?? '',
    mfa ? mfa.resultDetail : '',
    mfa ? mfa.method : '',
    '',
    s.authenticationRequirement,
    s.interactive ? s.upn : '',
    s.sessionId,
    '',
    'false',
    '',
    String(s.network.asn),
    'false',
    'AzureAD',
    s.incomingTokenType,
    '',
    String(s.processingTimeMs),
    CA_TEXT[s.conditionalAccessStatus],
    '',
    '',
    '',
    '',
  ];
}

/** `InteractiveSignIns_<from>_<to>.csv` / `NonInteractiveSignIns_<from>_<to>.csv`: BOM, CRLF, every field quoted as the portal writes it. */
export function entraCsv(signIns: readonly SignIn[], tenantId: string): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [
    ENTRA_HEADER.map(quote).join(','),
    ...signIns.map((s) => entraRow(s, tenantId).map(quote).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
