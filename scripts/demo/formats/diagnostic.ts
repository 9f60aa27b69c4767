/**
 * Diagnostic settings records (Entra ID → storage account `PT1H.json`, one record per line, or an
 * Event Hub message `{"records":[…]}`): top-level `time`, `category`, `resultType` (a string),
 * `callerIpAddress`… and the Graph-shaped `properties`, as Azure Monitor documents the schema.
 */
import type { SignIn } from '../model.ts';
import { AAD_TENANT_ID, RESOURCE_ID } from '../tenant.ts';
import { iso7 } from '../time.ts';
import { graphSignIn } from './graph.ts';

export function diagnosticSignIn(s: SignIn): Record<string, unknown> {
  return {
    time: iso7(s.time),
    resourceId: RESOURCE_ID,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: s.interactive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
    tenantId: AAD_TENANT_ID,
    resultType: String(s.errorCode),
    resultSignature: 'None',
    resultDescription: s.failureReason,
    durationMs: 0,
    callerIpAddress: s.network.ip,
    correlationId: s.correlationId,
    identity: s.user.displayName,
    Level: s.errorCode === 0 ? 4 : 3,
    location: s.network.place.countryOrRegion,
    properties: graphSignIn(s),
  };
}
