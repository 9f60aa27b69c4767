/** Every table file of the schema catalog. Add a table: add its JSON beside this file and list it here. */
import AADManagedIdentitySignInLogs from './AADManagedIdentitySignInLogs.json';
import AADNonInteractiveUserSignInLogs from './AADNonInteractiveUserSignInLogs.json';
import AADRiskyUsers from './AADRiskyUsers.json';
import AADServicePrincipalSignInLogs from './AADServicePrincipalSignInLogs.json';
import AADUserRiskEvents from './AADUserRiskEvents.json';
import AuditLogs from './AuditLogs.json';
import BehaviorAnalytics from './BehaviorAnalytics.json';
import IdentityInfo from './IdentityInfo.json';
import SigninLogs from './SigninLogs.json';
import ThreatIntelIndicators from './ThreatIntelIndicators.json';

export interface TableFile {
  name: string;
  /** Where the column list comes from (Microsoft's table reference, Sentinel's own schemas). */
  source?: string;
  columns: { name: string; type: string }[];
}

export const TABLE_FILES: readonly TableFile[] = [
  AADManagedIdentitySignInLogs,
  AADNonInteractiveUserSignInLogs,
  AADRiskyUsers,
  AADServicePrincipalSignInLogs,
  AADUserRiskEvents,
  AuditLogs,
  BehaviorAnalytics,
  IdentityInfo,
  SigninLogs,
  ThreatIntelIndicators,
];
