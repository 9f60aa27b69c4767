/**
 * An ordinary week at Larkspur Freight: people start their laptops (Windows Hello), open Outlook
 * and Teams, sign in to web apps with the token they already hold, mistype a password now and
 * then; desktop apps and phones refresh tokens silently; the service desk manages accounts and
 * devices; Identity Protection flags a few low risks that resolve themselves. The attack in
 * story.ts happens on top of this.
 */
import type { AuditEvent, RiskDetection, RiskyUserState, SignIn } from './model.ts';
import type { Random } from './random.ts';
import { makeSignIn, type SignInSpec } from './sign-ins.ts';
import {
  APPS,
  ASN,
  OFFICES,
  RESOURCES,
  type App,
  type Network,
  type Resource,
  type User,
} from './tenant.ts';
import { DAY, HOUR, MINUTE, type Instant } from './time.ts';
import { auditEvent, directoryApp, userActor } from './audit.ts';

/** The demo's week: Wednesday 10 June to Tuesday 16 June 2026 (UTC). */
export const FIRST_DAY = Date.UTC(2026, 5, 10);
export const DAYS = 7;

export interface Baseline {
  readonly signIns: SignIn[];
  readonly audit: AuditEvent[];
  readonly riskyUsers: RiskyUserState[];
  readonly riskDetections: RiskDetection[];
}

function instant(ms: number): Instant {
  return { ms: Math.round(ms), ticks: 0 };
}

function officeNetwork(random: Random, user: User): Network {
  const office = OFFICES[user.office];
  return { ip: random.pick(office.egress), asn: ASN.office, place: office.place };
}

function phoneNetwork(user: User): Network {
  return { ip: user.phone!.ipv6, asn: ASN.mobile, place: user.home.place };
}

/** The working day of one user: where from, when it starts and ends (UTC ms), or null on a day off. */
function workday(
  random: Random,
  user: User,
  dayStart: number,
): { network: Network; start: number; end: number } | null {
  const weekday = new Date(dayStart).getUTCDay();
  if (weekday === 0 || weekday === 6) return null;
  if (random.chance(0.04)) return null; // leave, sick day
  const offset = OFFICES[user.office].place.utcOffset;
  const start = dayStart + (7.5 - offset) * HOUR + random.int(0, 120) * MINUTE;
  const end = start + (8 + random.next() * 1.5) * HOUR;
  const network = user.remoteDays.includes(weekday) ? user.home : officeNetwork(random, user);
  return { network, start, end };
}

/**
 * The user agent a desktop app's silent refresh reports: Outlook names itself; the other rich
 * clients leave it empty, as most non-interactive rows in real exports do.
 */
function desktopAgent(user: User, app: { id: string }): string {
  if (app.id !== APPS.office.id) return '';
  return user.laptop.operatingSystem === 'MacOs'
    ? 'Microsoft Office/16.0 (Macintosh; Mac OS X 15.5; Microsoft Outlook 16.98)'
    : 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18925; Pro)';
}

function between(random: Random, start: number, end: number): number {
  return start + random.next() * (end - start);
}

export function makeBaseline(random: Random, users: readonly User[]): Baseline {
  const signIns: SignIn[] = [];
  const add = (spec: SignInSpec) => signIns.push(makeSignIn(random, spec));
  for (const user of users) {
    for (let d = 0; d < DAYS; d++) {
      const dayStart = FIRST_DAY + d * DAY;
      const day = workday(random, user, dayStart);
      if (day) {
        const { network, start, end } = day;
        const session = random.guid();
        const windows = user.laptop.operatingSystem === 'Windows10';
        // The laptop's first sign-in of the day (Windows Hello), which renews its primary refresh token.
        if (windows && random.chance(0.55)) {
          add({
            interactive: true,
            time: instant(start + random.int(1, 8) * MINUTE),
            user,
            app: APPS.windowsSignIn,
            resource: RESOURCES.aadGraph,
            network,
            client: 'laptop',
            userAgent: 'Windows-AzureAD-Authentication-Provider/1.0',
            auth: 'windows-hello',
            sessionId: session,
          });
        }
        // A web app opened with the sign-in the browser already holds; now and then a typo or a prompt first.
        if (random.chance(0.45)) {
          const t = between(random, start, end);
          const app = random.weighted<App>([
            [APPS.officeHome, 5],
            [APPS.outlookWeb, 4],
            [APPS.teams, 1],
          ]);
          const resource =
            app.id === APPS.outlookWeb.id
              ? RESOURCES.exchange
              : app.id === APPS.teams.id
                ? RESOURCES.teamsServices
                : RESOURCES.officeHome;
          if (random.chance(0.04)) {
            add({
              interactive: true,
              time: instant(t - 70_000),
              user,
              app,
              resource,
              network,
              client: 'laptop',
              code: 50126,
              auth: 'password-failed',
              sessionId: session,
            });
            add({
              interactive: true,
              time: instant(t),
              user,
              app,
              resource,
              network,
              client: 'laptop',
              auth: 'password+mfa',
              sessionId: session,
            });
          } else if (random.chance(0.05)) {
            add({
              interactive: true,
              time: instant(t - 40_000),
              user,
              app,
              resource,
              network,
              client: 'laptop',
              code: 50074,
              auth: 'password-ok-mfa-required',
              sessionId: session,
            });
            add({
              interactive: true,
              time: instant(t),
              user,
              app,
              resource,
              network,
              client: 'laptop',
              auth: 'password+mfa',
              sessionId: session,
            });
          } else {
            add({
              interactive: true,
              time: instant(t),
              user,
              app,
              resource,
              network,
              client: 'laptop',
              auth: 'previously-satisfied',
              incomingTokenType: 'primaryRefreshToken',
              sessionId: session,
            });
          }
        }
        // The service desk works in the Azure portal.
        if (user.isAdmin) {
          for (let i = random.int(1, 2); i > 0; i--) {
            add({
              interactive: true,
              time: instant(between(random, start, end)),
              user,
              app: APPS.azurePortal,
              resource: RESOURCES.azureManagement,
              network,
              client: 'laptop',
              auth: 'previously-satisfied',
              incomingTokenType: 'primaryRefreshToken',
              sessionId: session,
            });
          }
        }
        // Desktop apps refreshing their tokens silently (aggregated by Entra: created earlier than logged).
        const silent = (app: App, resource: Resource, p: number) => {
          if (!random.chance(p)) return;
          add({
            interactive: false,
            time: instant(between(random, start, end)),
            lag: random.int(60_000, 40 * 60_000),
            user,
            app,
            resource,
            network,
            client: 'laptop',
            userAgent: desktopAgent(user, app),
            auth: 'previously-satisfied',
            sessionId: session,
          });
        };
        silent(APPS.office, RESOURCES.exchange, 0.6);
        silent(APPS.office, RESOURCES.graph, 0.2);
        silent(APPS.teams, RESOURCES.teamsServices, 0.5);
        silent(APPS.oneDrive, RESOURCES.sharePoint, 0.15);
        silent(APPS.broker, RESOURCES.graph, 0.1);
      } else if (random.chance(0.07)) {
        // A look at mail from home on a day off.
        add({
          interactive: true,
          time: instant(dayStart + random.int(14, 30) * HOUR),
          user,
          app: APPS.outlookWeb,
          resource: RESOURCES.exchange,
          network: user.home,
          client: 'laptop',
          auth: 'password+mfa',
        });
      }
      // The phone's Outlook refreshes its token around the clock.
      if (user.phone) {
        const n = day ? random.int(0, 2) : random.int(0, 1);
        for (let i = 0; i < n; i++) {
          add({
            interactive: false,
            time: instant(dayStart + random.next() * DAY),
            lag: random.int(60_000, 55 * 60_000),
            user,
            app: APPS.outlookMobile,
            resource: RESOURCES.exchange,
            network: phoneNetwork(user),
            client: 'phone',
            auth: 'previously-satisfied',
          });
        }
      }
    }
  }
  const { audit, riskyUsers, riskDetections } = directoryWork(random.fork('directory'), users);
  return { signIns, audit, riskyUsers, riskDetections };
}

/** The service desk's and the directory's own changes during the week, and Identity Protection's background noise. */
function directoryWork(
  random: Random,
  users: readonly User[],
): { audit: AuditEvent[]; riskyUsers: RiskyUserState[]; riskDetections: RiskDetection[] } {
  const audit: AuditEvent[] = [];
  const admins = users.filter((u) => u.isAdmin);
  const at = (d: number, hourUtc: number) =>
    instant(
      FIRST_DAY + d * DAY + hourUtc * HOUR + random.int(0, 59) * MINUTE + random.int(0, 59_999),
    );
  for (let d = 0; d < DAYS; d++) {
    const weekday = new Date(FIRST_DAY + d * DAY).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    // Self-service password changes and MFA registrations.
    for (let i = random.int(1, 4); i > 0; i--) {
      const user = random.pick(users);
      const t = at(d, random.int(14, 23));
      const ip = user.home.ip;
      audit.push(
        auditEvent(random, {
          time: t,
          operationName: 'Change user password',
          category: 'UserManagement',
          loggedByService: 'Self-service Password Management',
          operationType: 'Update',
          initiatedBy: userActor(user, ip),
          targets: [
            {
              id: user.id,
              displayName: user.displayName,
              type: 'User',
              userPrincipalName: user.upn,
              modifiedProperties: [],
            },
          ],
          additionalDetails: [],
        }),
      );
    }
    for (let i = random.int(0, 2); i > 0; i--) {
      const user = random.pick(users);
      audit.push(
        auditEvent(random, {
          time: at(d, random.int(14, 22)),
          operationName: 'User registered security info',
          category: 'UserManagement',
          loggedByService: 'Authentication Methods',
          operationType: 'Add',
          initiatedBy: userActor(user, user.home.ip),
          targets: [
            {
              id: user.id,
              displayName: user.displayName,
              type: 'User',
              userPrincipalName: user.upn,
              modifiedProperties: [],
            },
          ],
          additionalDetails: [{ key: 'Method', value: 'Microsoft Authenticator' }],
        }),
      );
    }
    // The service desk: group memberships and profile updates.
    for (let i = random.int(2, 5); i > 0; i--) {
      const admin = random.pick(admins);
      const user = random.pick(users);
      const group = random.pick([
        'SG-Logistics-Planners',
        'SG-Finance-Reporting',
        'SG-VPN-Users',
        'SG-Sales-EMEA',
        'SG-Printers-Seattle',
      ]);
      audit.push(
        auditEvent(random, {
          time: at(d, random.int(15, 23)),
          operationName: 'Add member to group',
          category: 'GroupManagement',
          loggedByService: 'Core Directory',
          operationType: 'Assign',
          initiatedBy: userActor(admin, OFFICES[admin.office].egress[0]!),
          targets: [
            {
              id: user.id,
              displayName: null,
              type: 'User',
              userPrincipalName: user.upn,
              modifiedProperties: [
                { displayName: 'Group.DisplayName', oldValue: null, newValue: `"${group}"` },
              ],
            },
            { id: random.guid(), displayName: null, type: 'Group', modifiedProperties: [] },
          ],
          additionalDetails: [
            {
              key: 'User-Agent',
              value:
                'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 Edg/137.0.3296.83',
            },
          ],
        }),
      );
    }
    for (let i = random.int(1, 3); i > 0; i--) {
      const admin = random.pick(admins);
      const user = random.pick(users);
      audit.push(
        auditEvent(random, {
          time: at(d, random.int(15, 23)),
          operationName: 'Update user',
          category: 'UserManagement',
          loggedByService: 'Core Directory',
          operationType: 'Update',
          initiatedBy: userActor(admin, OFFICES[admin.office].egress[0]!),
          targets: [
            {
              id: user.id,
              displayName: null,
              type: 'User',
              userPrincipalName: user.upn,
              modifiedProperties: [
                { displayName: 'JobTitle', oldValue: null, newValue: `["${user.jobTitle}"]` },
                {
                  displayName: 'Included Updated Properties',
                  oldValue: null,
                  newValue: '"JobTitle"',
                },
              ],
            },
          ],
          additionalDetails: [{ key: 'UserType', value: 'Member' }],
        }),
      );
    }
    // Intune keeps devices in step.
    for (let i = random.int(2, 6); i > 0; i--) {
      const user = random.pick(users);
      audit.push(
        auditEvent(random, {
          time: at(d, random.int(0, 23)),
          operationName: 'Update device',
          category: 'Device',
          loggedByService: 'Core Directory',
          operationType: 'Update',
          initiatedBy: directoryApp('Microsoft Intune'),
          targets: [
            {
              id: user.laptop.id,
              displayName: user.laptop.displayName,
              type: 'Device',
              modifiedProperties: [
                {
                  displayName: 'IsCompliant',
                  oldValue: `[${!user.laptop.isCompliant}]`,
                  newValue: `[${user.laptop.isCompliant}]`,
                },
              ],
            },
          ],
          additionalDetails: [],
        }),
      );
    }
  }
  // Identity Protection's background: a few low risks on ordinary travel, closed when the user passes MFA.
  const riskyUsers: RiskyUserState[] = [];
  const riskDetections: RiskDetection[] = [];
  for (const user of random.shuffle(users).slice(0, 5)) {
    const d = random.int(0, DAYS - 2);
    const flagged = at(d, random.int(13, 22));
    const detectionId = random.guid().replace(/-/g, '') + random.guid().replace(/-/g, '');
    riskDetections.push({
      time: instant(flagged.ms + 4 * MINUTE),
      activityTime: flagged,
      detectedTime: flagged,
      lastUpdated: instant(flagged.ms + 2 * HOUR),
      id: detectionId.slice(0, 64),
      requestId: random.guid(),
      correlationId: random.guid(),
      user,
      riskEventType: random.pick(['unfamiliarFeatures', 'anonymizedIPAddress', 'unlikelyTravel']),
      riskLevel: 'low',
      riskState: 'remediated',
      riskDetail: 'userPassedMFADrivenByRiskBasedPolicy',
      source: 'IdentityProtection',
      detectionTimingType: 'realtime',
      activity: 'signin',
      network: user.home,
      additionalInfo: [{ Key: 'userAgent', Value: user.laptop.userAgent }],
    });
    riskyUsers.push({
      time: instant(flagged.ms + 6 * MINUTE),
      lastUpdated: flagged,
      user,
      upn: user.upn,
      riskLevel: 'low',
      riskState: 'atRisk',
      riskDetail: 'none',
      isProcessing: false,
      correlationId: random.guid(),
    });
    const cleared = instant(flagged.ms + random.int(20, 90) * MINUTE);
    riskyUsers.push({
      time: instant(cleared.ms + 5 * MINUTE),
      lastUpdated: cleared,
      user,
      upn: user.upn,
      riskLevel: 'none',
      riskState: 'remediated',
      riskDetail: 'userPassedMFADrivenByRiskBasedPolicy',
      isProcessing: false,
      correlationId: random.guid(),
    });
  }
  return { audit, riskyUsers, riskDetections };
}
