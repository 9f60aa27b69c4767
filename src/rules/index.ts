/** The rule stage: rule files in, replay reports out. */
export type * from './api.ts';
export type * from './rule.ts';
export { isScheduled, queryPositionInFile } from './rule.ts';
export { parseRuleFile, parseRuleFileAll, detectRuleFormat, type RuleFileFormat } from './parse.ts';
export { RuleFileError } from './rule-error.ts';
export { parseDuration, formatDuration } from './duration.ts';
export { validateRule, LIMITS } from './validate.ts';
export { scheduleRuns, type ScheduledRun, type ScheduleOptions } from './schedule.ts';
export { isTriggered, describeTrigger } from './trigger.ts';
export {
  buildAlerts,
  groupRows,
  alertTimes,
  MAX_ALERTS_PER_RUN,
  type AlertDraft,
  type AlertInput,
} from './alerts.ts';
export { extractEntities, entityKey, type EntityExtraction } from './entities.ts';
export { buildCustomDetails } from './custom-details.ts';
export {
  groupIncidents,
  matchingKey,
  MAX_ALERTS_PER_INCIDENT,
  type GroupableAlert,
  type IncidentOptions,
} from './incidents.ts';
export { ENTITY_TYPES, BUILT_IN_ACCOUNT_NAMES } from './entity-types.ts';
export { replay, translateRule, loadedTimeRange } from './replay.ts';
export { windowedTableSql, isWindowed, setRunVariables } from './windows.ts';
export {
  replayLibrary,
  type LibraryReport,
  type LibraryEntry,
  type LibraryRuleResult,
  type LibraryRuleError,
  type RuleFileText,
} from './library.ts';
export { checkRuleAgainstQuery } from './query-checks.ts';
export { discoveryOverRuns } from './discovery.ts';
