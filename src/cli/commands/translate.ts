import { basename } from 'node:path';
import type { Command } from './command.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import { loadAll, readText } from '../files.ts';
import { createNodeSession } from '../../session/node.ts';
import { LIMIT_FLAGS, LIMIT_USAGE, limitsFromFlags } from '../limit-flags.ts';
import { terminalText } from '../terminal-text.ts';
import {
  loadWorkspaceContent,
  WORKSPACE_FLAGS,
  WORKSPACE_USAGE,
  workspaceHint,
} from '../workspace-flags.ts';
import { ENGINE_USAGE, ENGINE_VALUE_FLAGS, engineChoice } from '../engine-flags.ts';

const USAGE = `Usage: npm run --silent loupe -- translate --rule RULE.yaml [--steps] [--watchlist ALIAS=FILE]...
                                              [--watchlist-key ALIAS=COLUMN]... [--functions DIR]... [--geoip FILE]
                                              [--engine wasm|native] [FILE...]

Prints the DuckDB SQL that Loupe runs for the rule's KQL query in each scheduled run (tables with a
TimeGenerated column read through the run's window, now() from the run). Column types come from
the schema catalog, or from the FILEs when given. --steps prints each KQL step above the SQL. A
query Loupe cannot translate is reported at its line and column in the rule file.
${WORKSPACE_USAGE}
${LIMIT_USAGE}
${ENGINE_USAGE}`;

export const translateCommand: Command = {
  name: 'translate',
  summary: "print the DuckDB SQL for a rule's KQL",
  usage: USAGE,
  remedy: (e) => workspaceHint(e.detail),
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['rule', ...WORKSPACE_FLAGS, ...LIMIT_FLAGS, ...ENGINE_VALUE_FLAGS],
      repeatable: [...WORKSPACE_FLAGS],
      booleans: ['steps', 'help'],
    });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const rulePath = single(args, 'rule');
    if (!rulePath) throw new UsageError('--rule RULE.yaml is required');
    const session = await createNodeSession(engineChoice(args));
    try {
      const log = (m: string) => process.stderr.write(`${m}\n`);
      await loadWorkspaceContent(session, args, log);
      session.readRule(readText(rulePath, 'rule file'), basename(rulePath));
      const limits = limitsFromFlags(args);
      await loadAll(session, args.positional, log, limits ? { limits } : {});
      const t = session.translateRule();
      if (args.booleans.has('steps')) {
        for (const s of t.steps)
          process.stdout.write(
            `${terminalText(`-- ${s.kql.replace(/\s+/g, ' ').trim()}${s.cte ? `  → ${s.cte}` : ''}`)}\n`,
          );
        process.stdout.write('\n');
      }
      // The SQL quotes the rule's literals: its lines are the translator's, its values escaped.
      process.stdout.write(`${t.sql.trimEnd().split('\n').map(terminalText).join('\n')}\n`);
      return 0;
    } finally {
      session.close();
    }
  },
};
