/**
 * Building sign-in events with Entra's usual values, so that the baseline and the story only say
 * what differs (who, when, from where, which app, how it ended).
 */
import type { Random } from './random.ts';
import type { AuthStep, CaPolicyResult, DeviceDetail, SignIn } from './model.ts';
import { CA_POLICIES, type App, type Network, type Resource, type User } from './tenant.ts';
import { plus, type Instant } from './time.ts';

/** Result codes Loupe's demo uses, with the text Entra gives them (Status.failureReason, ResultDescription). */
export const RESULTS = {
  0: '',
  50053:
    'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  50074: 'Strong Authentication is required.',
  50126: 'Error validating credentials due to invalid username or password.',
  50140: "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.",
  50173:
    'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
  50199:
    'For security reasons, user confirmation is required for this request. Please repeat the request allowing user interaction.',
  53003:
    'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  70044:
    'The session has expired or is invalid due to sign-in frequency checks by conditional access.',
  500121: 'Authentication failed during strong authentication request.',
} as const;

export type ResultCode = keyof typeof RESULTS;

export interface SignInSpec {
  readonly interactive: boolean;
  readonly time: Instant;
  /** Milliseconds from CreatedDateTime to TimeGenerated (ingestion delay; longer for aggregated non-interactive rows). */
  readonly lag?: number;
  readonly user: User;
  readonly upn?: string;
  readonly app: App;
  readonly resource: Resource;
  readonly network: Network;
  readonly client: 'laptop' | 'phone' | 'browser-elsewhere';
  readonly userAgent?: string;
  readonly device?: DeviceDetail;
  readonly code?: ResultCode;
  readonly additionalDetails?: string;
  /** How the user proved who they are: single factor, multifactor now, or a claim already in the token. */
  readonly auth:
    | 'password'
    | 'password+mfa'
    | 'windows-hello'
    | 'previously-satisfied'
    | 'password-failed'
    | 'password-ok-mfa-denied'
    | 'password-ok-mfa-required';
  readonly sessionId?: string;
  readonly correlationId?: string;
  readonly authenticationProtocol?: SignIn['authenticationProtocol'];
  readonly originalTransferMethod?: SignIn['originalTransferMethod'];
  readonly incomingTokenType?: SignIn['incomingTokenType'];
  readonly conditionalAccess?: 'applied' | 'blocked-legacy' | 'none';
  readonly risk?: {
    readonly state: SignIn['riskState'];
    readonly during: SignIn['riskLevelDuringSignIn'];
    readonly aggregated: SignIn['riskLevelAggregated'];
    readonly types: readonly string[];
  };
  readonly scopes?: readonly string[];
}

function laptopDetail(user: User): DeviceDetail {
  const d = user.laptop;
  return {
    deviceId: d.id,
    displayName: d.displayName,
    operatingSystem: d.operatingSystem,
    browser: d.browser,
    isCompliant: d.isCompliant,
    isManaged: d.isManaged,
    trustType: d.trustType,
  };
}

function phoneDetail(user: User): DeviceDetail {
  const p = user.phone!;
  return {
    deviceId: p.id,
    operatingSystem: p.operatingSystem,
    browser: 'Rich Client 4.72.1.0',
    isCompliant: true,
    isManaged: true,
    trustType: 'Azure AD registered',
  };
}

function authSteps(
  spec: SignInSpec,
  created: Instant,
): { steps: AuthStep[]; requirement: SignIn['authenticationRequirement']; mfaMethod: string } {
  const step = (
    method: string,
    methodDetail: string,
    succeeded: boolean,
    resultDetail: string,
    requirement = 'Primary authentication',
  ): AuthStep => ({
    at: created,
    method,
    methodDetail,
    succeeded,
    resultDetail,
    requirement,
  });
  switch (spec.auth) {
    case 'previously-satisfied':
      return {
        steps: [
          step(
            'Previously satisfied',
            '',
            true,
            'MFA requirement satisfied by claim in the token',
            '',
          ),
        ],
        requirement: 'multiFactorAuthentication',
        mfaMethod: '',
      };
    case 'windows-hello':
      return {
        steps: [
          step('Windows Hello for Business', 'Windows Hello for Business', true, 'Correct PIN'),
        ],
        requirement: 'multiFactorAuthentication',
        mfaMethod: 'Windows Hello for Business',
      };
    case 'password':
      return {
        steps: [step('Password', 'Password in the cloud', true, 'Correct password')],
        requirement: 'singleFactorAuthentication',
        mfaMethod: '',
      };
    case 'password+mfa':
      return {
        steps: [
          step('Password', 'Password in the cloud', true, 'Correct password'),
          step(
            'Mobile app notification',
            'Mobile app notification',
            true,
            'MFA successfully completed',
            'Multi-factor authentication',
          ),
        ],
        requirement: 'multiFactorAuthentication',
        mfaMethod: 'Mobile app notification',
      };
    case 'password-failed':
      return {
        steps: [
          step(
            'Password',
            'Password in the cloud',
            false,
            'Invalid username or password or Invalid on-premise username or password.',
          ),
        ],
        requirement: 'singleFactorAuthentication',
        mfaMethod: '',
      };
    case 'password-ok-mfa-required':
      return {
        steps: [step('Password', 'Password in the cloud', true, 'Correct password')],
        requirement: 'multiFactorAuthentication',
        mfaMethod: '',
      };
    case 'password-ok-mfa-denied':
      return {
        steps: [
          step('Password', 'Password in the cloud', true, 'Correct password'),
          step(
            'Mobile app notification',
            'Mobile app notification',
            false,
            'MFA denied; user declined the authentication',
            'Multi-factor authentication',
          ),
        ],
        requirement: 'multiFactorAuthentication',
        mfaMethod: 'Mobile app notification',
      };
  }
}

function caResults(
  spec: SignInSpec,
  requirement: SignIn['authenticationRequirement'],
): { status: SignIn['conditionalAccessStatus']; policies: CaPolicyResult[] } {
  const mode = spec.conditionalAccess ?? 'applied';
  const policy = (
    p: { id: string; displayName: string; grant: readonly string[] },
    result: CaPolicyResult['result'],
  ): CaPolicyResult => ({
    id: p.id,
    displayName: p.displayName,
    enforcedGrantControls: p.grant,
    result,
  });
  if (mode === 'none') return { status: 'notApplied', policies: [] };
  const code = spec.code ?? 0;
  if (mode === 'blocked-legacy') {
    return {
      status: 'failure',
      policies: [
        policy(CA_POLICIES.mfaAllUsers, 'notApplied'),
        policy(CA_POLICIES.blockLegacy, 'failure'),
        policy(CA_POLICIES.compliantAdmins, 'notApplied'),
      ],
    };
  }
  // A sign-in that fails before Conditional Access is evaluated (wrong password, locked) has none applied.
  if (code === 50126 || code === 50053) return { status: 'notApplied', policies: [] };
  const mfa =
    requirement === 'multiFactorAuthentication' && code === 0
      ? 'success'
      : code === 0
        ? 'success'
        : 'failure';
  return {
    status: code === 0 ? 'success' : code === 50074 || code === 500121 ? 'failure' : 'success',
    policies: [
      policy(CA_POLICIES.mfaAllUsers, mfa),
      policy(CA_POLICIES.blockLegacy, 'notApplied'),
      policy(CA_POLICIES.compliantAdmins, spec.user.isAdmin ? 'success' : 'notApplied'),
    ],
  };
}

export function makeSignIn(random: Random, spec: SignInSpec): SignIn {
  const lag = spec.lag ?? random.int(2_000, 90_000);
  const created = plus(spec.time, -lag, random.int(0, 9999));
  const time = { ms: spec.time.ms, ticks: random.int(0, 9999) };
  const { steps, requirement, mfaMethod } = authSteps(spec, created);
  const ca = caResults(spec, requirement);
  const code = spec.code ?? 0;
  const device =
    spec.device ??
    (spec.client === 'laptop'
      ? laptopDetail(spec.user)
      : spec.client === 'phone'
        ? phoneDetail(spec.user)
        : {
            deviceId: '',
            operatingSystem: 'Windows10',
            browser: 'Chrome 137.0.0',
            isCompliant: false,
            isManaged: false,
          });
  const userAgent =
    spec.userAgent ??
    (spec.client === 'laptop'
      ? spec.user.laptop.userAgent
      : spec.client === 'phone'
        ? spec.user.phone!.outlookAgent
        : '');
  const id = random.guid();
  return {
    interactive: spec.interactive,
    time,
    created,
    id,
    correlationId: spec.correlationId ?? random.guid(),
    sessionId: spec.sessionId ?? random.guid(),
    uniqueTokenId: random.tokenId(),
    user: spec.user,
    upn: spec.upn ?? spec.user.upn,
    app: spec.app,
    resource: spec.resource,
    network: spec.network,
    clientAppUsed:
      spec.client === 'laptop' && spec.interactive && /Mozilla/.test(userAgent)
        ? 'Browser'
        : spec.client === 'browser-elsewhere'
          ? 'Browser'
          : 'Mobile Apps and Desktop clients',
    userAgent,
    device,
    errorCode: code,
    failureReason: RESULTS[code],
    additionalDetails:
      spec.additionalDetails ??
      (code === 0
        ? spec.auth === 'previously-satisfied'
          ? 'MFA requirement satisfied by claim in the token'
          : spec.auth === 'password+mfa'
            ? 'MFA completed in Azure AD'
            : ''
        : ''),
    authenticationRequirement: requirement,
    authenticationDetails: steps,
    authenticationProtocol: spec.authenticationProtocol ?? 'none',
    originalTransferMethod: spec.originalTransferMethod ?? 'none',
    incomingTokenType: spec.incomingTokenType ?? (spec.interactive ? 'none' : 'refreshToken'),
    conditionalAccessStatus: ca.status,
    conditionalAccessPolicies: ca.policies,
    mfaMethod,
    riskState: spec.risk?.state ?? 'none',
    riskLevelDuringSignIn: spec.risk?.during ?? 'none',
    riskLevelAggregated: spec.risk?.aggregated ?? 'none',
    riskEventTypes: spec.risk?.types ?? [],
    processingTimeMs: random.int(40, 260),
    scopes: spec.scopes ?? [],
  };
}
