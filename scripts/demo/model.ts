/**
 * The demo's events, in one neutral form from which every export shape is written (the portal CSV,
 * the Log Analytics API, Graph, diagnostic settings, the Entra admin center download). The fields
 * follow Microsoft Graph's signIn, riskyUser and riskDetection resources and the AuditLogs table,
 * so that each writer only renames and re-encodes.
 */
import type { Instant } from './time.ts';
import type { App, Network, Resource, User } from './tenant.ts';

export interface DeviceDetail {
  readonly deviceId: string;
  readonly displayName?: string;
  readonly operatingSystem: string;
  readonly browser: string;
  readonly isCompliant: boolean;
  readonly isManaged: boolean;
  readonly trustType?: string;
}

export interface AuthStep {
  readonly at: Instant;
  readonly method: string;
  readonly methodDetail: string;
  readonly succeeded: boolean;
  readonly resultDetail: string;
  readonly requirement: string;
}

export interface CaPolicyResult {
  readonly id: string;
  readonly displayName: string;
  readonly enforcedGrantControls: readonly string[];
  readonly result: 'success' | 'failure' | 'notApplied' | 'notEnabled';
}

export interface SignIn {
  readonly interactive: boolean;
  /** When Log Analytics received it (TimeGenerated). */
  readonly time: Instant;
  /** When the sign-in started (CreatedDateTime); a non-interactive row aggregates from here to `time`. */
  readonly created: Instant;
  readonly id: string;
  readonly correlationId: string;
  readonly sessionId: string;
  readonly uniqueTokenId: string;
  readonly user: User;
  /** The UPN as typed at sign-in (usually the user's own). */
  readonly upn: string;
  readonly app: App;
  readonly resource: Resource;
  readonly network: Network;
  readonly clientAppUsed:
    'Browser' | 'Mobile Apps and Desktop clients' | 'Exchange ActiveSync' | 'Other clients';
  readonly userAgent: string;
  readonly device: DeviceDetail;
  readonly errorCode: number;
  readonly failureReason: string;
  readonly additionalDetails: string;
  readonly authenticationRequirement: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  readonly authenticationDetails: readonly AuthStep[];
  readonly authenticationProtocol: 'none' | 'deviceCode' | 'ropc';
  readonly originalTransferMethod: 'none' | 'deviceCodeFlow';
  readonly incomingTokenType: 'none' | 'refreshToken' | 'primaryRefreshToken';
  readonly conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  readonly conditionalAccessPolicies: readonly CaPolicyResult[];
  readonly mfaMethod: string;
  readonly riskState: 'none' | 'atRisk' | 'confirmedCompromised' | 'dismissed' | 'remediated';
  readonly riskLevelDuringSignIn: 'none' | 'low' | 'medium' | 'high';
  readonly riskLevelAggregated: 'none' | 'low' | 'medium' | 'high';
  readonly riskEventTypes: readonly string[];
  readonly processingTimeMs: number;
  /** Scopes the token carries, shown in AuthenticationProcessingDetails ("Oauth Scope Info"). */
  readonly scopes: readonly string[];
}

export interface AuditActor {
  readonly user?: { readonly id: string; readonly upn: string; readonly ip: string };
  readonly app?: {
    readonly displayName: string;
    readonly servicePrincipalId: string | null;
    readonly appId: string | null;
  };
}

export interface ModifiedProperty {
  readonly displayName: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

export interface AuditTarget {
  readonly id: string | null;
  readonly displayName: string | null;
  readonly type:
    'User' | 'Device' | 'ServicePrincipal' | 'Application' | 'Group' | 'Policy' | 'Other';
  readonly userPrincipalName?: string;
  readonly modifiedProperties: readonly ModifiedProperty[];
}

export interface AuditEvent {
  readonly time: Instant;
  readonly id: string;
  readonly operationName: string;
  readonly category: string;
  readonly loggedByService: string;
  readonly operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign' | 'Other';
  readonly result: 'success' | 'failure';
  readonly resultReason: string;
  readonly correlationId: string;
  readonly initiatedBy: AuditActor;
  readonly targets: readonly AuditTarget[];
  readonly additionalDetails: readonly { readonly key: string; readonly value: string }[];
}

/** One state of a user in Identity Protection's risky-users report (an AADRiskyUsers row). */
export interface RiskyUserState {
  readonly time: Instant;
  readonly lastUpdated: Instant;
  readonly user: User;
  /** As the risky-users report spells it (a trap may change its case). */
  readonly upn: string;
  readonly riskLevel: 'none' | 'low' | 'medium' | 'high';
  readonly riskState:
    'none' | 'atRisk' | 'confirmedCompromised' | 'dismissed' | 'remediated' | 'confirmedSafe';
  readonly riskDetail: string;
  readonly isProcessing: boolean;
  readonly correlationId: string;
}

/** One Identity Protection detection (an AADUserRiskEvents row). */
export interface RiskDetection {
  readonly time: Instant;
  readonly activityTime: Instant;
  readonly detectedTime: Instant;
  readonly lastUpdated: Instant;
  readonly id: string;
  readonly requestId: string;
  readonly correlationId: string;
  readonly user: User;
  readonly riskEventType: string;
  readonly riskLevel: 'low' | 'medium' | 'high';
  readonly riskState: 'atRisk' | 'confirmedCompromised' | 'dismissed' | 'remediated';
  readonly riskDetail: string;
  readonly source: 'IdentityProtection' | 'MicrosoftCloudAppSecurity';
  readonly detectionTimingType: 'realtime' | 'nearRealtime' | 'offline';
  readonly activity: 'signin' | 'user';
  readonly network: Network | null;
  readonly additionalInfo: readonly { readonly Key: string; readonly Value: string }[];
}

/** Everything the generator writes, in time order per table. */
export interface Tenant {
  readonly users: readonly User[];
  readonly signIns: readonly SignIn[];
  readonly audit: readonly AuditEvent[];
  readonly riskyUsers: readonly RiskyUserState[];
  readonly riskDetections: readonly RiskDetection[];
}
