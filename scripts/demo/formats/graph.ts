/**
 * Microsoft Graph's resources: `signIn` (auditLogs/signIns; the Entra admin center's JSON download
 * is an array of them), `riskyUser` and `riskDetection` (identityProtection), as the v1.0/beta
 * documentation lists their properties. Dates are ISO-8601 UTC with 7 fractional digits.
 */
import type { RiskDetection, RiskyUserState, SignIn } from '../model.ts';
import { locationOf } from '../la-rows.ts';
import { iso7 } from '../time.ts';

export function graphSignIn(s: SignIn): Record<string, unknown> {
  return {
    id: s.id,
    createdDateTime: iso7(s.created),
    userDisplayName: s.user.displayName,
    userPrincipalName: s.upn,
    userId: s.user.id,
    appId: s.app.id,
    appDisplayName: s.app.name,
    ipAddress: s.network.ip,
    clientAppUsed: s.clientAppUsed,
    userAgent: s.userAgent,
    correlationId: s.correlationId,
    conditionalAccessStatus: s.conditionalAccessStatus,
    isInteractive: s.interactive,
    riskDetail: 'none',
    riskLevelAggregated: s.riskLevelAggregated,
    riskLevelDuringSignIn: s.riskLevelDuringSignIn,
    riskState: s.riskState,
    riskEventTypes: s.riskEventTypes,
    riskEventTypes_v2: s.riskEventTypes,
    resourceDisplayName: s.resource.name,
    resourceId: s.resource.id,
    status: {
      errorCode: s.errorCode,
      failureReason: s.errorCode === 0 ? 'Other.' : s.failureReason,
      additionalDetails: s.additionalDetails || null,
    },
    deviceDetail: s.device,
    location: locationOf(s.network.place),
    appliedConditionalAccessPolicies: s.conditionalAccessPolicies.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      enforcedGrantControls: p.enforcedGrantControls,
      enforcedSessionControls: [],
      result: p.result,
    })),
    signInEventTypes: [s.interactive ? 'interactiveUser' : 'nonInteractiveUser'],
    authenticationRequirement: s.authenticationRequirement,
    authenticationProtocol: s.authenticationProtocol,
    incomingTokenType: s.incomingTokenType,
    processingTimeInMilliseconds: s.processingTimeMs,
    autonomousSystemNumber: s.network.asn,
    sessionId: s.sessionId,
    uniqueTokenIdentifier: s.uniqueTokenId,
    tokenIssuerType: 'AzureAD',
  };
}

export function graphRiskyUser(r: RiskyUserState): Record<string, unknown> {
  return {
    id: r.user.id,
    isDeleted: false,
    isProcessing: r.isProcessing,
    riskLastUpdatedDateTime: iso7(r.lastUpdated),
    riskLevel: r.riskLevel,
    riskState: r.riskState,
    riskDetail: r.riskDetail,
    userDisplayName: r.user.displayName,
    userPrincipalName: r.upn,
  };
}

export function graphRiskDetection(r: RiskDetection): Record<string, unknown> {
  return {
    id: r.id,
    requestId: r.requestId,
    correlationId: r.correlationId,
    riskEventType: r.riskEventType,
    riskState: r.riskState,
    riskLevel: r.riskLevel,
    riskDetail: r.riskDetail,
    source: r.source,
    detectionTimingType: r.detectionTimingType,
    activity: r.activity,
    tokenIssuerType: 'AzureAD',
    ipAddress: r.network?.ip ?? null,
    location: r.network ? locationOf(r.network.place) : null,
    activityDateTime: iso7(r.activityTime),
    detectedDateTime: iso7(r.detectedTime),
    lastUpdatedDateTime: iso7(r.lastUpdated),
    userId: r.user.id,
    userDisplayName: r.user.displayName,
    userPrincipalName: r.user.upn,
    additionalInfo: JSON.stringify(r.additionalInfo),
  };
}

/** One Graph page: `{"@odata.context", "value": […]}`, with `@odata.nextLink` when more follow. */
export function graphPage(
  context: string,
  value: readonly unknown[],
  nextLink?: string,
): Record<string, unknown> {
  return {
    '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`,
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    value,
  };
}
