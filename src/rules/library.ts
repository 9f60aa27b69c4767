/**
 * Replays a library of rules over the loaded data and ranks them by alerts raised, the way
 * Hayabusa runs a rule set over one host's logs: a rule that cannot be read, translated or run
 * keeps its error (with its position) in the result and the batch goes on.
 */
import { isLoupeError, type ErrorDetail, type ErrorStage, type SourcePosition } from '../errors.ts';
import { isCancellation, throwIfCancelled } from '../db/cancellation.ts';
import { yieldIfBusy } from '../db/pending-query.ts';
import type {
  ReplayControl,
  ReplayData,
  ReplayOptions,
  ReplayProgress,
  ReplayReport,
} from './api.ts';
import { parseRuleFileAll } from './parse.ts';
import { replay } from './replay.ts';
import type { Rule } from './rule.ts';

export interface RuleFileText {
  readonly name: string;
  readonly text: string;
}

export interface LibraryRuleResult {
  readonly status: 'ok';
  readonly file: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity?: string;
  readonly alerts: number;
  readonly incidents: number;
  readonly runs: number;
  readonly firedRuns: number;
  readonly report: ReplayReport;
}

export interface LibraryRuleError {
  readonly status: 'error';
  readonly file: string;
  readonly ruleId?: string;
  readonly ruleName?: string;
  readonly stage: ErrorStage | 'internal';
  readonly code: string;
  readonly message: string;
  readonly position: SourcePosition;
  /** The error's typed detail (e.g. the externaldata URL a file is needed for). */
  readonly detail?: ErrorDetail;
}

export type LibraryEntry = LibraryRuleResult | LibraryRuleError;

export interface LibraryReport {
  /** Rules that ran, most alerts first (then most incidents, then name); errors after them, by file. */
  readonly results: readonly LibraryEntry[];
  readonly totals: {
    readonly rules: number;
    readonly ran: number;
    readonly failed: number;
    readonly alerts: number;
    readonly incidents: number;
  };
}

function errorEntry(file: string, e: unknown, rule?: Rule): LibraryRuleError {
  const ids = rule ? { ruleId: rule.id, ruleName: rule.name } : {};
  if (isLoupeError(e))
    return {
      status: 'error',
      file,
      ...ids,
      stage: e.stage,
      code: e.code,
      message: e.message,
      position: { file, ...e.position },
      ...(e.detail && { detail: e.detail }),
    };
  return {
    status: 'error',
    file,
    ...ids,
    stage: 'internal',
    code: 'internal',
    message: e instanceof Error ? e.message : String(e),
    position: { file },
  };
}

/**
 * Replays every rule of every file (ARM templates may hold several). Never throws for one rule;
 * a cancel (options.signal) stops the whole library with an AbortError. Progress names the rule
 * being replayed (1-based, of all the rules read) and its runs.
 */
export async function replayLibrary(
  data: ReplayData,
  files: readonly RuleFileText[],
  options: ReplayOptions & ReplayControl = {},
): Promise<LibraryReport> {
  const entries: LibraryEntry[] = [];
  const toRun: { file: string; rule: Rule }[] = [];
  for (const f of files) {
    try {
      for (const rule of parseRuleFileAll(f.text, f.name)) toRun.push({ file: f.name, rule });
    } catch (e) {
      entries.push(errorEntry(f.name, e));
    }
  }
  for (const [i, { file, rule }] of toRun.entries()) {
    await yieldIfBusy();
    throwIfCancelled(options.signal);
    const which = { index: i + 1, total: toRun.length, name: rule.name };
    const onProgress = options.onProgress;
    try {
      const report = await replay(data, rule, {
        ...options,
        ...(onProgress && { onProgress: (p: ReplayProgress) => onProgress({ ...p, rule: which }) }),
      });
      entries.push({
        status: 'ok',
        file,
        ruleId: rule.id,
        ruleName: rule.name,
        ...(report.rule.severity !== undefined ? { severity: report.rule.severity } : {}),
        alerts: report.alerts.length,
        incidents: report.incidents.length,
        runs: report.runs.length,
        firedRuns: report.runs.filter((r) => r.triggered).length,
        report,
      });
    } catch (e) {
      if (isCancellation(e)) throw e;
      entries.push(errorEntry(file, e, rule));
    }
  }
  const ok = entries.filter((e): e is LibraryRuleResult => e.status === 'ok');
  const failed = entries.filter((e): e is LibraryRuleError => e.status === 'error');
  ok.sort(
    (a, b) =>
      b.alerts - a.alerts || b.incidents - a.incidents || a.ruleName.localeCompare(b.ruleName),
  );
  failed.sort((a, b) => a.file.localeCompare(b.file));
  return {
    results: [...ok, ...failed],
    totals: {
      rules: entries.length,
      ran: ok.length,
      failed: failed.length,
      alerts: ok.reduce((n, r) => n + r.alerts, 0),
      incidents: ok.reduce((n, r) => n + r.incidents, 0),
    },
  };
}
