/**
 * Synthetic exports for the ingest benchmark: a Log Analytics portal CSV of
 * AADNonInteractiveUserSignInLogs (21 columns, portal datetimes, JSON text cells quoted with
 * doubled quotes, ≈ 500 bytes a row) and the same records as NDJSON with Log Analytics names.
 * Written in streaming fashion so that a 1M-row file never sits in memory.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';

const START = Date.UTC(2026, 5, 1);
const APPS = [
  'Microsoft Office',
  'Microsoft Teams',
  'Outlook Mobile',
  'Azure Portal',
  'OneDrive SyncEngine',
];
const CITIES = [
  ['Seattle', 'Washington', 'US'],
  ['Lagos', 'Lagos', 'NG'],
  ['Berlin', 'Berlin', 'DE'],
  ['Sydney', 'New South Wales', 'AU'],
] as const;

export const CSV_HEADER = [
  'TimeGenerated [UTC]',
  'IPAddress',
  'UserPrincipalName',
  'UserDisplayName',
  'UserId',
  'AppDisplayName',
  'AppId',
  'ResultType',
  'ResultDescription',
  'DurationMs',
  'CreatedDateTime [UTC]',
  'IsInteractive',
  'Location',
  'LocationDetails',
  'DeviceDetail',
  'Status',
  'RiskLevelDuringSignIn',
  'UserAgent',
  'CorrelationId',
  'Id',
  'Type',
];

function portalTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}

function guid(i: number, salt: number): string {
  const a = Math.imul(i ^ salt, 2654435761);
  const b = Math.imul(i + salt, 40503);
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(a >>> 4, 3)}-8${hex(b >>> 3, 3)}-${hex(a ^ b, 8)}${hex(i, 4)}`;
}

export interface SignIn {
  readonly [column: string]: string | number | boolean;
}

export function record(i: number): SignIn {
  const t = START + i * 2_500 + (i % 997);
  const user = i % 500;
  const city = CITIES[(i * 7) % CITIES.length]!;
  const failed = i % 23 === 0;
  return {
    TimeGenerated: t,
    IPAddress: `203.0.${(i >> 8) & 255}.${i & 255}`,
    UserPrincipalName: `user${user}@corp.example`,
    UserDisplayName: `User ${user}`,
    UserId: guid(user, 7),
    AppDisplayName: APPS[i % APPS.length]!,
    AppId: guid(i % APPS.length, 11),
    ResultType: failed ? '50126' : '0',
    ResultDescription: failed ? 'Invalid username or password.' : '',
    DurationMs: 0,
    CreatedDateTime: t - 60_000,
    IsInteractive: false,
    Location: city[2],
    LocationDetails: JSON.stringify({ city: city[0], state: city[1], countryOrRegion: city[2] }),
    DeviceDetail: JSON.stringify({
      operatingSystem: i % 2 ? 'Windows10' : 'Ios',
      browser: 'Edge 18.26200',
    }),
    Status: JSON.stringify(
      failed
        ? { errorCode: 50126, failureReason: 'Invalid username or password.' }
        : { errorCode: 0 },
    ),
    RiskLevelDuringSignIn: i % 50 === 0 ? 'high' : 'none',
    UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0',
    CorrelationId: guid(i, 3),
    Id: guid(i, 5),
    Type: 'AADNonInteractiveUserSignInLogs',
  };
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

async function writeLines(
  path: string,
  rows: number,
  line: (i: number) => string,
  head?: string,
): Promise<void> {
  const out = createWriteStream(path);
  if (head !== undefined) out.write(head);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export async function writePortalCsv(path: string, rows: number): Promise<void> {
  const names = CSV_HEADER.map((h) => h.replace(' [UTC]', ''));
  await writeLines(
    path,
    rows,
    (i) => {
      const r = record(i);
      return (
        names
          .map((n) => {
            const v = r[n]!;
            if (n === 'TimeGenerated' || n === 'CreatedDateTime')
              return csvField(portalTime(v as number));
            return csvField(String(v));
          })
          .join(',') + '\n'
      );
    },
    '\uFEFF' + CSV_HEADER.join(',') + '\n',
  );
}

export async function writeNdjson(path: string, rows: number): Promise<void> {
  await writeLines(path, rows, (i) => {
    const r = record(i);
    return (
      JSON.stringify({
        ...r,
        TimeGenerated: new Date(r.TimeGenerated as number).toISOString(),
        CreatedDateTime: new Date(r.CreatedDateTime as number).toISOString(),
      }) + '\n'
    );
  });
}

/**
 * An AADRiskyUsers portal CSV for the seed rule over writePortalCsv's rows: six users flagged high
 * risk (atRisk) at times spread over the rows' span, so that a replay of the whole span fires a
 * few times (each flag lies in one hourly window, in which its user signs in 2–3 times).
 */
export function writeRiskyUsersCsv(path: string, rows: number): void {
  const span = rows * 2_500;
  const header =
    'TenantId,Id,IsDeleted,IsProcessing,RiskDetail,"RiskLastUpdatedDateTime [UTC]",RiskLevel,RiskState,UserDisplayName,UserPrincipalName,"TimeGenerated [UTC]",OperationName,CorrelationId,SourceSystem,Type';
  const lines = [1, 2, 3, 4, 5, 6].map((k) => {
    const t = START + Math.floor((span * k) / 7);
    const user = (k * 71) % 500;
    return [
      guid(1, 13),
      guid(user, 17),
      'false',
      'false',
      'none',
      csvField(portalTime(t - 300_000)),
      'high',
      'atRisk',
      `User ${user}`,
      `user${user}@corp.example`,
      csvField(portalTime(t)),
      'Risky user',
      guid(k, 19),
      'Azure AD',
      'AADRiskyUsers',
    ].join(',');
  });
  writeFileSync(path, '\uFEFF' + [header, ...lines].join('\n') + '\n');
}
