import { basename } from 'node:path';
import type { Command } from './command.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import { loadAll, readText } from '../files.ts';
import { parseIsoFlag } from '../time.ts';
import { createNodeSession } from '../../session/node.ts';
import { ENGINE_USAGE, ENGINE_VALUE_FLAGS, engineChoice } from '../engine-flags.ts';
import { formatReplaySummary } from '../report-text.ts';
import { formatLibrarySummary, loadExternalData, readRuleDir } from '../rule-library.ts';
import {
  loadWorkspaceContent,
  WORKSPACE_FLAGS,
  WORKSPACE_USAGE,
  workspaceHint,
} from '../workspace-flags.ts';
import { LIMIT_FLAGS, LIMIT_USAGE, limitsFromFlags } from '../limit-flags.ts';
import { terminalJson, terminalMessage } from '../terminal-text.ts';
import { stringifyJson } from '../../json/stringify.ts';

const USAGE = `Usage: npm run --silent loupe -- replay (--rule RULE.yaml | --rules DIR) [--from ISO] [--to ISO]
                                           [--first-run ISO] [--at ISO] [--case-insensitive-entities]
                                           [--external URL=FILE]... [--watchlist ALIAS=FILE]...
                                           [--watchlist-key ALIAS=COLUMN]... [--functions DIR]... [--geoip FILE]
                                           [--max-record-mb N] [--max-gzip-ratio N] [--max-json-depth N]
                                           [--engine wasm|native] [--db FILE] [--memory-limit SIZE]
                                           [--temp-dir DIR] [--threads N] [--json] FILE...

Replays a Sentinel scheduled rule over exported logs as Sentinel would have run it, and prints the
runs, alerts and incidents. FILE: CSV or JSON exports (table detected from the Type column or the
file name). --from/--to bound the scheduled runs considered (UTC). --first-run reproduces a
workspace's real schedule (runs at first-run + k × queryFrequency instead of multiples of it since
the Unix epoch). --at sets the single run of a bare KQL query (default: the latest TimeGenerated
loaded). --case-insensitive-entities compares account and host names without case when grouping
alerts into incidents (Entra UPN casing varies between tables). --json prints the replay report
alone on standard output.
--rules DIR replays every rule file in DIR (.yaml, .yml, .json, .kql; not subfolders) and ranks
the rules by alerts raised; a rule that cannot be read, translated or run is listed with its error
(file:line:column) and the others still run. With --json: { "results": [...], "totals": {...} }.
--external URL=FILE supplies the data of a query's externaldata(…) ["URL"] (Loupe never downloads).
${WORKSPACE_USAGE}
${LIMIT_USAGE}
${ENGINE_USAGE}`;

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a rule over log files: runs, alerts, incidents',
  usage: USAGE,
  remedy: (e) => workspaceHint(e.detail),
  async run(argv) {
    const args = parseArgs(argv, {
      values: [
        'rule',
        'rules',
        'from',
        'to',
        'first-run',
        'at',
        'external',
        ...WORKSPACE_FLAGS,
        ...LIMIT_FLAGS,
        ...ENGINE_VALUE_FLAGS,
      ],
      repeatable: ['external', ...WORKSPACE_FLAGS],
      booleans: ['json', 'help', 'case-insensitive-entities'],
    });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const rulePath = single(args, 'rule');
    const rulesDir = single(args, 'rules');
    if (rulePath && rulesDir)
      throw new UsageError('give --rule RULE.yaml or --rules DIR, not both');
    if (!rulePath && !rulesDir)
      throw new UsageError('--rule RULE.yaml (or --rules DIR) is required');
    if (args.positional.length === 0)
      throw new UsageError('give at least one log FILE to replay over');
    const from = parseIsoFlag('from', single(args, 'from'));
    const to = parseIsoFlag('to', single(args, 'to'));
    if (from !== undefined && to !== undefined && from > to)
      throw new UsageError('--from is after --to');

    const log = (m: string) => process.stderr.write(`${m}\n`);
    const limits = limitsFromFlags(args);
    const loadOptions = limits ? { limits } : {};
    const firstRun = parseIsoFlag('first-run', single(args, 'first-run'));
    const at = parseIsoFlag('at', single(args, 'at'));
    const range = {
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ...(firstRun !== undefined && { firstRun }),
      ...(at !== undefined && { at }),
      ...(args.booleans.has('case-insensitive-entities') && { caseInsensitiveEntities: true }),
    };
    const session = await createNodeSession(engineChoice(args));
    try {
      await loadExternalData(session, args.values.get('external') ?? [], log, loadOptions);
      await loadWorkspaceContent(session, args, log);
      if (rulesDir) {
        const files = readRuleDir(rulesDir);
        await loadAll(session, args.positional, log, loadOptions);
        const library = await session.replayLibrary(files, range);
        process.stdout.write(
          args.booleans.has('json')
            ? `${terminalJson(stringifyJson(library, 2))}\n`
            : formatLibrarySummary(library),
        );
        return 0;
      }
      const rule = session.readRule(readText(rulePath!, 'rule file'), basename(rulePath!));
      for (const d of rule.diagnostics)
        log(
          terminalMessage(
            `${rulePath}:${d.line ?? '?'}:${d.column ?? '?'}: ${d.severity}: ${d.message}`,
          ),
        );
      await loadAll(session, args.positional, log, loadOptions);
      const report = await session.replay(range);
      // The report's values come from the logs: written at any depth, and safe for a terminal.
      process.stdout.write(
        args.booleans.has('json')
          ? `${terminalJson(stringifyJson(report, 2))}\n`
          : formatReplaySummary(report),
      );
      return 0;
    } finally {
      session.close();
    }
  },
};
