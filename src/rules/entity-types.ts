/**
 * Sentinel's entity types and their identifiers (Microsoft Learn, "Microsoft Sentinel entity types
 * reference"; Azure-Sentinel `EntityMappingIdentifiers.cs`). `required` lists alternative identifier
 * sets: an entity is only recognised when every identifier of at least one set has a value
 * (for most types any single strong identifier suffices; FileHash needs Algorithm and Value).
 */
export interface EntityTypeInfo {
  readonly identifiers: readonly string[];
  readonly required: readonly (readonly string[])[];
}

const any = (...ids: string[]): string[][] => ids.map((id) => [id]);

export const ENTITY_TYPES: Readonly<Record<string, EntityTypeInfo>> = {
  Account: {
    identifiers: [
      'Name',
      'FullName',
      'NTDomain',
      'DnsDomain',
      'UPNSuffix',
      'Sid',
      'AadTenantId',
      'AadUserId',
      'PUID',
      'IsDomainJoined',
      'DisplayName',
      'ObjectGuid',
    ],
    required: any('FullName', 'Sid', 'Name', 'AadUserId', 'PUID', 'ObjectGuid'),
  },
  Host: {
    identifiers: [
      'DnsDomain',
      'NTDomain',
      'HostName',
      'FullName',
      'NetBiosName',
      'AzureID',
      'OMSAgentID',
      'OSFamily',
      'OSVersion',
      'IsDomainJoined',
    ],
    required: any('FullName', 'HostName', 'NetBiosName', 'AzureID', 'OMSAgentID'),
  },
  IP: { identifiers: ['Address'], required: any('Address') },
  Malware: { identifiers: ['Name', 'Category'], required: any('Name') },
  File: { identifiers: ['Directory', 'Name'], required: any('Name') },
  Process: {
    identifiers: ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'],
    required: any('CommandLine', 'ProcessId'),
  },
  CloudApplication: {
    identifiers: ['AppId', 'Name', 'InstanceName'],
    required: any('AppId', 'Name'),
  },
  DNS: { identifiers: ['DomainName'], required: any('DomainName') },
  AzureResource: { identifiers: ['ResourceId'], required: any('ResourceId') },
  FileHash: { identifiers: ['Algorithm', 'Value'], required: [['Algorithm', 'Value']] },
  RegistryKey: { identifiers: ['Hive', 'Key'], required: [['Hive', 'Key']] },
  RegistryValue: { identifiers: ['Name', 'Value', 'ValueType'], required: any('Name') },
  SecurityGroup: {
    identifiers: ['DistinguishedName', 'SID', 'ObjectGuid'],
    required: any('DistinguishedName', 'SID', 'ObjectGuid'),
  },
  URL: { identifiers: ['Url'], required: any('Url') },
  Mailbox: {
    identifiers: [
      'MailboxPrimaryAddress',
      'DisplayName',
      'Upn',
      'ExternalDirectoryObjectId',
      'RiskLevel',
    ],
    required: any('MailboxPrimaryAddress'),
  },
  MailCluster: {
    identifiers: [
      'NetworkMessageIds',
      'CountByDeliveryStatus',
      'CountByThreatType',
      'CountByProtectionStatus',
      'Threats',
      'Query',
      'QueryTime',
      'MailCount',
      'IsVolumeAnomaly',
      'Source',
      'ClusterSourceIdentifier',
      'ClusterSourceType',
      'ClusterQueryStartTime',
      'ClusterQueryEndTime',
      'ClusterGroup',
    ],
    required: [['Query', 'Source']],
  },
  MailMessage: {
    identifiers: [
      'Recipient',
      'Urls',
      'Threats',
      'Sender',
      'P1Sender',
      'P1SenderDisplayName',
      'P1SenderDomain',
      'SenderIP',
      'P2Sender',
      'P2SenderDisplayName',
      'P2SenderDomain',
      'ReceivedDate',
      'NetworkMessageId',
      'InternetMessageId',
      'Subject',
      'BodyFingerprintBin1',
      'BodyFingerprintBin2',
      'BodyFingerprintBin3',
      'BodyFingerprintBin4',
      'BodyFingerprintBin5',
      'AntispamDirection',
      'DeliveryAction',
      'DeliveryLocation',
      'Language',
      'ThreatDetectionMethods',
    ],
    required: [['NetworkMessageId', 'Recipient']],
  },
  SubmissionMail: {
    identifiers: [
      'SubmissionId',
      'SubmissionDate',
      'Submitter',
      'NetworkMessageId',
      'Timestamp',
      'Recipient',
      'Sender',
      'SenderIp',
      'Subject',
      'ReportType',
    ],
    required: [['SubmissionId', 'NetworkMessageId', 'Recipient', 'Submitter']],
  },
};

/**
 * Account names Sentinel drops when an Account is mapped through `Name` (entities reference:
 * "the following values are not recognized": built-in and well-known accounts). Compared
 * case-insensitively, as Windows account names are.
 */
export const BUILT_IN_ACCOUNT_NAMES: ReadonlySet<string> = new Set([
  'ADMIN',
  'ADMINISTRATOR',
  'SYSTEM',
  'ROOT',
  'ANONYMOUS',
  'AUTHENTICATED USER',
  'NETWORK',
  'NULL',
  'LOCAL SYSTEM',
  'LOCALSYSTEM',
  'NETWORK SERVICE',
]);

/** Sentinel's per-alert entity cap, divided equally across the rule's mappings. */
export const MAX_ENTITIES_PER_ALERT = 500;
