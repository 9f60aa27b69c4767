import type { Command } from './command.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import { loadAll } from '../files.ts';
import { createNodeSession } from '../../session/node.ts';
import { formatCheckSummary } from '../check-text.ts';
import { loadExternalData, readRuleDir } from '../rule-library.ts';
import {
  loadWorkspaceContent,
  WORKSPACE_FLAGS,
  WORKSPACE_USAGE,
  workspaceHint,
} from '../workspace-flags.ts';

const USAGE = `Usage: npm run --silent loupe -- check --rules DIR [--json] [--external URL=FILE]...
                                         [--watchlist ALIAS=FILE]... [--watchlist-key ALIAS=COLUMN]...
                                         [--functions DIR]... [--geoip FILE] [FILE...]

Says of every rule file in DIR (.yaml, .yml, .json, .kql; not subfolders) what Sentinel's own rule
validation would, without replaying anything: ready (Loupe replays it; the tables, watchlists,
functions and externaldata files it reads), needs (something to load first: a watchlist, a
workspace function and where it is published, the file of an externaldata URL, a GeoIP database,
the data of a table
the schema catalog does not know), refused (a construct Loupe does not translate, at
file:line:column) or invalid (YAML or rule-field errors, each at its line). Totals come last.
No log file is needed: tables come from the schema catalog, or from the FILEs when given.
--json prints { "results": [...], "totals": { rules, ready, needs, refused, invalid } } alone.
${WORKSPACE_USAGE}`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'say which rules Loupe can replay, and what the others need',
  usage: USAGE,
  remedy: (e) => workspaceHint(e.detail),
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['rules', 'external', ...WORKSPACE_FLAGS],
      repeatable: ['external', ...WORKSPACE_FLAGS],
      booleans: ['json', 'help'],
    });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const rulesDir = single(args, 'rules');
    if (!rulesDir) throw new UsageError('--rules DIR is required');
    const log = (m: string) => process.stderr.write(`${m}\n`);
    const session = await createNodeSession();
    try {
      const files = readRuleDir(rulesDir);
      await loadExternalData(session, args.values.get('external') ?? [], log);
      await loadWorkspaceContent(session, args, log);
      await loadAll(session, args.positional, log);
      const report = session.checkLibrary(files);
      process.stdout.write(
        args.booleans.has('json')
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatCheckSummary(report),
      );
      return 0;
    } finally {
      session.close();
    }
  },
};
