/**
 * Entra admin center → Sign-in logs → Download → CSV (docs/sentinel-semantics.md §11 c). Its
 * columns are display names ("Date (UTC)", "Username", "IP address", "Location" as
 * "City, State, Country", …) with stray spaces and one duplicated name, and several Log Analytics
 * columns are objects assembled from a few of them (DeviceDetail, LocationDetails, Status). That is
 * a transformation, not a rename, so these files are read with papaparse in chunks and mapped in
 * JavaScript; every column the table reference does not know is kept under a PascalCase name.
 */
import Papa from 'papaparse';
import type { SqlEngine } from '../db/engine.ts';
import { ingestError } from './errors.ts';
import type { ReadControl } from './json-reader.ts';
import { offsetOfRecord, positionOfOffset } from './positions.ts';
import type { RawRelation } from './raw-relation.ts';
import { RecordSink } from './record-sink.ts';
import type { MappedField } from './record-shapes.ts';
import type { ByteSource } from './source.ts';
import { fileStem } from './table-name.ts';

/** A header as compared: trimmed, inner runs of spaces collapsed, lower case. */
export function headerKey(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Whether a CSV header is an Entra sign-in download. */
export function isEntraSignInHeader(header: readonly string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return keys.has('date (utc)') && (keys.has('request id') || keys.has('username'));
}

/** Download file names (COMMUNITY [S26] in the semantics document) → the Log Analytics table. */
const FILE_TABLES: readonly [RegExp, string][] = [
  [/^InteractiveSignIns(?!_AuthDetails)/i, 'SigninLogs'],
  [/^NonInteractiveSignIns(?!_AuthDetails)/i, 'AADNonInteractiveUserSignInLogs'],
  [/^ApplicationSignIns/i, 'AADServicePrincipalSignInLogs'],
  [/^MSISignIns/i, 'AADManagedIdentitySignInLogs'],
];

export function entraTableOfFile(fileName: string): string | undefined {
  const stem = fileStem(fileName);
  return FILE_TABLES.find(([re]) => re.test(stem))?.[1];
}

/** Plain renames: download header → Log Analytics column. */
const RENAMES: Readonly<Record<string, string>> = {
  'request id': 'Id',
  'user agent': 'UserAgent',
  'correlation id': 'CorrelationId',
  'user id': 'UserId',
  user: 'UserDisplayName',
  username: 'UserPrincipalName',
  'user type': 'UserType',
  'cross tenant access type': 'CrossTenantAccessType',
  'incoming token type': 'IncomingTokenType',
  'authentication protocol': 'AuthenticationProtocol',
  'unique token identifier': 'UniqueTokenIdentifier',
  'original transfer method': 'OriginalTransferMethod',
  'client credential type': 'ClientCredentialType',
  application: 'AppDisplayName',
  'application id': 'AppId',
  resource: 'ResourceDisplayName',
  'resource id': 'ResourceIdentity',
  'resource tenant id': 'ResourceTenantId',
  'home tenant id': 'HomeTenantId',
  'home tenant name': 'HomeTenantName',
  'ip address': 'IPAddress',
  'client app': 'ClientAppUsed',
  'authentication requirement': 'AuthenticationRequirement',
  'sign-in identifier': 'SignInIdentifier',
  'session id': 'SessionId',
  'ip address (seen by resource)': 'IPAddressFromResourceProvider',
  'through global secure access': 'IsThroughGlobalSecureAccess',
  'global secure access ip address': 'GlobalSecureAccessIpAddress',
  'autonomous system number': 'AutonomousSystemNumber',
  'flagged for review': 'FlaggedForReview',
  'token issuer type': 'TokenIssuerType',
  'token issuer name': 'TokenIssuerName',
  'failure reason': 'ResultDescription',
  'sign-in error code': 'ResultType',
  status: 'SignInStatus',
  'multifactor authentication result': 'MfaResult',
  'service principal id': 'ServicePrincipalId',
  'service principal name': 'ServicePrincipalName',
  // Service principal and managed identity downloads (ApplicationSignIns_*, MSISignIns_*).
  'credential key id': 'ServicePrincipalCredentialKeyId',
  'credential thumbprint': 'ServicePrincipalCredentialThumbprint',
};

/** Object columns assembled from several download columns: column → (object key ← header). */
const OBJECTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DeviceDetail: {
    deviceId: 'device id',
    browser: 'browser',
    operatingSystem: 'operating system',
    isCompliant: 'compliant',
    isManaged: 'managed',
    trustType: 'join type',
  },
  MfaDetail: {
    authMethod: 'multifactor authentication auth method',
    authDetail: 'multifactor authentication auth detail',
  },
};

/** "Not Applied" → "notApplied", as Log Analytics spells ConditionalAccessStatus. */
function camelWords(s: string): string {
  const words = s.trim().split(/\s+/);
  return words
    .map((w, i) =>
      i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
    )
    .join('');
}

function boolText(s: string): unknown {
  const l = s.trim().toLowerCase();
  if (l === 'true' || l === 'yes') return true;
  if (l === 'false' || l === 'no') return false;
  return s;
}

/** A column name for a header nobody mapped: its words in PascalCase ("Token Protection - Sign In Session" → TokenProtectionSignInSession). */
export function pascalHeader(h: string): string {
  const name = h
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(name) ? `Column${name}` : name || 'Column';
}

/** The mapping of one download row: every header consumed once, composite columns built. */
export function mapEntraRow(header: readonly string[], row: readonly string[]): MappedField[] {
  const out: MappedField[] = [];
  const byKey = new Map<string, number>();
  header.forEach((h, i) => {
    const k = headerKey(h);
    if (!byKey.has(k)) byKey.set(k, i);
  });
  const get = (k: string) => {
    const i = byKey.get(k);
    return i === undefined ? undefined : (row[i] ?? '');
  };
  const used = new Set<number>();
  const use = (k: string) => {
    const i = byKey.get(k);
    if (i !== undefined) used.add(i);
  };

  const date = get('date (utc)');
  if (date !== undefined) {
    use('date (utc)');
    // The download has only the sign-in time: it is CreatedDateTime, and the closest TimeGenerated.
    out.push(
      { source: 'Date (UTC)', column: 'TimeGenerated', value: date },
      { source: 'Date (UTC)', column: 'CreatedDateTime', value: date },
    );
  }
  const location = get('location');
  if (location !== undefined) {
    use('location');
    const parts = location.split(',').map((p) => p.trim());
    const [city = '', state = '', country = ''] =
      parts.length >= 3 ? parts : ['', '', parts[parts.length - 1] ?? ''];
    out.push({ source: 'Location', column: 'Location', value: country });
    out.push({
      source: 'Location',
      column: 'LocationDetails',
      value: location === '' ? null : { city, state, countryOrRegion: country },
    });
  }
  const code = get('sign-in error code');
  if (code !== undefined) {
    const n = Number(code);
    const reason = get('failure reason');
    out.push({
      source: 'Sign-in error code + Failure reason',
      column: 'Status',
      value: {
        errorCode: code !== '' && Number.isFinite(n) ? n : code,
        ...(reason ? { failureReason: reason } : {}),
      },
    });
  }
  const ca = get('conditional access');
  if (ca !== undefined) {
    use('conditional access');
    out.push({
      source: 'Conditional Access',
      column: 'ConditionalAccessStatus',
      value: ca === '' ? '' : camelWords(ca),
    });
  }
  for (const [column, parts] of Object.entries(OBJECTS)) {
    const obj: Record<string, unknown> = {};
    const sources: string[] = [];
    for (const [key, k] of Object.entries(parts)) {
      const v = get(k);
      if (v === undefined) continue;
      use(k);
      sources.push(header[byKey.get(k)!]!.trim());
      if (v !== '') obj[key] = key.startsWith('is') ? boolText(v) : v;
    }
    if (sources.length > 0) out.push({ source: sources.join(' + '), column, value: obj });
  }
  header.forEach((h, i) => {
    if (used.has(i)) return;
    const k = headerKey(h);
    const first = byKey.get(k) === i;
    const base = RENAMES[k] ?? pascalHeader(h);
    // A header the download repeats ("Incoming token type") keeps its second copy, numbered.
    const column = first ? base : `${base}_${i + 1}`;
    const v = row[i] ?? '';
    out.push({
      source: h,
      column,
      value:
        column === 'FlaggedForReview' || column === 'IsThroughGlobalSecureAccess'
          ? v === ''
            ? null
            : boolText(v)
          : v,
    });
  });
  return out;
}

export async function openEntraCsv(
  engine: SqlEngine,
  src: ByteSource,
  header: readonly string[],
  control: ReadControl = {},
): Promise<RawRelation> {
  const { onChunk, checkAborted, maxRecords } = control;
  const sink = new RecordSink(engine, src.name, control.limits);
  // papaparse reads a Blob in chunks with FileReader (browsers, workers); elsewhere it gets the text.
  const canStreamBlob =
    src.blob !== undefined &&
    typeof (globalThis as { FileReader?: unknown }).FileReader !== 'undefined';
  const input: Blob | string = canStreamBlob
    ? src.blob!
    : new TextDecoder().decode(src.bytes ?? (await src.read(0, src.size)));
  let first = true;
  let failure: unknown;
  let bytesSeen = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(input as string, {
        header: false,
        skipEmptyLines: 'greedy',
        ...(maxRecords !== undefined ? { preview: maxRecords + 1 } : {}),
        chunkSize: 4 * 1024 * 1024,
        chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
          try {
            checkAborted?.();
            for (const row of results.data) {
              if (first) {
                first = false; // the header
                continue;
              }
              if (row.length !== header.length) {
                throw ingestError(
                  'ragged-row',
                  src.name,
                  `record ${sink.rows + 1} has ${row.length} fields; expected ${header.length}, one per header column (nothing was loaded).`,
                );
              }
              sink.add(mapEntraRow(header, row), 0);
            }
            bytesSeen = results.meta.cursor;
            onChunk?.(Math.min(bytesSeen, src.size), sink.rows);
          } catch (e) {
            failure = e;
            parser.abort();
          }
        },
        complete: () => resolve(),
        error: (e: Error) => reject(e),
      });
    });
  } catch (e) {
    sink.dispose();
    throw e;
  }
  if (failure) {
    sink.dispose();
    throw failure;
  }
  const table = entraTableOfFile(src.name);
  const warnings = [
    `${src.name}: an Entra download has no TimeGenerated; it was taken from "Date (UTC)" (the sign-in time).`,
  ];
  return sink.relation('entra-csv', table, warnings, async (index) => {
    const { line } = await positionOfOffset(src, await offsetOfRecord(src, index + 1));
    return { position: { line }, label: `line ${line}` };
  });
}
