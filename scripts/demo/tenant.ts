/**
 * The cast of the demo tenant: Larkspur Freight, a logistics company with offices in Seattle,
 * Chicago and Dublin. Everything here is invented except public facts: city coordinates, and the
 * well-known ids of Microsoft's first-party applications (they are the same in every tenant and
 * are what detection rules match on).
 *
 * Addresses and networks are reserved for documentation, so that no real person or network is
 * named: IPv4 from RFC 5737 (192.0.2.0/24 offices, 198.51.100.0/24 homes, 203.0.113.0/24 the
 * attacker), IPv6 from RFC 3849 (2001:db8::/32, phones), AS numbers from RFC 5398 (64496–64511),
 * and the mail domain under .example (RFC 2606).
 */
import type { Random } from './random.ts';

export const DOMAIN = 'larkspur.example';
/** The Log Analytics workspace id (the TenantId column of every table). */
export const WORKSPACE_ID = '5f1c2a7e-93b4-4d0a-8e61-2b7d9c4a1f30';
/** The Entra tenant id (AADTenantId, HomeTenantId, ResourceTenantId). */
export const AAD_TENANT_ID = 'c3d9e4a1-6b2f-4e87-a05c-71f8b2d64e19';
/** Microsoft's own tenant, owner of the first-party applications (AppOwnerTenantId). */
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
export const RESOURCE_ID = `/tenants/${AAD_TENANT_ID}/providers/Microsoft.aadiam`;

export interface Place {
  readonly city: string;
  readonly state: string;
  readonly countryOrRegion: string;
  readonly latitude: number;
  readonly longitude: number;
  /** Hours from UTC in June (daylight saving time where it applies). */
  readonly utcOffset: number;
}

export const PLACES = {
  seattle: {
    city: 'Seattle',
    state: 'Washington',
    countryOrRegion: 'US',
    latitude: 47.6062095,
    longitude: -122.3320708,
    utcOffset: -7,
  },
  bellevue: {
    city: 'Bellevue',
    state: 'Washington',
    countryOrRegion: 'US',
    latitude: 47.6101497,
    longitude: -122.2015159,
    utcOffset: -7,
  },
  tacoma: {
    city: 'Tacoma',
    state: 'Washington',
    countryOrRegion: 'US',
    latitude: 47.2528768,
    longitude: -122.4442906,
    utcOffset: -7,
  },
  chicago: {
    city: 'Chicago',
    state: 'Illinois',
    countryOrRegion: 'US',
    latitude: 41.8781136,
    longitude: -87.6297982,
    utcOffset: -5,
  },
  evanston: {
    city: 'Evanston',
    state: 'Illinois',
    countryOrRegion: 'US',
    latitude: 42.0450722,
    longitude: -87.6876969,
    utcOffset: -5,
  },
  dublin: {
    city: 'Dublin',
    state: 'Dublin',
    countryOrRegion: 'IE',
    latitude: 53.3498053,
    longitude: -6.2603097,
    utcOffset: 1,
  },
  cork: {
    city: 'Cork',
    state: 'Cork',
    countryOrRegion: 'IE',
    latitude: 51.8968917,
    longitude: -8.4863157,
    utcOffset: 1,
  },
  // Where the attacker's rented servers and proxies are.
  amsterdam: {
    city: 'Amsterdam',
    state: 'Noord-Holland',
    countryOrRegion: 'NL',
    latitude: 52.3675734,
    longitude: 4.9041389,
    utcOffset: 2,
  },
  frankfurt: {
    city: 'Frankfurt am Main',
    state: 'Hessen',
    countryOrRegion: 'DE',
    latitude: 50.1109221,
    longitude: 8.6821267,
    utcOffset: 2,
  },
  bucharest: {
    city: 'Bucharest',
    state: 'Bucuresti',
    countryOrRegion: 'RO',
    latitude: 44.4267674,
    longitude: 26.1025384,
    utcOffset: 3,
  },
  singapore: {
    city: 'Singapore',
    state: 'Singapore',
    countryOrRegion: 'SG',
    latitude: 1.352083,
    longitude: 103.819836,
    utcOffset: 8,
  },
  saoPaulo: {
    city: 'Sao Paulo',
    state: 'Sao Paulo',
    countryOrRegion: 'BR',
    latitude: -23.5557714,
    longitude: -46.6395571,
    utcOffset: -3,
  },
} as const satisfies Record<string, Place>;

/** A network a sign-in can come from: its address, its autonomous system, where it geolocates. */
export interface Network {
  readonly ip: string;
  readonly asn: number;
  readonly place: Place;
}

export type OfficeName = 'Seattle' | 'Chicago' | 'Dublin';

export const OFFICES: Readonly<
  Record<
    OfficeName,
    { readonly place: Place; readonly egress: readonly string[]; readonly homes: readonly Place[] }
  >
> = {
  Seattle: {
    place: PLACES.seattle,
    egress: ['192.0.2.10', '192.0.2.11'],
    homes: [PLACES.seattle, PLACES.bellevue, PLACES.tacoma],
  },
  Chicago: {
    place: PLACES.chicago,
    egress: ['192.0.2.40'],
    homes: [PLACES.chicago, PLACES.evanston],
  },
  Dublin: { place: PLACES.dublin, egress: ['192.0.2.70'], homes: [PLACES.dublin, PLACES.cork] },
};

/** The office ISP and the home broadband and mobile networks (documentation AS numbers). */
export const ASN = {
  office: 64496,
  homeUs: 64497,
  homeIe: 64498,
  mobile: 64500,
  attackerHosting: 64510,
  attackerProxies: 64511,
} as const;

export interface App {
  readonly id: string;
  readonly name: string;
  /** The tenant that publishes the app (AppOwnerTenantId); Microsoft's for first-party apps. */
  readonly ownerTenantId?: string;
}

/** First-party applications, by their published ids. */
export const APPS = {
  office: { id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', name: 'Microsoft Office' },
  officeHome: { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' },
  outlookWeb: { id: '9199bf20-a13f-4107-85dc-02114787ef48', name: 'One Outlook Web' },
  teams: { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
  oneDrive: { id: 'ab9b8c07-8f02-4f72-87fa-80105867a763', name: 'OneDrive SyncEngine' },
  broker: { id: '29d9ed98-a469-4536-ade2-f981bc1d605e', name: 'Microsoft Authentication Broker' },
  outlookMobile: { id: '27922004-5251-4030-b22d-91ecd9a37ea4', name: 'Outlook Mobile' },
  azurePortal: { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal' },
  windowsSignIn: { id: '38aa3b87-a06d-4817-b275-7a316988d93b', name: 'Windows Sign In' },
  edge: { id: 'ecd6b820-32c2-49b6-98a6-444530e5a77a', name: 'Microsoft Edge' },
  aadPowerShell: {
    id: '1b730954-1685-4b74-9bfd-dac224a7b894',
    name: 'Azure Active Directory PowerShell',
  },
} as const satisfies Record<string, App>;

/** Resources (the APIs a token is for), by their published ids. */
export const RESOURCES = {
  exchange: { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
  sharePoint: { id: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online' },
  graph: { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' },
  aadGraph: { id: '00000002-0000-0000-c000-000000000000', name: 'Windows Azure Active Directory' },
  teamsServices: { id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', name: 'Microsoft Teams Services' },
  officeHome: { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' },
  azureManagement: {
    id: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    name: 'Windows Azure Service Management API',
  },
  deviceRegistration: {
    id: '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9',
    name: 'Device Registration Service',
  },
} as const satisfies Record<string, App>;

export type Resource = App;

/** The tenant's Conditional Access policies (ids are the tenant's own). */
export const CA_POLICIES = {
  mfaAllUsers: {
    id: '6a1f0c3e-58d2-4b7e-9c41-0e2d7b8f5a63',
    displayName: 'CA001: Require multifactor authentication for all users',
    grant: ['Mfa'],
  },
  blockLegacy: {
    id: '0b7e4d29-c1a8-4f36-8e5d-93a2c6f1b074',
    displayName: 'CA002: Block legacy authentication',
    grant: ['Block'],
  },
  compliantAdmins: {
    id: 'e49c2a7b-6d13-4f80-b5e2-1a8c9d3f7e26',
    displayName: 'CA003: Require compliant device for administrators',
    grant: ['RequireCompliantDevice'],
  },
} as const;

export type Department =
  | 'Finance'
  | 'Sales'
  | 'Operations'
  | 'Logistics'
  | 'Engineering'
  | 'IT'
  | 'HR'
  | 'Legal'
  | 'Customer Service'
  | 'Executive';

export interface Device {
  readonly id: string;
  readonly displayName: string;
  readonly operatingSystem: string;
  readonly browser: string;
  readonly userAgent: string;
  readonly trustType: 'Azure AD joined' | 'Azure AD registered';
  readonly isCompliant: boolean;
  readonly isManaged: boolean;
}

export interface Phone {
  readonly id: string;
  readonly operatingSystem: 'Ios' | 'Android';
  readonly ipv6: string;
  /** Outlook Mobile's user agent on this phone. */
  readonly outlookAgent: string;
}

export interface User {
  readonly id: string;
  readonly displayName: string;
  readonly upn: string;
  readonly department: Department;
  readonly jobTitle: string;
  readonly office: OfficeName;
  /** Where they work from home, and the home address's IP. */
  readonly home: Network;
  readonly laptop: Device;
  readonly phone: Phone | null;
  /** Works from home on these weekdays (1 = Monday). */
  readonly remoteDays: readonly number[];
  /** Signs in to the Azure portal (IT staff). */
  readonly isAdmin: boolean;
}

const FIRST = [
  'Aaron',
  'Abigail',
  'Adrian',
  'Aisha',
  'Alan',
  'Alice',
  'Amara',
  'Andre',
  'Angela',
  'Anika',
  'Ben',
  'Bianca',
  'Brendan',
  'Caitlin',
  'Carlos',
  'Chloe',
  'Ciaran',
  'Claire',
  'Connor',
  'Daniel',
  'Deepa',
  'Diego',
  'Eamon',
  'Elena',
  'Emeka',
  'Emily',
  'Eric',
  'Fatima',
  'Fiona',
  'Gareth',
  'Grace',
  'Hannah',
  'Hiro',
  'Ian',
  'Imani',
  'Isabel',
  'Jamal',
  'Jasmine',
  'Jonas',
  'Julia',
  'Kai',
  'Karen',
  'Kevin',
  'Laila',
  'Liam',
  'Lucia',
  'Malik',
  'Maya',
  'Mei',
  'Miguel',
  'Nadia',
  'Naomi',
  'Niall',
  'Nora',
  'Omar',
  'Orla',
  'Owen',
  'Priya',
  'Rafael',
  'Rosa',
  'Ryan',
  'Sam',
  'Sean',
  'Sofia',
  'Tariq',
  'Tessa',
  'Tom',
  'Uma',
  'Victor',
  'Wei',
  'Yara',
  'Zoe',
] as const;
const LAST = [
  'Adams',
  'Ahmed',
  'Alvarez',
  'Baker',
  'Banerjee',
  'Brennan',
  'Byrne',
  'Carter',
  'Chen',
  'Clarke',
  'Cole',
  'Costa',
  'Daly',
  'Diaz',
  'Doyle',
  'Edwards',
  'Farrell',
  'Fischer',
  'Flores',
  'Foster',
  'Garcia',
  'Gallagher',
  'Grant',
  'Gupta',
  'Hale',
  'Hayes',
  'Herrera',
  'Hughes',
  'Ito',
  'Jensen',
  'Kane',
  'Kaur',
  'Kelly',
  'Kim',
  'Kowalski',
  'Lee',
  'Lopez',
  'Lynch',
  'Martin',
  'Mehta',
  'Morales',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Obi',
  'Okafor',
  "O'Brien",
  'Park',
  'Patel',
  'Quinn',
  'Ramos',
  'Reyes',
  'Rossi',
  'Ryan',
  'Santos',
  'Schmidt',
  'Shah',
  'Silva',
  'Sullivan',
  'Tanaka',
  'Torres',
  'Walsh',
  'Wang',
  'Whitfield',
  'Wright',
  'Yilmaz',
  'Young',
  'Zhang',
] as const;

const DEPARTMENTS: readonly (readonly [Department, number])[] = [
  ['Logistics', 50],
  ['Operations', 40],
  ['Sales', 35],
  ['Customer Service', 30],
  ['Finance', 20],
  ['Engineering', 25],
  ['IT', 10],
  ['HR', 8],
  ['Legal', 5],
  ['Executive', 5],
];
const TITLES: Readonly<Record<Department, readonly string[]>> = {
  Logistics: ['Dispatcher', 'Fleet Coordinator', 'Logistics Planner', 'Warehouse Lead'],
  Operations: ['Operations Analyst', 'Operations Manager', 'Site Supervisor'],
  Sales: ['Account Executive', 'Sales Representative', 'Sales Manager'],
  'Customer Service': ['Customer Service Agent', 'Support Team Lead'],
  Finance: ['Accountant', 'Accounts Payable Specialist', 'Financial Analyst', 'Payroll Specialist'],
  Engineering: ['Software Engineer', 'Data Engineer', 'QA Engineer'],
  IT: ['Systems Administrator', 'Service Desk Analyst', 'Cloud Engineer'],
  HR: ['HR Generalist', 'Recruiter'],
  Legal: ['Counsel', 'Paralegal'],
  Executive: ['Director', 'Vice President'],
};

/** Browser and user agent of a corporate Windows laptop or a Mac, as Entra reports them in June 2026. */
const LAPTOPS = [
  {
    weight: 55,
    operatingSystem: 'Windows10',
    browser: 'Edge 137.0.0',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 Edg/137.0.3296.83',
  },
  {
    weight: 30,
    operatingSystem: 'Windows10',
    browser: 'Chrome 137.0.0',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36',
  },
  {
    weight: 10,
    operatingSystem: 'MacOs',
    browser: 'Safari 18.5',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
  },
  {
    weight: 5,
    operatingSystem: 'Windows10',
    browser: 'Firefox 139.0',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:139.0) Gecko/20100101 Firefox/139.0',
  },
] as const;

function hexByte(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** The tenant's users: `count` of them, the same ones on every run for a given random source. */
export function makeUsers(random: Random, count: number): User[] {
  const users: User[] = [];
  const taken = new Set<string>();
  const homeHosts = random.shuffle(Array.from({ length: 250 }, (_, i) => i + 2));
  while (users.length < count) {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const upn = `${first}.${last.replace(/'/g, '')}@${DOMAIN}`.toLowerCase();
    if (taken.has(upn)) continue;
    taken.add(upn);
    const department = random.weighted(DEPARTMENTS);
    const office = random.weighted<OfficeName>([
      ['Seattle', 55],
      ['Chicago', 25],
      ['Dublin', 20],
    ]);
    const laptopKind = random.weighted(LAPTOPS.map((l) => [l, l.weight] as const));
    const homePlace = random.pick(OFFICES[office].homes);
    const n = users.length;
    const hasPhone = random.chance(0.7);
    const ios = random.chance(0.55);
    users.push({
      id: random.guid(),
      displayName: `${first} ${last}`,
      upn,
      department,
      jobTitle: random.pick(TITLES[department]),
      office,
      home: {
        ip: `198.51.100.${homeHosts[n % homeHosts.length]}`,
        asn: homePlace.countryOrRegion === 'IE' ? ASN.homeIe : ASN.homeUs,
        place: homePlace,
      },
      laptop: {
        id: random.guid(),
        displayName: `${laptopKind.operatingSystem === 'MacOs' ? 'LF-MAC' : 'LF-WIN'}-${String(1000 + n)}`,
        operatingSystem: laptopKind.operatingSystem,
        browser: laptopKind.browser,
        userAgent: laptopKind.userAgent,
        trustType:
          laptopKind.operatingSystem === 'MacOs' ? 'Azure AD registered' : 'Azure AD joined',
        isCompliant: random.chance(0.96),
        isManaged: true,
      },
      phone: hasPhone
        ? {
            id: random.guid(),
            operatingSystem: ios ? 'Ios' : 'Android',
            ipv6: `2001:db8:4a00:${hexByte(n)}::${random.int(1, 0xfff).toString(16)}`,
            outlookAgent: ios ? 'Outlook-iOS/2.0' : 'Outlook-Android/2.0',
          }
        : null,
      remoteDays: random.chance(0.6)
        ? [random.pick([1, 5]), ...(random.chance(0.4) ? [3] : [])]
        : [],
      isAdmin: department === 'IT',
    });
  }
  return users;
}
