/**
 * What each of the 18 Sentinel rules in tests/fixtures/rules/sentinel/ does today when replayed over
 * ../shared/samples/la-export-bec/ (issue 3, "Real rules"; issue 4, "Done when").
 *
 * - `runs`: the replay completes. `emptyTables` are the tables the rule reads that the samples do
 *   not hold: the replay creates them empty from the schema catalog.
 * - `fails`: the replay stops with a typed error at a place in the rule file. `at` is the text
 *   found at that line and column (the construct the error names), so a position that drifts is
 *   caught. Only the two files broken as published are meant to stay here; every other entry is a
 *   construct the translator does not support yet. When it starts running, the test fails and asks
 *   to move the rule to `runs`: this list only shrinks.
 *
 * docs/real-rules.md is the readable form of this table; keep them in step.
 */
export type Expectation =
  | { readonly outcome: 'runs'; readonly emptyTables: readonly string[] }
  | {
      readonly outcome: 'fails';
      /** Why it fails: 'broken-as-published' files must keep failing; 'unsupported' ones should not. */
      readonly because: 'broken-as-published' | 'unsupported';
      readonly stage: 'rule' | 'kql' | 'replay';
      readonly code: string;
      readonly line: number;
      readonly column: number;
      /** The start of the rule file's text at line:column. */
      readonly at: string;
      /** A fragment of the error message naming the problem. */
      readonly message: string;
    };

export const EXPECTED: Readonly<Record<string, Expectation>> = {
  'AnomalousSingleFactorSignin.yaml': { outcome: 'runs', emptyTables: [] },
  'AnomalousUserAppSigninLocationIncrease-detection.yaml': { outcome: 'runs', emptyTables: [] },
  'AuthenticationAttemptfromNewCountry.yaml': {
    outcome: 'fails',
    because: 'unsupported',
    stage: 'kql',
    code: 'unknown-table',
    line: 29,
    column: 4,
    at: '"https://raw.githubusercontent.com/microsoft/mstic/master/PublicFeeds/MSFTIPRanges/ServiceTags_Public.json"',
    message: 'externaldata needs the data of',
  },
  'AzureAADPowerShellAnomaly.yaml': { outcome: 'runs', emptyTables: [] },
  'AzureADRareUserAgentAppSignin.yaml': { outcome: 'runs', emptyTables: [] },
  'AzurePortalSigninfromanotherAzureTenant.yaml': {
    outcome: 'fails',
    because: 'unsupported',
    stage: 'kql',
    code: 'unknown-table',
    line: 24,
    column: 4,
    at: '"https://raw.githubusercontent.com/microsoft/mstic/master/PublicFeeds/MSFTIPRanges/ServiceTags_Public.json"',
    message: 'externaldata needs the data of',
  },
  'BypassCondAccessRule.yaml': { outcome: 'runs', emptyTables: [] },
  'DisabledAccountSigninsAcrossManyApplications.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    stage: 'kql',
    code: 'syntax',
    line: 34,
    column: 3,
    at: '};',
    message: 'The incomplete fragment is unexpected',
  },
  'DistribPassCrackAttempt.yaml': { outcome: 'runs', emptyTables: [] },
  'FailedLogonToAzurePortal.yaml': { outcome: 'runs', emptyTables: [] },
  'IPEntity_SigninLogs_Updated.yaml': { outcome: 'runs', emptyTables: ['ThreatIntelIndicators'] },
  'MFARejectedbyUser.yaml': { outcome: 'runs', emptyTables: ['BehaviorAnalytics', 'IdentityInfo'] },
  'PossibleAiTMPhishingAttemptAgainstAAD.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    stage: 'rule',
    code: 'yaml-syntax',
    line: 59,
    column: 3,
    at: "'Threat actors may attempt",
    message: 'invalid YAML',
  },
  'PossibleSignInfromAzureBackdoor.yaml': { outcome: 'runs', emptyTables: [] },
  'SigninAttemptsByIPviaDisabledAccounts.yaml': {
    outcome: 'runs',
    emptyTables: ['BehaviorAnalytics'],
  },
  'SigninBruteForce-AzurePortal.yaml': { outcome: 'runs', emptyTables: [] },
  'SigninPasswordSpray.yaml': { outcome: 'runs', emptyTables: [] },
  'UserAccounts-CABlockedSigninSpikes.yaml': {
    outcome: 'runs',
    emptyTables: ['BehaviorAnalytics', 'IdentityInfo'],
  },
};

/** Rules that run once the file for their externaldata URL is supplied (CLI --external URL=FILE). */
export const SERVICE_TAGS_URL =
  'https://raw.githubusercontent.com/microsoft/mstic/master/PublicFeeds/MSFTIPRanges/ServiceTags_Public.json';
export const RUN_WITH_SERVICE_TAGS: readonly string[] = [
  'AuthenticationAttemptfromNewCountry.yaml',
  'AzurePortalSigninfromanotherAzureTenant.yaml',
];

/** Issue 3's target: at least this many of the 16 rules not broken as published run. */
export const TARGET_RUNNING = 14;
