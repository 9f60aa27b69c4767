/**
 * What each of the 68 published identity rules of tests/fixtures/rules/sentinel-wide/ does when
 * replayed with `replay --rules DIR` (issue 13, "Tests over the library"): over the generated demo
 * and over ../shared/samples/la-export-bec/, with the two externaldata files those rules download
 * supplied from tests/fixtures/real-rules/ (stand-ins in the published files' format).
 *
 * - `runs`: the replay completes (alerts or not).
 * - `fails`: it stops with a typed error at a line and column of the rule file, where the text
 *   starts with `at`. `broken-as-published` rules must keep failing with their line (issue 13's
 *   only allowed exceptions); an `unsupported` entry is something Loupe lacks, and when it starts
 *   running the test asks to move it to `runs`: this table only moves towards `runs`.
 *
 * docs/workspace.md ("Measured: the shared library") is the readable form of this table.
 */
import type { PinnedOutcome } from './library-table.ts';

export type WideExpectation = PinnedOutcome<'broken-as-published' | 'unsupported'>;

/** The externaldata URLs of this library, each with its stand-in file in tests/fixtures/real-rules/. */
export const WIDE_EXTERNAL_FILES: Readonly<Record<string, string>> = {
  'https://raw.githubusercontent.com/Azure/Azure-Sentinel/master/Sample%20Data/Feeds/Microsoft.OAuth.KnownApplications.csv':
    'Microsoft.OAuth.KnownApplications.csv',
  'https://raw.githubusercontent.com/Azure/Azure-Sentinel/master/Sample%20Data/Feeds/Log4j_IOC_List.csv':
    'Log4j_IOC_List.csv',
};

/** Issue 13's target: at least this many of the 68 run. */
export const WIDE_TARGET_RUNNING = 66;

export const WIDE_EXPECTED: Readonly<Record<string, WideExpectation>> = {
  'AADAWSConsoleCorrelation.yaml': 'runs',
  'AccountElevatedtoNewRole.yaml': 'runs',
  'Accountcreatedfromnon-approvedsources.yaml': 'runs',
  'AdditionofaTemporaryAccessPasstoaPrivilegedAccount.yaml': 'runs',
  'AnomalousIPUsageFollowedByTeamsAction.yaml': 'runs',
  'AuthenticationMethodChangedforPrivilegedAccount.yaml': 'runs',
  'AuthenticationsofPrivilegedAccountsOutsideofExpectedControls.yaml': 'runs',
  'AzureADRoleManagementPermissionGrant.yaml': 'runs',
  'AzureADUserAgentOSmissmatch.yaml': 'runs',
  'BruteForceAgainstanEntraAuthenticatedWindowsDevice.yaml': 'runs',
  'BrutforceAttemptOnAzurePortalAndAWSConsolAtSameTime.yaml': 'runs',
  'BulkChangestoPrivilegedAccountPermissions.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    code: 'unknown-column',
    line: 40,
    column: 11,
    at: 'dcount_Target > 9',
  },
  'ChangestoApplicationLogoutURL.yaml': 'runs',
  'Conditional Access - A Conditional Access Device platforms condition has changed (the Device platforms condition can be spoofed).yaml':
    'runs',
  'Conditional Access - A Conditional Access app exclusion has changed.yaml': 'runs',
  'Conditional Access - A Conditional Access policy was deleted.yaml': 'runs',
  'Conditional Access - A Conditional Access policy was put into report-only mode.yaml': 'runs',
  'Conditional Access - A Conditional Access policy was updated.yaml': 'runs',
  'Conditional Access - A Conditional Access usergrouprole exclusion has changed.yaml': 'runs',
  'Conditional Access - Dynamic Group Exclusion Changes.yaml': 'runs',
  'CorrelateIPC_Unfamiliar-Atypical.yaml': 'runs',
  'Cross-tenantAccessSettingsOrganizationDeleted.yaml': 'runs',
  'Cross-tenantAccessSettingsOrganizationInboundCollaborationSettingsChanged.yaml': 'runs',
  'Cross-tenantAccessSettingsOrganizationInboundDirectSettingsChanged.yaml': 'runs',
  'Dataverse - Guest user exfiltration following Power Platform defense impairment.yaml': 'runs',
  'Dataverse - Suspicious use of Web API.yaml': 'runs',
  'DisabledAccIPSigninWithRareRiskyOps.yaml': 'runs',
  'EmailEntity_SigninLogs.yaml': 'runs',
  'End-userconsentstoppedduetorisk-basedconsent.yaml': 'runs',
  'EndUserConsentMailboxOfflineAccess.yaml': 'runs',
  'ExchangeFullAccessGrantedToApp.yaml': 'runs',
  'ExplicitMFADeny.yaml': 'runs',
  'FirstAppOrServicePrincipalCredential.yaml': 'runs',
  'GitLab_SignInBurst.yaml': 'runs',
  'IPEntity_SigninLogs.yaml': 'runs',
  'InsiderRiskSensitiveDataAccessOutsideOrgGeo.yaml': 'runs',
  'LegacyAuthUserAgents.yaml': 'runs',
  'Log4J_IPIOC_Dec112021.yaml': 'runs',
  'MailPermissionsAddedToApplication.yaml': 'runs',
  'MalformedUserAgents.yaml': 'runs',
  'MaliciousOAuthApp_C3Outlook.yaml': 'runs',
  'MaliciousOAuthApp_PwnAuth.yaml': 'runs',
  'MultiplePasswordresetsbyUser.yaml': 'runs',
  'NRT_UseraddedtoPrivilgedGroups.yaml': 'runs',
  'NewAppOrServicePrincipalCredential.yaml': 'runs',
  'NewCountryValidCreds.yaml': 'runs',
  'Power Apps - App activity from unauthorized geo.yaml': {
    outcome: 'fails',
    because: 'broken-as-published',
    code: 'unknown-column',
    line: 34,
    column: 32,
    at: 'Properties)',
  },
  'Power Platform - Account added to privileged Microsoft Entra roles.yaml': 'runs',
  'PrivilegedUserLogonfromnewASN.yaml': 'runs',
  'RareApplicationConsent.yaml': 'runs',
  'ServicePrincipalAssignedAppRoleWithSensitiveAccess.yaml': 'runs',
  'Sign-in Burst from Multiple Locations.yaml': 'runs',
  'StsRefreshTokenModification.yaml': 'runs',
  'SucessfullSiginFromPhingLink.yaml': 'runs',
  'SuspiciousAADJoinedDeviceUpdate.yaml': 'runs',
  'SuspiciousAWSConsolLoginByCredentialAceessAlerts.yaml': 'runs',
  'SuspiciousSignintoPriviledgedAccount.yaml': 'runs',
  'SuspiciousVMInstanceCreationActivity.yaml': 'runs',
  'Threat_Essentials_MultipleAdmin_membership_removals_from_NewAdmin.yaml': 'runs',
  'Threat_Essentials_UserAssignedPrivilegedRole.yaml': 'runs',
  'UserAccountCreatedUsingIncorrectNamingFormat.yaml': 'runs',
  'UserAddedtoAdminRole.yaml': 'runs',
  'UserAgentSearch_log4j.yaml': 'runs',
  'UserAssignedNewPrivilegedRole.yaml': 'runs',
  'UserAssignedPrivilegedRole.yaml': 'runs',
  'Useraccountcreatedwithoutexpectedattributesdefined.yaml': 'runs',
  'UseraddedtoPrivilgedGroups.yaml': 'runs',
  'nrt_FirstAppOrServicePrincipalCredential.yaml': 'runs',
};
