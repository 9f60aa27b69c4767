/** Building AuditLogs events as Entra writes them (ids, initiators, consent texts). */
import type { AuditActor, AuditEvent } from './model.ts';
import type { Random } from './random.ts';
import type { User } from './tenant.ts';

export type AuditSpec = Omit<AuditEvent, 'id' | 'correlationId' | 'result' | 'resultReason'> & {
  readonly correlationId?: string;
  readonly result?: AuditEvent['result'];
};

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Entra's audit record id: `<service>_<correlation id>_<5 characters>_<sequence>` (Core Directory writes "Directory"). */
function auditId(random: Random, service: string, correlationId: string): string {
  const tag = Array.from(
    { length: 5 },
    () => ID_ALPHABET[random.int(0, ID_ALPHABET.length - 1)],
  ).join('');
  return `${service === 'Core Directory' ? 'Directory' : service}_${correlationId}_${tag}_${random.int(10_000_000, 299_999_999)}`;
}

export function auditEvent(random: Random, spec: AuditSpec): AuditEvent {
  const correlationId = spec.correlationId ?? random.guid();
  return {
    ...spec,
    id: auditId(random, spec.loggedByService, correlationId),
    correlationId,
    result: spec.result ?? 'success',
    resultReason: '',
  };
}

export function userActor(user: User, ip: string): AuditActor {
  return { user: { id: user.id, upn: user.upn, ip } };
}

/** A first-party service acting on its own (Intune, Device Registration Service, …). */
export function directoryApp(
  displayName: string,
  servicePrincipalId: string | null = null,
): AuditActor {
  return { app: { displayName, servicePrincipalId, appId: null } };
}

/**
 * The `ConsentAction.Permissions` text of a "Consent to application" record: Entra writes the
 * grant as a bracketed list of `Name: value` pairs (detections parse "ConsentType: … , Scope: …]").
 */
export function consentPermissionsText(grant: {
  id: string;
  clientId: string;
  principalId: string;
  resourceId: string;
  scope: string;
}): string {
  return `[] => [[Id: ${grant.id}, ClientId: ${grant.clientId}, PrincipalId: ${grant.principalId}, ResourceId: ${grant.resourceId}, ConsentType: Principal, Scope: ${grant.scope}, CreatedDateTime: , LastModifiedDateTime ]]; `;
}
