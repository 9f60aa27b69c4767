/**
 * Replays a library of rules over the loaded data and ranks them by alerts raised, the way
 * Hayabusa runs a rule set over one host's logs: a rule that cannot be read, translated or run
 * keeps its error (with its position) in the result and the batch goes on.
 */
import { isLoupeError, type ErrorStage, type SourcePosition } from '../errors.ts';
import type { ReplayData, ReplayOptions, ReplayReport } from './api.ts';
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
}

export type LibraryEntry = LibraryRuleResult | LibraryRuleError;

export interface LibraryReport {
  /** Rules that ran, most alerts first (then most incidents, then name); errors after them, by file. */
  readonly results: readonly LibraryEntry[];
  readonly totals: { readonly rules: number; readonly ran: number; readonly failed: number; readonly alerts: number; readonly incidents: number };
}

function errorEntry(file: string, e: unknown, rule?: Rule): LibraryRuleError {
  const ids = rule ? { ruleId: rule.id, ruleName: rule.name } : {};
  if (isLoupeError(e)) return { status: 'error', file, ...ids, stage: e.stage, code: e.code, message: e.message, position: { file, ...e.position } };
  return { status: 'error', file, ...ids, stage: 'internal', code: 'internal', message: e instanceof Error ? e.message : String(e), position: { file } };
}

/** Replays every rule of every file (ARM templates may hold several). Never throws for one rule. */
export function replayLibrary(data: ReplayData, files: readonly RuleFileText[], options: ReplayOptions = {}): LibraryReport {
  const entries: LibraryEntry[] = [];
  for (const f of files) {
    let rules: Rule[];
    try {
      rules = parseRuleFileAll(f.text, f.name);
    } catch (e) {
      entries.push(errorEntry(f.name, e));
      continue;
    }
    for (const rule of rules) {
      try {
        const report = replay(data, rule, options);
        entries.push({
          status: 'ok',
          file: f.name,
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
        entries.push(errorEntry(f.name, e, rule));
      }
    }
  }
  const ok = entries.filter((e): e is LibraryRuleResult => e.status === 'ok');
  const failed = entries.filter((e): e is LibraryRuleError => e.status === 'error');
  ok.sort((a, b) => b.alerts - a.alerts || b.incidents - a.incidents || a.ruleName.localeCompare(b.ruleName));
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
