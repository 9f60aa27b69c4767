/**
 * The demo's events as Log Analytics rows: each table's columns in the order the portal exports
 * them (taken from real "Export to CSV" files of SigninLogs, AADNonInteractiveUserSignInLogs and
 * AuditLogs, and from the tables' published schemas for AADRiskyUsers and AADUserRiskEvents), each
 * cell typed so that every writer can encode it its own way.
 */
import type { AuditEvent, AuthStep, RiskDetection, RiskyUserState, SignIn } from './model.ts';
import { AAD_TENANT_ID, MICROSOFT_TENANT_ID, RESOURCE_ID, WORKSPACE_ID } from './tenant.ts';
import { isoOffset, type Instant } from './time.ts';

/** A JSON value stored in a column (dynamic, or JSON text in a string column). */
export interface Json {
  readonly json: unknown;
}

export type Cell = string | number | boolean | null | Instant | Json;

export function isInstant(c: Cell): c is Instant {
  return typeof c === 'object' && c !== null && 'ms' in c;
}

export function isJson(c: Cell): c is Json {
  return typeof c === 'object' && c !== null && 'json' in c;
}

const json = (value: unknown): Json => ({ json: value });

export type TableName =
  | 'SigninLogs'
  | 'AADNonInteractiveUserSignInLogs'
  | 'AuditLogs'
  | 'AADRiskyUsers'
  | 'AADUserRiskEvents';

export const SIGNIN_COLUMNS = [
  'TimeGenerated',
  'IPAddress',
  'TenantId',
  'SourceSystem',
  'ResourceId',
  'OperationName',
  'OperationVersion',
  'Category',
  'ResultType',
  'ResultSignature',
  'ResultDescription',
  'DurationMs',
  'CorrelationId',
  'Resource',
  'ResourceGroup',
  'ResourceProvider',
  'Identity',
  'Level',
  'Location',
  'AlternateSignInName',
  'AppDisplayName',
  'AppId',
  'AuthenticationContextClassReferences',
  'AuthenticationDetails',
  'AppliedEventListeners',
  'AuthenticationMethodsUsed',
  'AuthenticationProcessingDetails',
  'AuthenticationRequirement',
  'AuthenticationRequirementPolicies',
  'ClientAppUsed',
  'ConditionalAccessPolicies',
  'ConditionalAccessStatus',
  'CreatedDateTime',
  'DeviceDetail',
  'IsInteractive',
  'Id',
  'IsRisky',
  'LocationDetails',
  'MfaDetail',
  'NetworkLocationDetails',
  'OriginalRequestId',
  'ProcessingTimeInMilliseconds',
  'RiskDetail',
  'RiskEventTypes',
  'RiskEventTypes_V2',
  'RiskLevelAggregated',
  'RiskLevelDuringSignIn',
  'RiskState',
  'ResourceDisplayName',
  'ResourceIdentity',
  'ResourceServicePrincipalId',
  'ServicePrincipalId',
  'ServicePrincipalName',
  'Status',
  'TokenIssuerName',
  'TokenIssuerType',
  'UserAgent',
  'UserDisplayName',
  'UserId',
  'UserPrincipalName',
  'AADTenantId',
  'UserType',
  'FlaggedForReview',
  'IPAddressFromResourceProvider',
  'SignInIdentifier',
  'SignInIdentifierType',
  'ResourceTenantId',
  'HomeTenantId',
  'UniqueTokenIdentifier',
  'SessionId',
  'SessionLifetimePolicies',
  'AutonomousSystemNumber',
  'AuthenticationProtocol',
  'CrossTenantAccessType',
  'AuthenticationAppDeviceDetails',
  'AuthenticationAppPolicyEvaluationDetails',
  'ClientCredentialType',
  'FederatedCredentialId',
  'GlobalSecureAccessIpAddress',
  'HomeTenantName',
  'IncomingTokenType',
  'IsTenantRestricted',
  'IsThroughGlobalSecureAccess',
  'OriginalTransferMethod',
  'TokenProtectionStatusDetails',
  'AppOwnerTenantId',
  'ResourceOwnerTenantId',
  'Agent',
  'SourceAppClientId',
  'ConditionalAccessAudiences',
  'AuthenticatorAppLocation',
  'AppliedConditionalAccessPolicies',
  'RiskLevel',
  'Type',
] as const;

export const NON_INTERACTIVE_COLUMNS = [
  'TimeGenerated',
  'IPAddress',
  'TenantId',
  'SourceSystem',
  'OperationName',
  'OperationVersion',
  'Category',
  'ResultType',
  'ResultSignature',
  'ResultDescription',
  'DurationMs',
  'CorrelationId',
  'ResourceGroup',
  'Identity',
  'Level',
  'Location',
  'AADTenantId',
  'Agent',
  'AlternateSignInName',
  'AppDisplayName',
  'AppId',
  'AppliedEventListeners',
  'AppOwnerTenantId',
  'AuthenticationContextClassReferences',
  'AuthenticationDetails',
  'AuthenticationMethodsUsed',
  'AuthenticationProcessingDetails',
  'AuthenticationProtocol',
  'AuthenticationRequirement',
  'AuthenticationRequirementPolicies',
  'AuthenticatorAppLocation',
  'AutonomousSystemNumber',
  'ClientAppUsed',
  'ClientCredentialType',
  'ClientSessionId',
  'ConditionalAccessAudiences',
  'ConditionalAccessPolicies',
  'ConditionalAccessPoliciesV2',
  'ConditionalAccessStatus',
  'CreatedDateTime',
  'CrossTenantAccessType',
  'DeviceDetail',
  'FederatedCredentialId',
  'GlobalSecureAccessIpAddress',
  'HomeTenantId',
  'HomeTenantName',
  'Id',
  'IncomingTokenType',
  'IsInteractive',
  'IsRisky',
  'IsTenantRestricted',
  'IsThroughGlobalSecureAccess',
  'LocationDetails',
  'MfaDetail',
  'NetworkLocationDetails',
  'OriginalRequestId',
  'OriginalTransferMethod',
  'ProcessingTimeInMs',
  'ResourceDisplayName',
  'ResourceIdentity',
  'ResourceOwnerTenantId',
  'ResourceServicePrincipalId',
  'ResourceTenantId',
  'RiskDetail',
  'RiskEventTypes',
  'RiskEventTypes_V2',
  'RiskLevelAggregated',
  'RiskLevelDuringSignIn',
  'RiskState',
  'ServicePrincipalId',
  'SessionId',
  'SessionLifetimePolicies',
  'SignInEventTypes',
  'SignInIdentifierType',
  'TokenProtectionStatusDetails',
  'Status',
  'TokenIssuerName',
  'TokenIssuerType',
  'UniqueTokenIdentifier',
  'UserAgent',
  'UserDisplayName',
  'UserId',
  'UserPrincipalName',
  'UserType',
  'Type',
] as const;

export const AUDIT_COLUMNS = [
  'TenantId',
  'SourceSystem',
  'TimeGenerated',
  'ResourceId',
  'OperationName',
  'OperationVersion',
  'Category',
  'ResultType',
  'ResultSignature',
  'ResultDescription',
  'DurationMs',
  'CorrelationId',
  'Resource',
  'ResourceGroup',
  'ResourceProvider',
  'Identity',
  'Level',
  'Location',
  'AdditionalDetails',
  'Id',
  'InitiatedBy',
  'LoggedByService',
  'Result',
  'ResultReason',
  'TargetResources',
  'AADTenantId',
  'ActivityDisplayName',
  'ActivityDateTime',
  'AADOperationType',
  'Type',
] as const;

export const RISKY_USER_COLUMNS = [
  'TenantId',
  'Id',
  'IsDeleted',
  'IsProcessing',
  'RiskDetail',
  'RiskLastUpdatedDateTime',
  'RiskLevel',
  'RiskState',
  'UserDisplayName',
  'UserPrincipalName',
  'TimeGenerated',
  'OperationName',
  'CorrelationId',
  'SourceSystem',
  'Type',
] as const;

export const RISK_EVENT_COLUMNS = [
  'TenantId',
  'Activity',
  'ActivityDateTime',
  'AdditionalInfo',
  'CorrelationId',
  'DetectedDateTime',
  'DetectionTimingType',
  'Id',
  'IpAddress',
  'LastUpdatedDateTime',
  'Location',
  'RequestId',
  'RiskDetail',
  'RiskEventType',
  'RiskLevel',
  'RiskState',
  'Source',
  'TokenIssuerType',
  'UserDisplayName',
  'UserId',
  'UserPrincipalName',
  'TimeGenerated',
  'OperationName',
  'SourceSystem',
  'Type',
] as const;

export const COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  SigninLogs: SIGNIN_COLUMNS,
  AADNonInteractiveUserSignInLogs: NON_INTERACTIVE_COLUMNS,
  AuditLogs: AUDIT_COLUMNS,
  AADRiskyUsers: RISKY_USER_COLUMNS,
  AADUserRiskEvents: RISK_EVENT_COLUMNS,
};

export type Row = Readonly<Record<string, Cell>>;

function authDetails(steps: readonly AuthStep[]): Json {
  return json(
    steps.map((s, i) => ({
      authenticationStepDateTime: isoOffset(s.at),
      authenticationMethod: s.method,
      authenticationMethodDetail: s.methodDetail,
      succeeded: s.succeeded,
      authenticationStepResultDetail: s.resultDetail,
      authenticationStepRequirement: s.requirement,
      StatusSequence: 0,
      RequestSequence: i,
    })),
  );
}

function processingDetails(s: SignIn): Json {
  const details: { key: string; value: string }[] = [
    { key: 'Legacy TLS (TLS 1.0, 1.1, 3DES)', value: 'False' },
  ];
  if (s.scopes.length > 0)
    details.push({ key: 'Oauth Scope Info', value: JSON.stringify(s.scopes) });
  if (s.incomingTokenType === 'primaryRefreshToken')
    details.push({ key: 'Root Key Type', value: 'SessionKey' });
  details.push({ key: 'Is CAE Token', value: 'False' });
  return json(details);
}

function status(s: SignIn): Json {
  return json(
    s.errorCode === 0
      ? { errorCode: 0, ...(s.additionalDetails ? { additionalDetails: s.additionalDetails } : {}) }
      : {
          errorCode: s.errorCode,
          failureReason: s.failureReason,
          ...(s.additionalDetails ? { additionalDetails: s.additionalDetails } : {}),
        },
  );
}

/** LocationDetails as Entra writes it (city, state, country code, coordinates). */
export function locationOf(place: {
  city: string;
  state: string;
  countryOrRegion: string;
  latitude: number;
  longitude: number;
}) {
  return {
    city: place.city,
    state: place.state,
    countryOrRegion: place.countryOrRegion,
    geoCoordinates: { latitude: place.latitude, longitude: place.longitude },
  };
}

/** A sign-in as a SigninLogs or AADNonInteractiveUserSignInLogs row. */
export function signInRow(s: SignIn): Row {
  const nonInteractive = !s.interactive;
  const caPolicies = json(
    s.conditionalAccessPolicies.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      enforcedGrantControls: p.enforcedGrantControls,
      enforcedSessionControls: [],
      result: p.result,
    })),
  );
  const common: Record<string, Cell> = {
    TimeGenerated: s.time,
    IPAddress: s.network.ip,
    TenantId: WORKSPACE_ID,
    SourceSystem: 'Azure AD',
    ResourceId: RESOURCE_ID,
    OperationName: 'Sign-in activity',
    OperationVersion: '1.0',
    Category: nonInteractive ? 'NonInteractiveUserSignInLogs' : 'SignInLogs',
    ResultType: String(s.errorCode),
    ResultSignature: s.errorCode === 0 ? 'SUCCESS' : 'FAILURE',
    ResultDescription: s.failureReason,
    DurationMs: 0,
    CorrelationId: s.correlationId,
    Resource: 'Microsoft.aadiam',
    ResourceGroup: 'Microsoft.aadiam',
    ResourceProvider: '',
    Identity: s.user.displayName,
    Level: '',
    Location: s.network.place.countryOrRegion,
    AADTenantId: AAD_TENANT_ID,
    Agent: json({ agentType: 'notAgentic', agentSubjectType: 'notAgentic' }),
    AlternateSignInName: s.interactive ? s.upn : '',
    AppDisplayName: s.app.name,
    AppId: s.app.id,
    AppliedEventListeners: null,
    AppOwnerTenantId: s.app.ownerTenantId ?? MICROSOFT_TENANT_ID,
    AuthenticationContextClassReferences: json([]),
    AuthenticationDetails: authDetails(s.authenticationDetails),
    AuthenticationMethodsUsed: '',
    AuthenticationProcessingDetails: processingDetails(s),
    AuthenticationProtocol: s.authenticationProtocol,
    AuthenticationRequirement: s.authenticationRequirement,
    AuthenticationRequirementPolicies: json(
      s.conditionalAccessPolicies.some((p) => p.enforcedGrantControls.includes('Mfa'))
        ? [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }]
        : [],
    ),
    AuthenticatorAppLocation: '',
    AutonomousSystemNumber: s.network.asn,
    ClientAppUsed: s.clientAppUsed,
    ClientCredentialType: 'none',
    ClientSessionId: '',
    ConditionalAccessAudiences: json([s.resource.id]),
    ConditionalAccessPolicies: caPolicies,
    ConditionalAccessPoliciesV2: '',
    ConditionalAccessStatus: s.conditionalAccessStatus,
    CreatedDateTime: s.created,
    CrossTenantAccessType: 'none',
    DeviceDetail: json(s.device),
    FederatedCredentialId: '',
    GlobalSecureAccessIpAddress: '',
    HomeTenantId: AAD_TENANT_ID,
    HomeTenantName: '',
    Id: s.id,
    IncomingTokenType: s.incomingTokenType,
    IsInteractive: s.interactive,
    IsRisky: s.riskState === 'atRisk' ? true : null,
    IsTenantRestricted: false,
    IsThroughGlobalSecureAccess: false,
    LocationDetails: json(locationOf(s.network.place)),
    MfaDetail: s.mfaMethod ? json({ authMethod: s.mfaMethod }) : null,
    NetworkLocationDetails: '',
    OriginalRequestId: s.id,
    OriginalTransferMethod: s.originalTransferMethod,
    ProcessingTimeInMs: s.processingTimeMs,
    ProcessingTimeInMilliseconds: s.processingTimeMs,
    ResourceDisplayName: s.resource.name,
    ResourceIdentity: s.resource.id,
    ResourceOwnerTenantId: MICROSOFT_TENANT_ID,
    ResourceServicePrincipalId: '',
    ResourceTenantId: AAD_TENANT_ID,
    RiskDetail: 'none',
    RiskEventTypes: json(s.riskEventTypes),
    RiskEventTypes_V2: json(s.riskEventTypes),
    RiskLevelAggregated: s.riskLevelAggregated,
    RiskLevelDuringSignIn: s.riskLevelDuringSignIn,
    RiskState: s.riskState,
    ServicePrincipalId: '00000000-0000-0000-0000-000000000000',
    ServicePrincipalName: s.app.name,
    SessionId: s.sessionId,
    SessionLifetimePolicies: json([]),
    SignInEventTypes: json([nonInteractive ? 'nonInteractiveUser' : 'interactiveUser']),
    SignInIdentifier: s.interactive ? s.upn : '',
    SignInIdentifierType: s.interactive ? 'userPrincipalName' : '',
    TokenProtectionStatusDetails: json({
      signInSessionStatus: s.device.deviceId ? 'bound' : 'unbound',
      signInSessionStatusCode: s.device.deviceId ? 0 : 1002,
    }),
    Status: status(s),
    TokenIssuerName: '',
    TokenIssuerType: 'AzureAD',
    UniqueTokenIdentifier: s.uniqueTokenId,
    UserAgent: s.userAgent,
    UserDisplayName: s.user.displayName,
    UserId: s.user.id,
    UserPrincipalName: s.upn,
    UserType: 'Member',
    FlaggedForReview: '',
    IPAddressFromResourceProvider: '',
    AuthenticationAppDeviceDetails:
      s.mfaMethod === 'Mobile app notification'
        ? json({ operatingSystem: 'iOS', clientApp: 'Authenticator', appVersion: '6.8.26' })
        : null,
    AuthenticationAppPolicyEvaluationDetails:
      s.mfaMethod === 'Mobile app notification'
        ? json([
            {
              policyName: 'Number Match',
              adminConfiguration: 'enabled',
              status: s.errorCode === 0 ? 'numberMatchCorrectNumberEntered' : 'numberMatchDeny',
              authenticationEvaluation: s.errorCode === 0 ? 'success' : 'failure',
            },
          ])
        : null,
    SourceAppClientId: '',
    AppliedConditionalAccessPolicies: '',
    RiskLevel: '',
    Type: nonInteractive ? 'AADNonInteractiveUserSignInLogs' : 'SigninLogs',
  };
  const columns = nonInteractive ? NON_INTERACTIVE_COLUMNS : SIGNIN_COLUMNS;
  return Object.fromEntries(columns.map((c) => [c, c in common ? common[c]! : '']));
}

export function auditRow(e: AuditEvent): Row {
  const initiatedBy = e.initiatedBy.user
    ? {
        user: {
          id: e.initiatedBy.user.id,
          displayName: null,
          userPrincipalName: e.initiatedBy.user.upn,
          ipAddress: e.initiatedBy.user.ip,
          roles: [],
          agentType: 'notAgentic',
        },
      }
    : {
        app: {
          appId: e.initiatedBy.app!.appId,
          displayName: e.initiatedBy.app!.displayName,
          servicePrincipalId: e.initiatedBy.app!.servicePrincipalId,
          servicePrincipalName: null,
          agentType: 'notAgentic',
        },
      };
  const values: Record<string, Cell> = {
    TenantId: WORKSPACE_ID,
    SourceSystem: 'Azure AD',
    TimeGenerated: e.time,
    ResourceId: RESOURCE_ID,
    OperationName: e.operationName,
    OperationVersion: '1.0',
    Category: e.category,
    ResultType: '',
    ResultSignature: 'None',
    ResultDescription: '',
    DurationMs: 0,
    CorrelationId: e.correlationId,
    Resource: 'Microsoft.aadiam',
    ResourceGroup: 'Microsoft.aadiam',
    ResourceProvider: '',
    Identity: e.initiatedBy.app ? e.initiatedBy.app.displayName : '',
    Level: '',
    Location: '',
    AdditionalDetails: json(e.additionalDetails),
    Id: e.id,
    InitiatedBy: json(initiatedBy),
    LoggedByService: e.loggedByService,
    Result: e.result,
    ResultReason: e.resultReason,
    TargetResources: json(
      e.targets.map((t) => ({
        id: t.id,
        displayName: t.displayName,
        type: t.type,
        ...(t.userPrincipalName ? { userPrincipalName: t.userPrincipalName } : {}),
        modifiedProperties: t.modifiedProperties,
        administrativeUnits: [],
        agentType: 'notAgentic',
      })),
    ),
    AADTenantId: AAD_TENANT_ID,
    ActivityDisplayName: e.operationName,
    ActivityDateTime: e.time,
    AADOperationType: e.operationType,
    Type: 'AuditLogs',
  };
  return Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, values[c]!]));
}

export function riskyUserRow(r: RiskyUserState): Row {
  const values: Record<string, Cell> = {
    TenantId: WORKSPACE_ID,
    Id: r.user.id,
    IsDeleted: false,
    IsProcessing: r.isProcessing,
    RiskDetail: r.riskDetail,
    RiskLastUpdatedDateTime: r.lastUpdated,
    RiskLevel: r.riskLevel,
    RiskState: r.riskState,
    UserDisplayName: r.user.displayName,
    UserPrincipalName: r.upn,
    TimeGenerated: r.time,
    OperationName: 'Risky user',
    CorrelationId: r.correlationId,
    SourceSystem: 'Azure AD',
    Type: 'AADRiskyUsers',
  };
  return Object.fromEntries(RISKY_USER_COLUMNS.map((c) => [c, values[c]!]));
}

export function riskEventRow(r: RiskDetection): Row {
  const values: Record<string, Cell> = {
    TenantId: WORKSPACE_ID,
    Activity: r.activity,
    ActivityDateTime: r.activityTime,
    AdditionalInfo: json(r.additionalInfo),
    CorrelationId: r.correlationId,
    DetectedDateTime: r.detectedTime,
    DetectionTimingType: r.detectionTimingType,
    Id: r.id,
    IpAddress: r.network?.ip ?? '',
    LastUpdatedDateTime: r.lastUpdated,
    Location: r.network ? json(locationOf(r.network.place)) : null,
    RequestId: r.requestId,
    RiskDetail: r.riskDetail,
    RiskEventType: r.riskEventType,
    RiskLevel: r.riskLevel,
    RiskState: r.riskState,
    Source: r.source,
    TokenIssuerType: 'AzureAD',
    UserDisplayName: r.user.displayName,
    UserId: r.user.id,
    UserPrincipalName: r.user.upn,
    TimeGenerated: r.time,
    OperationName: 'User Risk Detection',
    SourceSystem: 'Azure AD',
    Type: 'AADUserRiskEvents',
  };
  return Object.fromEntries(RISK_EVENT_COLUMNS.map((c) => [c, values[c]!]));
}
