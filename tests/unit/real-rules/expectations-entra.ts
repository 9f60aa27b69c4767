/**
 * What each published identity rule of tests/fixtures/rules/sentinel-entra/ — the ones no other
 * fixture folder held (the 2026-12 sweep, docs/real-rules.md) — does when replayed with
 * `replay --rules DIR` over the generated demo (and over ../shared/samples/la-export-bec/ when it
 * is there). None downloads anything.
 *
 * - `runs`: the replay completes (alerts or not).
 * - `fails`: it stops with a typed error at a line and column of the rule file, where the text
 *   starts with `at`. `broken-as-published`: the rule as published cannot run (Sentinel refuses it
 *   too); `workspace`: it needs what only a workspace has and the replay was not given (an ASIM
 *   parser, loaded with --functions); `unsupported`: something Loupe lacks. When a failing rule
 *   starts running the test asks to move it to `runs`: this table only moves towards `runs`.
 */
import type { PinnedOutcome } from './library-table.ts';

export type EntraExpectation = PinnedOutcome<'broken-as-published' | 'workspace' | 'unsupported'>;

/** At least this many of the 18 run (all but the broken-as-published and workspace ones). */
export const ENTRA_TARGET_RUNNING = 13;

export const ENTRA_EXPECTED: Readonly<Record<string, EntraExpectation>> = {
  'AWSConsoleAADCorrelation.yaml': 'runs',
  'AnomolousSingleFactorSignin.yaml': 'runs',
  'BruteForceCloudPC.yaml': 'runs',
  'CrossCloudUnauthorizedCredentialsAccessDetection.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    // The query block's text is wrapped in quotes ('// Define variable 'AwsAlert' … '): Kusto reads
    // the string '// Define variable ' and then the word AwsAlert, where a statement must end.
    code: 'syntax',
    line: 31,
    column: 24,
    at: "AwsAlert'",
  },
  'DatabaseDeleteUEBABreachWindow.yaml': 'runs',
  'IPentity_SigninLogs.yaml': 'runs',
  'NRT_MFARejectedbyUser.yaml': 'runs',
  'NewKeyIdentifierAddedToOAuthApp.yaml': 'runs',
  'Possible_Phishing_with_CSL&_SessionCorrelation.yaml': {
    outcome: 'fails',
    because: 'workspace',
    // Reads the ASIM parser _Im_NetworkSession, which every Sentinel workspace has and Loupe loads
    // with --functions (Parsers/ASimNetworkSession/Parsers/ of Azure-Sentinel).
    code: 'unknown-function',
    line: 97,
    column: 5,
    at: '_Im_NetworkSession',
  },
  'PrivilegedAccountsSigninFailureSpikes.yaml': 'runs',
  'SigninAttemptsBySuspectIP.yaml': 'runs',
  'SpikeInFailedSignInAttempts.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    // A hunting query filed as a rule: no queryFrequency, queryPeriod, triggerOperator or
    // triggerThreshold, and its query reads the notebook placeholder '{{StartTimeISO}}'.
    code: 'missing-field',
    line: 1,
    column: 1,
    at: 'id: 51f4faf9-c3b1-4e9f-9c90-5d6afd191552',
  },
  'SuccessfulAWSConsoleLoginfromIPAddressObservedConductingPasswordSpray.yaml': 'runs',
  'SuspectApplicationConsent.yaml': 'runs',
  'Suspicious Service Principal creation activity.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    // The query's second line is not indented under `query: |`: the block ends after one line.
    code: 'yaml-syntax',
    line: 24,
    column: 1,
    at: 'let lookback = 1d;',
  },
  'SuspiciousSigninByAADConnectAccount.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    // The text of the `alertDescriptionFormat: |` block is not indented more than its key.
    code: 'yaml-syntax',
    line: 49,
    column: 3,
    at: 'This query looks for sign ins',
  },
  'Unauthorized_user_access_across_AWS_and_Azure.yaml': 'runs',
  'UserImpersonateByRiskyUser.yaml': 'runs',
};
