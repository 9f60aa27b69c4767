/**
 * The attack the demo tells, on top of an ordinary week (baseline.ts). All times UTC, 2026.
 *
 * Saturday 13 June, night in Seattle
 *   02:10–02:48  Password spray from 203.0.113.77 (Bucharest): two passwords against 64 accounts
 *                (50126). One works: Marcus Okafor's, stopped by MFA (50074).
 *   02:55–03:08  The attacker pushes MFA prompts at Marcus; he declines each one (500121).
 * Sunday 14 June
 *   10:05–13:50  A guessing run against the CFO, Helen Brandt, from proxies in four countries: 36
 *                wrong passwords (50126). Nothing gets through.
 * Monday 15 June
 *   13:31        Identity Protection's offline password-spray detection flags Dana Whitfield
 *                (medium, at risk) — written while her UPN was still `Dana.Whitfield@Larkspur.example`.
 *   13:50        The service desk normalises her UPN to lower case.
 *   14:05        Reviewing Saturday's spray (every attempt on Dana failed), the service desk dismisses the risk.
 *   15:47        A "shared invoice" mail asks Dana to enter a code at microsoft.com/devicelogin.
 *   15:52        She does, and approves the MFA prompt: a device-code sign-in for the Microsoft
 *                Authentication Broker (deviceCode), whose tokens the attacker now holds.
 *   15:53        The attacker registers a device in her name (Register device) and from 15:54
 *                replays her tokens from 203.0.113.45 (Amsterdam) and .46 (Frankfurt) with a script
 *                (python-requests): Exchange, Graph, SharePoint, and Exchange through Azure AD PowerShell.
 *   15:57/15:58  Unfamiliar sign-in properties: Dana is at risk, medium.
 *   16:18        From her session the attacker consents to "Mail Archiver Pro" (offline_access Mail.Read
 *                Mail.Send User.Read) and mails the consent link to colleagues.
 *   16:19/16:21  Anomalous token: high.
 *   16:44        An administrator confirms Dana compromised, resets her password (16:47), revokes her
 *                sessions (16:48) and deletes the rogue device (16:52). The attacker's refreshes fail from then on (50173).
 *   17:05–18:12  Three colleagues who received the mail consent to the same app.
 * Tuesday 16 June
 *   16:31        The app's service principal is removed.
 */
import type { AuditEvent, AuditTarget, RiskDetection, RiskyUserState, SignIn } from './model.ts';
import type { Random } from './random.ts';
import { makeSignIn, type SignInSpec } from './sign-ins.ts';
import {
  APPS,
  ASN,
  DOMAIN,
  OFFICES,
  PLACES,
  RESOURCES,
  type Network,
  type Resource,
  type User,
} from './tenant.ts';
import { at, MINUTE, plus, type Instant } from './time.ts';
import { auditEvent, consentPermissionsText, directoryApp, userActor } from './audit.ts';

export const ATTACKER = {
  spray: { ip: '203.0.113.77', asn: ASN.attackerProxies, place: PLACES.bucharest },
  replayAmsterdam: { ip: '203.0.113.45', asn: ASN.attackerHosting, place: PLACES.amsterdam },
  replayFrankfurt: { ip: '203.0.113.46', asn: ASN.attackerHosting, place: PLACES.frankfurt },
  proxies: [
    { ip: '203.0.113.101', asn: ASN.attackerProxies, place: PLACES.singapore },
    { ip: '203.0.113.102', asn: ASN.attackerProxies, place: PLACES.saoPaulo },
    { ip: '203.0.113.103', asn: ASN.attackerProxies, place: PLACES.frankfurt },
    { ip: '203.0.113.104', asn: ASN.attackerProxies, place: PLACES.amsterdam },
  ],
} as const satisfies Record<string, Network | readonly Network[]>;

export const SCRIPT_AGENT = 'python-requests/2.32.3';
export const ROGUE_APP = {
  name: 'Mail Archiver Pro',
  appId: 'a7c3e9f1-4d28-4b6e-9f05-3e1d8c2b7a94',
  servicePrincipalId: '2e8d4b17-9c36-4f5a-b0e2-6d1a7c9f3e58',
  ownerTenantId: '61b4f0d8-2a97-4c3e-b5d1-8e6f2a0c9b47',
} as const;
export const ROGUE_SCOPE = 'offline_access Mail.Read Mail.Send User.Read';
export const ROGUE_DEVICE = {
  id: '9d2f6a41-3c7e-4b58-a1e9-0f4c8d2b6e73',
  objectId: '4b8e1f27-6a3d-4c95-8e02-7f1b3d9a5c64',
  displayName: 'DESKTOP-7QJ4M2K',
} as const;

/** The people the story is about. */
export interface Cast {
  readonly victim: User;
  readonly sprayed: User;
  readonly cfo: User;
  readonly colleagues: readonly User[];
  readonly responder: User;
}

function named(
  random: Random,
  first: string,
  last: string,
  fields: Pick<User, 'department' | 'jobTitle' | 'office'>,
  n: number,
  phone: 'Ios' | 'Android' | null,
): User {
  const homePlace = OFFICES[fields.office].place;
  return {
    id: random.guid(),
    displayName: `${first} ${last}`,
    upn: `${first}.${last}@${DOMAIN}`.toLowerCase(),
    ...fields,
    home: { ip: `198.51.100.${240 + n}`, asn: ASN.homeUs, place: homePlace },
    laptop: {
      id: random.guid(),
      displayName: `LF-WIN-${900 + n}`,
      operatingSystem: 'Windows10',
      browser: 'Edge 137.0.0',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 Edg/137.0.3296.83',
      trustType: 'Azure AD joined',
      isCompliant: true,
      isManaged: true,
    },
    phone: phone
      ? {
          id: random.guid(),
          operatingSystem: phone,
          ipv6: `2001:db8:4a00:ff0${n}::1`,
          outlookAgent: phone === 'Ios' ? 'Outlook-iOS/2.0' : 'Outlook-Android/2.0',
        }
      : null,
    remoteDays: [],
    isAdmin: false,
  };
}

/** The named people; they get an ordinary week from the baseline like everyone else. */
export function makeNamedUsers(random: Random): { victim: User; sprayed: User; cfo: User } {
  return {
    victim: named(
      random,
      'Dana',
      'Whitfield',
      { department: 'Finance', jobTitle: 'Accounts Payable Manager', office: 'Seattle' },
      1,
      'Ios',
    ),
    sprayed: named(
      random,
      'Marcus',
      'Okafor',
      { department: 'Sales', jobTitle: 'Account Executive', office: 'Seattle' },
      2,
      'Android',
    ),
    cfo: named(
      random,
      'Helen',
      'Brandt',
      { department: 'Executive', jobTitle: 'Chief Financial Officer', office: 'Seattle' },
      3,
      'Ios',
    ),
  };
}

export interface StoryEvents {
  readonly signIns: SignIn[];
  readonly audit: AuditEvent[];
  readonly riskyUsers: RiskyUserState[];
  readonly riskDetections: RiskDetection[];
}

export function makeStory(random: Random, cast: Cast, everyone: readonly User[]): StoryEvents {
  const signIns: SignIn[] = [];
  const audit: AuditEvent[] = [];
  const riskyUsers: RiskyUserState[] = [];
  const riskDetections: RiskDetection[] = [];
  const add = (spec: SignInSpec) => {
    const s = makeSignIn(random, spec);
    signIns.push(s);
    return s;
  };
  const { victim, sprayed, cfo, colleagues, responder } = cast;
  const seattle = OFFICES.Seattle;
  const office = (ip = seattle.egress[0]!): Network => ({
    ip,
    asn: ASN.office,
    place: seattle.place,
  });
  const attackerBrowser = {
    deviceId: '',
    operatingSystem: 'Windows10',
    browser: 'Chrome 137.0.0',
    isCompliant: false,
    isManaged: false,
  } as const;

  // Saturday: the spray. Two rounds, one password each, over the same shuffled list of accounts.
  const targets = random.shuffle(everyone.filter((u) => u !== sprayed && u !== cfo)).slice(0, 63);
  targets.splice(random.int(5, 40), 0, sprayed);
  if (!targets.includes(victim)) targets[random.int(41, 62)] = victim;
  for (const [round, startIso] of [
    [0, '2026-06-13T02:10:00Z'],
    [1, '2026-06-13T02:31:00Z'],
  ] as const) {
    const start = at(startIso);
    targets.forEach((user, i) => {
      const t = plus(start, i * 15_000 + random.int(0, 9_000));
      const guessed = user === sprayed && round === 1;
      add({
        interactive: true,
        time: t,
        lag: random.int(1_000, 8_000),
        user,
        app: APPS.officeHome,
        resource: RESOURCES.officeHome,
        network: ATTACKER.spray,
        client: 'browser-elsewhere',
        userAgent: SCRIPT_AGENT,
        device: attackerBrowser,
        code: guessed ? 50074 : 50126,
        auth: guessed ? 'password-ok-mfa-required' : 'password-failed',
      });
    });
  }
  // Saturday: MFA fatigue against Marcus, who declines every prompt.
  for (let i = 0; i < 6; i++) {
    add({
      interactive: true,
      time: plus(at('2026-06-13T02:55:00Z'), i * 150_000 + random.int(0, 20_000)),
      lag: random.int(20_000, 60_000),
      user: sprayed,
      app: APPS.officeHome,
      resource: RESOURCES.officeHome,
      network: ATTACKER.spray,
      client: 'browser-elsewhere',
      userAgent: SCRIPT_AGENT,
      device: attackerBrowser,
      code: 500121,
      auth: 'password-ok-mfa-denied',
      additionalDetails: 'MFA denied; user declined the authentication',
    });
  }
  // Identity Protection: Marcus at low risk for the night's sign-ins; remediated Monday when he resets his password.
  const marcusFlag = at('2026-06-13T03:14:07.000Z');
  riskDetections.push(
    detection(random, {
      time: plus(marcusFlag, 3 * MINUTE),
      at: marcusFlag,
      user: sprayed,
      type: 'unfamiliarFeatures',
      level: 'low',
      state: 'atRisk',
      detail: 'none',
      timing: 'realtime',
      activity: 'signin',
      network: ATTACKER.spray,
    }),
  );
  riskyUsers.push(
    riskyUser(random, {
      time: plus(marcusFlag, 4 * MINUTE),
      lastUpdated: marcusFlag,
      user: sprayed,
      level: 'low',
      state: 'atRisk',
      detail: 'none',
    }),
  );
  const marcusReset = at('2026-06-15T15:36:12.000Z');
  audit.push(
    auditEvent(random, {
      time: marcusReset,
      operationName: 'Reset password (self-service)',
      category: 'UserManagement',
      loggedByService: 'Self-service Password Management',
      operationType: 'Update',
      initiatedBy: userActor(sprayed, seattle.egress[1]!),
      targets: [
        {
          id: sprayed.id,
          displayName: sprayed.displayName,
          type: 'User',
          userPrincipalName: sprayed.upn,
          modifiedProperties: [],
        },
      ],
      additionalDetails: [],
    }),
  );
  riskyUsers.push(
    riskyUser(random, {
      time: plus(marcusReset, 5 * MINUTE),
      lastUpdated: marcusReset,
      user: sprayed,
      level: 'none',
      state: 'remediated',
      detail: 'userPerformedSecuredPasswordReset',
    }),
  );

  // Sunday: 36 wrong passwords for the CFO from four proxies in four countries.
  for (let i = 0; i < 36; i++) {
    add({
      interactive: true,
      time: plus(at('2026-06-14T10:05:00Z'), i * 6 * MINUTE + random.int(0, 90_000)),
      lag: random.int(1_000, 6_000),
      user: cfo,
      app: APPS.office,
      resource: RESOURCES.exchange,
      network: ATTACKER.proxies[i % 4]!,
      client: 'browser-elsewhere',
      userAgent: SCRIPT_AGENT,
      device: attackerBrowser,
      code: 50126,
      auth: 'password-failed',
    });
  }

  // Monday: Dana's phone refreshes through the morning (the hours the traps are about).
  const phone: Network = { ip: victim.phone!.ipv6, asn: ASN.mobile, place: victim.home.place };
  for (const iso of [
    '2026-06-15T13:12:31Z',
    '2026-06-15T13:47:05Z',
    '2026-06-15T14:21:48Z',
    '2026-06-15T14:52:19Z',
    '2026-06-15T15:31:40Z',
  ]) {
    add({
      interactive: false,
      time: at(iso),
      lag: random.int(120_000, 20 * MINUTE),
      user: victim,
      app: APPS.outlookMobile,
      resource: RESOURCES.exchange,
      network: phone,
      client: 'phone',
      auth: 'previously-satisfied',
    });
  }
  // 13:31 the spray detection, under the UPN as the directory still spelled it; 13:50 the UPN fixed; 14:05 dismissed.
  const sprayFlag = at('2026-06-15T13:31:40.000Z');
  riskDetections.push(
    detection(random, {
      time: plus(sprayFlag, 2 * MINUTE),
      at: at('2026-06-13T02:41:12.000Z'),
      detected: sprayFlag,
      user: victim,
      type: 'passwordSpray',
      level: 'medium',
      state: 'atRisk',
      detail: 'none',
      timing: 'offline',
      activity: 'signin',
      network: ATTACKER.spray,
    }),
  );
  riskyUsers.push(
    riskyUser(random, {
      time: at('2026-06-15T13:31:44.090Z'),
      lastUpdated: sprayFlag,
      user: victim,
      upn: 'Dana.Whitfield@Larkspur.example',
      level: 'medium',
      state: 'atRisk',
      detail: 'none',
    }),
  );
  audit.push(
    auditEvent(random, {
      time: at('2026-06-15T13:50:26.114Z'),
      operationName: 'Update user',
      category: 'UserManagement',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      initiatedBy: userActor(responder, OFFICES[responder.office].egress[0]!),
      targets: [
        {
          id: victim.id,
          displayName: null,
          type: 'User',
          userPrincipalName: victim.upn,
          modifiedProperties: [
            {
              displayName: 'UserPrincipalName',
              oldValue: '["Dana.Whitfield@Larkspur.example"]',
              newValue: `["${victim.upn}"]`,
            },
            {
              displayName: 'Included Updated Properties',
              oldValue: null,
              newValue: '"UserPrincipalName"',
            },
          ],
        },
      ],
      additionalDetails: [{ key: 'UserType', value: 'Member' }],
    }),
  );
  const dismissed = at('2026-06-15T14:05:07.000Z');
  riskyUsers.push(
    riskyUser(random, {
      time: at('2026-06-15T14:05:10.402Z'),
      lastUpdated: dismissed,
      user: victim,
      level: 'none',
      state: 'dismissed',
      detail: 'adminDismissedAllRiskForUser',
    }),
  );
  riskDetections.push(
    detection(random, {
      time: plus(dismissed, 1 * MINUTE),
      at: at('2026-06-13T02:41:12.000Z'),
      detected: sprayFlag,
      user: victim,
      type: 'passwordSpray',
      level: 'medium',
      state: 'dismissed',
      detail: 'adminDismissedAllRiskForUser',
      timing: 'offline',
      activity: 'signin',
      network: ATTACKER.spray,
      id: riskDetections.at(-1)!.id,
    }),
  );

  // 15:52 the device-code sign-in: Dana, at her desk, approves the attacker's code.
  const phish = add({
    interactive: true,
    time: at('2026-06-15T15:52:14Z'),
    lag: 31_000,
    user: victim,
    app: APPS.broker,
    resource: RESOURCES.deviceRegistration,
    network: office(),
    client: 'laptop',
    device: {
      deviceId: '',
      operatingSystem: 'Windows10',
      browser: 'Edge 137.0.0',
      isCompliant: false,
      isManaged: false,
    },
    auth: 'password+mfa',
    authenticationProtocol: 'deviceCode',
    originalTransferMethod: 'deviceCodeFlow',
    scopes: [
      'openid',
      'profile',
      'offline_access',
      'https://enrollment.manage.microsoft.com/.default',
    ],
  });
  // 15:53 the attacker registers a device with that token (as Entra logs a device join).
  const regCorrelation = random.guid();
  const deviceTarget = (id: string | null): AuditTarget => ({
    id,
    displayName: ROGUE_DEVICE.displayName,
    type: 'Device',
    modifiedProperties: [],
  });
  const reg = at('2026-06-15T15:53:38.127Z');
  audit.push(
    auditEvent(random, {
      time: reg,
      correlationId: regCorrelation,
      operationName: 'Register device',
      category: 'Device',
      loggedByService: 'Device Registration Service',
      operationType: 'Add',
      initiatedBy: userActor(victim, ATTACKER.replayAmsterdam.ip),
      targets: [deviceTarget(null)],
      additionalDetails: [
        {
          key: 'AdditionalInfo',
          value: `Successfully registered device using account type: User with identifier: ${victim.id}.`,
        },
        { key: 'Device Profile', value: 'RegisteredDevice' },
        { key: 'Device Trust Type', value: 'Azure AD register' },
        { key: 'Device OS', value: 'Windows' },
        { key: 'Device Id', value: ROGUE_DEVICE.id },
      ],
    }),
  );
  const drs = directoryApp('Device Registration Service', '7a3f9c12-5e84-4b61-9d27-c0e8a4b6f153');
  audit.push(
    auditEvent(random, {
      time: plus(reg, 412),
      correlationId: regCorrelation,
      operationName: 'Add device',
      category: 'Device',
      loggedByService: 'Core Directory',
      operationType: 'Add',
      initiatedBy: drs,
      targets: [
        {
          id: ROGUE_DEVICE.objectId,
          displayName: ROGUE_DEVICE.displayName,
          type: 'Device',
          modifiedProperties: [
            { displayName: 'AccountEnabled', oldValue: '[]', newValue: '[true]' },
            { displayName: 'CloudDeviceOSType', oldValue: '[]', newValue: '["Windows"]' },
            {
              displayName: 'CloudDisplayName',
              oldValue: '[]',
              newValue: `["${ROGUE_DEVICE.displayName}"]`,
            },
          ],
        },
      ],
      additionalDetails: [{ key: 'User-Agent', value: 'Microsoft.OData.Client/7.12.5' }],
    }),
  );
  for (const [dt, op] of [
    [520, 'Add registered owner to device'],
    [611, 'Add registered users to device'],
  ] as const) {
    audit.push(
      auditEvent(random, {
        time: plus(reg, dt),
        correlationId: regCorrelation,
        operationName: op,
        category: 'Device',
        loggedByService: 'Core Directory',
        operationType: 'Assign',
        initiatedBy: drs,
        targets: [
          {
            id: victim.id,
            displayName: null,
            type: 'User',
            userPrincipalName: victim.upn,
            modifiedProperties: [
              {
                displayName: 'Device.ObjectID',
                oldValue: null,
                newValue: `"${ROGUE_DEVICE.objectId}"`,
              },
              {
                displayName: 'Device.DisplayName',
                oldValue: null,
                newValue: `"${ROGUE_DEVICE.displayName}"`,
              },
            ],
          },
        ],
        additionalDetails: [{ key: 'User-Agent', value: 'Microsoft.OData.Client/7.12.5' }],
      }),
    );
  }

  // 15:54–16:48 the replay: the attacker's script uses her primary refresh token from two servers.
  const rogue = {
    deviceId: ROGUE_DEVICE.id,
    displayName: ROGUE_DEVICE.displayName,
    operatingSystem: 'Windows10',
    browser: 'Rich Client 5.2.0.0',
    isCompliant: false,
    isManaged: false,
    trustType: 'Azure AD registered',
  } as const;
  const revoked = at('2026-06-15T16:48:02.551Z');
  const riskAt = (t: Instant): NonNullable<SignInSpec['risk']> =>
    t.ms < at('2026-06-15T15:57:00Z').ms
      ? { state: 'none', during: 'none', aggregated: 'none', types: [] }
      : t.ms < at('2026-06-15T16:19:00Z').ms
        ? { state: 'atRisk', during: 'medium', aggregated: 'medium', types: ['unfamiliarFeatures'] }
        : {
            state: 'atRisk',
            during: 'high',
            aggregated: 'high',
            types: ['unfamiliarFeatures', 'anomalousToken'],
          };
  const replayApps: readonly (readonly [Resource, number])[] = [
    [RESOURCES.exchange, 5],
    [RESOURCES.graph, 3],
    [RESOURCES.sharePoint, 2],
  ];
  let t = at('2026-06-15T15:54:05Z');
  const end = at('2026-06-15T17:21:00Z');
  let i = 0;
  while (t.ms < end.ms) {
    const network = i % 5 === 3 ? ATTACKER.replayFrankfurt : ATTACKER.replayAmsterdam;
    const failed = t.ms > revoked.ms;
    add({
      interactive: false,
      time: t,
      lag: random.int(5_000, 90_000),
      user: victim,
      app: APPS.office,
      resource: random.weighted(replayApps),
      network,
      client: 'browser-elsewhere',
      userAgent: SCRIPT_AGENT,
      device: rogue,
      auth: 'previously-satisfied',
      code: failed ? 50173 : 0,
      incomingTokenType: 'primaryRefreshToken',
      risk: riskAt(t),
      sessionId: phish.sessionId,
    });
    t = plus(t, random.int(90, 260) * 1000);
    i++;
  }
  // 16:26–16:33 Exchange through Azure AD PowerShell (a family client the refresh token also opens).
  for (const iso of ['2026-06-15T16:26:41Z', '2026-06-15T16:29:03Z', '2026-06-15T16:33:27Z']) {
    add({
      interactive: false,
      time: at(iso),
      lag: random.int(5_000, 30_000),
      user: victim,
      app: APPS.aadPowerShell,
      resource: RESOURCES.exchange,
      network: ATTACKER.replayFrankfurt,
      client: 'browser-elsewhere',
      userAgent: SCRIPT_AGENT,
      device: rogue,
      auth: 'previously-satisfied',
      incomingTokenType: 'primaryRefreshToken',
      risk: riskAt(at(iso)),
      sessionId: phish.sessionId,
    });
  }
  // Identity Protection: medium at 15:58 (unfamiliar properties), high at 16:21 (anomalous token).
  const unfamiliar = at('2026-06-15T15:57:51.000Z');
  riskDetections.push(
    detection(random, {
      time: plus(unfamiliar, 2 * MINUTE),
      at: at('2026-06-15T15:54:05.000Z'),
      detected: unfamiliar,
      user: victim,
      type: 'unfamiliarFeatures',
      level: 'medium',
      state: 'atRisk',
      detail: 'none',
      timing: 'realtime',
      activity: 'signin',
      network: ATTACKER.replayAmsterdam,
    }),
  );
  riskyUsers.push(
    riskyUser(random, {
      time: at('2026-06-15T15:58:27.733Z'),
      lastUpdated: at('2026-06-15T15:58:21.000Z'),
      user: victim,
      level: 'medium',
      state: 'atRisk',
      detail: 'none',
    }),
  );
  const anomalous = at('2026-06-15T16:19:30.000Z');
  riskDetections.push(
    detection(random, {
      time: plus(anomalous, 3 * MINUTE),
      at: at('2026-06-15T16:05:12.000Z'),
      detected: anomalous,
      user: victim,
      type: 'anomalousToken',
      level: 'high',
      state: 'atRisk',
      detail: 'none',
      timing: 'offline',
      activity: 'signin',
      network: ATTACKER.replayFrankfurt,
    }),
  );
  riskyUsers.push(
    riskyUser(random, {
      time: at('2026-06-15T16:21:09.318Z'),
      lastUpdated: at('2026-06-15T16:21:02.000Z'),
      user: victim,
      level: 'high',
      state: 'atRisk',
      detail: 'none',
    }),
  );

  // 16:18 the consent, from her session on the attacker's server, and the same for three colleagues later.
  const graph = { id: '9f2c4e81-7b3a-4d56-a0e9-5c1b8d7f2a46', name: 'Microsoft Graph' };
  const consent = (who: User, when: Instant, ip: string, userAgent: string, first: boolean) => {
    const correlationId = random.guid();
    const grantId = random.guid().replace(/-/g, '').slice(0, 22);
    const sp: AuditTarget = {
      id: ROGUE_APP.servicePrincipalId,
      displayName: ROGUE_APP.name,
      type: 'ServicePrincipal',
      modifiedProperties: [],
    };
    const details = [
      { key: 'User-Agent', value: userAgent },
      { key: 'AppId', value: ROGUE_APP.appId },
    ];
    if (first) {
      audit.push(
        auditEvent(random, {
          time: plus(when, -2_180),
          correlationId,
          operationName: 'Add service principal',
          category: 'ApplicationManagement',
          loggedByService: 'Core Directory',
          operationType: 'Add',
          initiatedBy: userActor(who, ip),
          targets: [
            {
              ...sp,
              modifiedProperties: [
                { displayName: 'AccountEnabled', oldValue: '[]', newValue: '[true]' },
                {
                  displayName: 'AppPrincipalId',
                  oldValue: '[]',
                  newValue: `["${ROGUE_APP.appId}"]`,
                },
                { displayName: 'DisplayName', oldValue: '[]', newValue: `["${ROGUE_APP.name}"]` },
              ],
            },
          ],
          additionalDetails: details,
        }),
      );
    }
    audit.push(
      auditEvent(random, {
        time: plus(when, -640),
        correlationId,
        operationName: 'Add delegated permission grant',
        category: 'ApplicationManagement',
        loggedByService: 'Core Directory',
        operationType: 'Assign',
        initiatedBy: userActor(who, ip),
        targets: [
          {
            id: graph.id,
            displayName: graph.name,
            type: 'ServicePrincipal',
            modifiedProperties: [
              {
                displayName: 'DelegatedPermissionGrant.Scope',
                oldValue: '""',
                newValue: `"${ROGUE_SCOPE}"`,
              },
              {
                displayName: 'DelegatedPermissionGrant.ConsentType',
                oldValue: '""',
                newValue: '"Principal"',
              },
              {
                displayName: 'ServicePrincipal.ObjectID',
                oldValue: '""',
                newValue: `"${graph.id}"`,
              },
            ],
          },
          {
            id: ROGUE_APP.servicePrincipalId,
            displayName: null,
            type: 'ServicePrincipal',
            modifiedProperties: [],
          },
        ],
        additionalDetails: details,
      }),
    );
    audit.push(
      auditEvent(random, {
        time: when,
        correlationId,
        operationName: 'Consent to application',
        category: 'ApplicationManagement',
        loggedByService: 'Core Directory',
        operationType: 'Assign',
        initiatedBy: userActor(who, ip),
        targets: [
          {
            ...sp,
            modifiedProperties: [
              { displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: '"False"' },
              { displayName: 'ConsentContext.IsAppOnly', oldValue: null, newValue: '"False"' },
              { displayName: 'ConsentContext.OnBehalfOfAll', oldValue: null, newValue: '"False"' },
              {
                displayName: 'ConsentContext.Tags',
                oldValue: null,
                newValue: '"WindowsAzureActiveDirectoryIntegratedApp"',
              },
              {
                displayName: 'ConsentAction.Permissions',
                oldValue: null,
                newValue: `"${consentPermissionsText({ id: grantId, clientId: ROGUE_APP.servicePrincipalId, principalId: who.id, resourceId: graph.id, scope: ROGUE_SCOPE })}"`,
              },
              {
                displayName: 'ConsentAction.Reason',
                oldValue: null,
                newValue: '"Risky application detected"',
              },
              {
                displayName: 'TargetId.ServicePrincipalNames',
                oldValue: null,
                newValue: `"${ROGUE_APP.appId}"`,
              },
            ],
          },
        ],
        additionalDetails: details,
      }),
    );
  };
  consent(
    victim,
    at('2026-06-15T16:18:44.310Z'),
    ATTACKER.replayAmsterdam.ip,
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36',
    true,
  );
  const colleagueTimes = [
    '2026-06-15T17:05:19.846Z',
    '2026-06-15T17:41:02.207Z',
    '2026-06-15T18:12:55.593Z',
  ];
  colleagues.forEach((c, k) => {
    const network =
      c.remoteDays.length > 0 && k === 1
        ? c.home
        : { ip: OFFICES[c.office].egress[0]!, asn: ASN.office, place: OFFICES[c.office].place };
    // Each opens the link in the browser they sign in with, then consents.
    const when = at(colleagueTimes[k]!);
    add({
      interactive: true,
      time: plus(when, -95_000),
      lag: 12_000,
      user: c,
      app: { id: ROGUE_APP.appId, name: ROGUE_APP.name, ownerTenantId: ROGUE_APP.ownerTenantId },
      resource: RESOURCES.graph,
      network,
      client: 'laptop',
      auth: 'previously-satisfied',
      incomingTokenType: 'primaryRefreshToken',
      scopes: ROGUE_SCOPE.split(' '),
    });
    consent(c, when, network.ip, c.laptop.userAgent, false);
  });

  // 16:44 the response: confirmed compromised, password reset, sessions revoked, the rogue device deleted.
  const responderIp = OFFICES[responder.office].egress[0]!;
  const confirmed = at('2026-06-15T16:44:47.000Z');
  // Identity Protection is still re-evaluating her risk after the administrator's action (isProcessing).
  riskyUsers.push({
    ...riskyUser(random, {
      time: at('2026-06-15T16:44:51.870Z'),
      lastUpdated: confirmed,
      user: victim,
      level: 'high',
      state: 'confirmedCompromised',
      detail: 'adminConfirmedUserCompromised',
    }),
    isProcessing: true,
  });
  for (const d of riskDetections.filter(
    (r) => r.user === victim && r.riskState === 'atRisk' && r.riskEventType !== 'passwordSpray',
  )) {
    riskDetections.push({
      ...d,
      time: plus(confirmed, 90_000),
      lastUpdated: confirmed,
      riskState: 'confirmedCompromised',
      riskDetail: 'adminConfirmedUserCompromised',
    });
  }
  const victimTarget = (props: AuditTarget['modifiedProperties']): AuditTarget => ({
    id: victim.id,
    displayName: null,
    type: 'User',
    userPrincipalName: victim.upn,
    modifiedProperties: props,
  });
  const adminUa = [{ key: 'User-Agent', value: responder.laptop.userAgent }];
  audit.push(
    auditEvent(random, {
      time: at('2026-06-15T16:47:13.602Z'),
      operationName: 'Reset user password',
      category: 'UserManagement',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      initiatedBy: userActor(responder, responderIp),
      targets: [victimTarget([])],
      additionalDetails: adminUa,
    }),
  );
  audit.push(
    auditEvent(random, {
      time: revoked,
      operationName: 'Update user',
      category: 'UserManagement',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      initiatedBy: userActor(responder, responderIp),
      targets: [
        victimTarget([
          {
            displayName: 'StsRefreshTokensValidFrom',
            oldValue: '["2026-06-10T15:04:22Z"]',
            newValue: '["2026-06-15T16:48:02Z"]',
          },
          {
            displayName: 'Included Updated Properties',
            oldValue: null,
            newValue: '"StsRefreshTokensValidFrom"',
          },
        ]),
      ],
      additionalDetails: adminUa,
    }),
  );
  audit.push(
    auditEvent(random, {
      time: at('2026-06-15T16:52:40.019Z'),
      operationName: 'Delete device',
      category: 'Device',
      loggedByService: 'Core Directory',
      operationType: 'Delete',
      initiatedBy: userActor(responder, responderIp),
      targets: [
        {
          id: ROGUE_DEVICE.objectId,
          displayName: ROGUE_DEVICE.displayName,
          type: 'Device',
          modifiedProperties: [
            { displayName: 'TargetId.DeviceId', oldValue: null, newValue: `"${ROGUE_DEVICE.id}"` },
          ],
        },
      ],
      additionalDetails: adminUa,
    }),
  );

  // Tuesday: the app is removed from the tenant.
  audit.push(
    auditEvent(random, {
      time: at('2026-06-16T16:31:08.744Z'),
      operationName: 'Remove service principal',
      category: 'ApplicationManagement',
      loggedByService: 'Core Directory',
      operationType: 'Delete',
      initiatedBy: userActor(responder, responderIp),
      targets: [
        {
          id: ROGUE_APP.servicePrincipalId,
          displayName: ROGUE_APP.name,
          type: 'ServicePrincipal',
          modifiedProperties: [],
        },
      ],
      additionalDetails: adminUa,
    }),
  );
  return { signIns, audit, riskyUsers, riskDetections };
}

function riskyUser(
  random: Random,
  r: {
    time: Instant;
    lastUpdated: Instant;
    user: User;
    upn?: string;
    level: RiskyUserState['riskLevel'];
    state: RiskyUserState['riskState'];
    detail: string;
  },
): RiskyUserState {
  return {
    time: r.time,
    lastUpdated: r.lastUpdated,
    user: r.user,
    upn: r.upn ?? r.user.upn,
    riskLevel: r.level,
    riskState: r.state,
    riskDetail: r.detail,
    isProcessing: false,
    correlationId: random.guid(),
  };
}

function detection(
  random: Random,
  r: {
    time: Instant;
    at: Instant;
    detected?: Instant;
    user: User;
    type: string;
    level: RiskDetection['riskLevel'];
    state: RiskDetection['riskState'];
    detail: string;
    timing: RiskDetection['detectionTimingType'];
    activity: RiskDetection['activity'];
    network: Network | null;
    id?: string;
  },
): RiskDetection {
  return {
    time: r.time,
    activityTime: r.at,
    detectedTime: r.detected ?? r.at,
    lastUpdated: r.time,
    id: r.id ?? (random.guid() + random.guid()).replace(/-/g, '').slice(0, 64),
    requestId: random.guid(),
    correlationId: random.guid(),
    user: r.user,
    riskEventType: r.type,
    riskLevel: r.level,
    riskState: r.state,
    riskDetail: r.detail,
    source: 'IdentityProtection',
    detectionTimingType: r.timing,
    activity: r.activity,
    network: r.network,
    additionalInfo: r.network ? [{ Key: 'userAgent', Value: SCRIPT_AGENT }] : [],
  };
}
