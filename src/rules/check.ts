/**
 * What Sentinel's own rule validation says of a library of rules, with nothing run (issue 13):
 * each rule is read, its query translated against what is loaded (or the schema catalog), and its
 * SQL planned by the engine over empty tables. Each rule is then one of:
 *
 * - `ready`: Loupe replays it as it stands; `reads` says which tables, watchlists, workspace
 *   functions and externaldata files it reads, `warnings` what a replay will warn about (a fuzzy
 *   union leg left out, a watchlist read as empty because it is not loaded).
 * - `needs`: something the analyst can load first: a watchlist whose columns it reads, a workspace
 *   function (with where it is published), the file of an externaldata URL, a GeoIP database
 *   (geo_info_from_ip_address), or the data of a table
 *   the catalog does not know. Each need found is listed; needs hidden behind the first function or
 *   table it needs (whose columns are unknown) show once that is loaded.
 * - `refused`: valid KQL Loupe does not translate (the construct and its file:line:column).
 * - `invalid`: the file is not a valid rule (YAML or rule-field errors, each with its line).
 *
 * The command line (`loupe check`) and the page's rule library call this same function, through
 * the session, so that they always agree.
 */
import {
  isLoupeError,
  LoupeError,
  type ErrorDetail,
  type ErrorStage,
  type SourcePosition,
} from '../errors.ts';
import type { Translation } from '../kql/api.ts';
import type { TableSchema } from '../schema/catalog.ts';
import { whereToGetFunction } from '../workspace/function-sources.ts';
import { watchlistAliasOf } from '../workspace/watchlists.ts';
import type { ReplayData } from './api.ts';
import type { RuleFileText } from './library.ts';
import { parseRuleFileAll } from './parse.ts';
import { dropCreated, missingWatchlistWarnings, prepare, translationWarnings } from './prepared.ts';
import { RuleFileError } from './rule-error.ts';
import { delegateReplayData } from './replay-data.ts';
import type { Rule } from './rule.ts';

export type RuleCheckStatus = 'ready' | 'needs' | 'refused' | 'invalid';

/** What a rule reads, by kind. */
export interface RuleReads {
  /** Tables (loaded, or from the catalog: a replay creates those not loaded empty). */
  readonly tables: readonly string[];
  /** Watchlist aliases (`_GetWatchlist('alias')`), loaded or not. */
  readonly watchlists: readonly string[];
  /** Workspace functions called (loaded files, `_GetWatchlist`). */
  readonly functions: readonly string[];
  /** externaldata URLs (a file was supplied for each, or the rule needs one). */
  readonly externalData: readonly string[];
}

/** Something loadable a rule needs before Loupe can replay it. */
export type RuleNeed =
  | { readonly kind: 'watchlist'; readonly alias: string; readonly why: string }
  | { readonly kind: 'function'; readonly name: string; readonly why: string }
  | { readonly kind: 'externaldata'; readonly url: string; readonly why: string }
  | { readonly kind: 'table'; readonly name: string; readonly why: string }
  | { readonly kind: 'geoip'; readonly function: string; readonly why: string };

/** Why a rule is refused or invalid (or, for `needs`, the refusal a replay gives now). */
export interface RuleProblem {
  readonly stage: ErrorStage | 'internal';
  readonly code: string;
  readonly message: string;
  readonly position: SourcePosition;
  readonly detail?: ErrorDetail;
}

export interface RuleCheck {
  readonly file: string;
  readonly ruleId?: string;
  readonly ruleName?: string;
  readonly status: RuleCheckStatus;
  /** ready and needs: what the query reads (for needs, as far as it could be translated). */
  readonly reads?: RuleReads;
  /** needs: each thing to load, in the order found. */
  readonly needs?: readonly RuleNeed[];
  /** refused, invalid and needs: the error a replay stops at now. */
  readonly problem?: RuleProblem;
  /** invalid: every error of the file, as "file:line:column: message". */
  readonly errors?: readonly string[];
  /** Rule-field warnings and query warnings, as "file:line:column: message". */
  readonly warnings: readonly string[];
}

export interface CheckReport {
  /** In file order, then rule order within a file. */
  readonly results: readonly RuleCheck[];
  readonly totals: {
    readonly rules: number;
    readonly ready: number;
    readonly needs: number;
    readonly refused: number;
    readonly invalid: number;
  };
}

/** The stand-in table an externaldata URL with no file is read from while checking (columns as declared). */
const STAND_IN_PREFIX = 'loupe_check_externaldata_';

function problemOf(e: unknown, file: string): RuleProblem {
  if (isLoupeError(e))
    return {
      stage: e.stage,
      code: e.code,
      message: e.message,
      position: { file, ...e.position },
      ...(e.detail && { detail: e.detail }),
    };
  return {
    stage: 'internal',
    code: 'internal',
    message: e instanceof Error ? e.message : String(e),
    position: { file },
  };
}

/** The need an error stands for, if it is one the analyst can meet by loading something. */
function needOf(e: LoupeError): RuleNeed | undefined {
  const d = e.detail;
  switch (d?.kind) {
    case 'externaldata-needs-file':
      return {
        kind: 'externaldata',
        url: d.url,
        why: 'Loupe never downloads: supply the file of this URL',
      };
    case 'watchlist-needs-file':
      return {
        kind: 'watchlist',
        alias: d.alias,
        why: `the query reads columns of the watchlist "${d.alias}", which only its CSV defines`,
      };
    case 'function-not-loaded':
      return { kind: 'function', name: d.name, why: whereToGetFunction(d.name) };
    case 'geoip-needs-database':
      return {
        kind: 'geoip',
        function: d.function,
        why: `${d.function}() reads a GeoIP database (.mmdb: MaxMind GeoLite2-City or DB-IP City Lite), which Loupe never downloads`,
      };
    case 'table-unknown':
      return {
        kind: 'table',
        name: d.name,
        why: 'not in the schema catalog: load an export of it',
      };
    case undefined:
      return undefined;
  }
}

function readsOf(
  t: Translation,
  functions: ReadonlySet<string>,
  externalRead: ReadonlyMap<string, string>,
): RuleReads {
  const externalTables = new Set(externalRead.values());
  return {
    tables: t.tables.filter((n) => watchlistAliasOf(n) === undefined && !externalTables.has(n)),
    watchlists: t.tables.flatMap((n) => watchlistAliasOf(n) ?? []),
    functions: [...functions],
    externalData: [...externalRead.keys()],
  };
}

/**
 * Checks one rule: translates it, meeting each externaldata URL without a file with a stand-in of
 * its declared columns so that what else it needs is found too, then plans its SQL over empty tables.
 */
function checkRule(data: ReplayData, rule: Rule): RuleCheck {
  const ids = { file: rule.file, ruleId: rule.id, ruleName: rule.name };
  const ruleWarnings = rule.diagnostics
    .filter((d) => d.severity === 'warning')
    .map((d) => new LoupeError('rule', d.code, d.message, d.position).describe());
  const needs: RuleNeed[] = [];
  /** URL → stand-in table, for externaldata URLs the analyst gave no file for. */
  const standIns = new Map<string, TableSchema>();
  /** URL → the table read for it (supplied or stand-in), for `reads`. */
  const externalRead = new Map<string, string>();
  const functions = new Set<string>();
  /** The error a replay stops at now (the first need's), kept while stand-ins let the check go on. */
  let firstError: RuleProblem | undefined;
  const checking: ReplayData = {
    ...delegateReplayData(data),
    resolveTable: (n) => [...standIns.values()].find((s) => s.name === n) ?? data.resolveTable(n),
    // A plugin whose columns depend on the data (bag_unpack, pivot) can be replayed whatever the
    // data holds: the check answers its question with no rows, so it is translated, not refused.
    discoverRows: () => [],
    externalData: (url) => {
      const supplied = data.externalData?.(url);
      const standIn = standIns.get(url);
      const found = supplied ?? (standIn && { name: standIn.name, schema: standIn });
      if (found) externalRead.set(url, found.name);
      return found;
    },
    resolveFunction: (n) => {
      const f = data.resolveFunction?.(n);
      if (f) functions.add(n);
      return f;
    },
  };
  for (;;) {
    let prepared: ReturnType<typeof prepare> | undefined;
    try {
      prepared = prepare(checking, rule);
      // The engine plans the SQL as a replay runs it: what DuckDB refuses is refused here too.
      data.engine.query(`EXPLAIN ${prepared.translation.sql}`);
      const reads = readsOf(prepared.translation, functions, externalRead);
      const warnings = [
        ...ruleWarnings,
        ...translationWarnings(rule, prepared.translation),
        ...missingWatchlistWarnings(rule, data, prepared.translation.tables),
      ];
      if (needs.length > 0)
        return {
          ...ids,
          status: 'needs',
          reads,
          needs,
          ...(firstError && { problem: firstError }),
          warnings,
        };
      return { ...ids, status: 'ready', reads, warnings };
    } catch (e) {
      const need = isLoupeError(e) ? needOf(e) : undefined;
      // Anything else stops a replay: refused, unless something needed before explains it.
      if (!need)
        return needs.length > 0
          ? {
              ...ids,
              status: 'needs',
              needs,
              problem: problemOf(e, rule.file),
              warnings: ruleWarnings,
            }
          : { ...ids, status: 'refused', problem: problemOf(e, rule.file), warnings: ruleWarnings };
      needs.push(need);
      firstError ??= problemOf(e, rule.file);
      // An externaldata URL is met by a stand-in of its declared columns, to find what else the rule
      // needs; a function, table or watchlist hides what comes after it (its columns are unknown).
      const d = (e as LoupeError).detail;
      if (d?.kind !== 'externaldata-needs-file' || standIns.has(d.url))
        return {
          ...ids,
          status: 'needs',
          needs,
          problem: problemOf(e, rule.file),
          warnings: ruleWarnings,
        };
      standIns.set(d.url, { name: `${STAND_IN_PREFIX}${standIns.size + 1}`, columns: d.columns });
    } finally {
      if (prepared) dropCreated(data, prepared.created);
    }
  }
}

/** Checks every rule of every file (a file that is not a valid rule is one `invalid` entry). */
export function checkLibrary(data: ReplayData, files: readonly RuleFileText[]): CheckReport {
  const results: RuleCheck[] = [];
  for (const f of files) {
    let rules: Rule[];
    try {
      rules = parseRuleFileAll(f.text, f.name);
    } catch (e) {
      const errors =
        e instanceof RuleFileError
          ? e.diagnostics
              .filter((d) => d.severity === 'error')
              .map((d) =>
                new LoupeError('rule', d.code, d.message, {
                  file: f.name,
                  ...d.position,
                }).describe(),
              )
          : [];
      const problem = problemOf(e, f.name);
      results.push({
        file: f.name,
        status: 'invalid',
        problem,
        errors:
          errors.length > 0
            ? errors
            : [
                new LoupeError(
                  problem.stage === 'internal' ? 'rule' : problem.stage,
                  problem.code,
                  problem.message,
                  problem.position,
                ).describe(),
              ],
        warnings: [],
      });
      continue;
    }
    for (const rule of rules) results.push(checkRule(data, rule));
  }
  const count = (s: RuleCheckStatus) => results.filter((r) => r.status === s).length;
  return {
    results,
    totals: {
      rules: results.length,
      ready: count('ready'),
      needs: count('needs'),
      refused: count('refused'),
      invalid: count('invalid'),
    },
  };
}
