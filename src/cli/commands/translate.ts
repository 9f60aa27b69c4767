import { basename } from 'node:path';
import type { Command } from './command.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import { loadAll, readText } from '../files.ts';
import { createNodeSession } from '../../session/node.ts';
import { ENGINE_USAGE, ENGINE_VALUE_FLAGS, engineChoice } from '../engine-flags.ts';

const USAGE = `Usage: npm run --silent loupe -- translate --rule RULE.yaml [--steps] [--engine wasm|native] [FILE...]

Prints the DuckDB SQL that Loupe runs for the rule's KQL query in each scheduled run (tables with a
TimeGenerated column read through the run's window, now() from the run). Column types come from
the schema catalog, or from the FILEs when given. --steps prints each KQL step above the SQL. A
query Loupe cannot translate is reported at its line and column in the rule file.
${ENGINE_USAGE}`;

export const translateCommand: Command = {
  name: 'translate',
  summary: "print the DuckDB SQL for a rule's KQL",
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, { values: ['rule', ...ENGINE_VALUE_FLAGS], booleans: ['steps', 'help'] });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const rulePath = single(args, 'rule');
    if (!rulePath) throw new UsageError('--rule RULE.yaml is required');
    const session = await createNodeSession(engineChoice(args));
    try {
      session.readRule(readText(rulePath, 'rule file'), basename(rulePath));
      await loadAll(session, args.positional, (m) => process.stderr.write(`${m}\n`));
      const t = session.translateRule();
      if (args.booleans.has('steps')) {
        for (const s of t.steps) process.stdout.write(`-- ${s.kql.replace(/\s+/g, ' ').trim()}${s.cte ? `  → ${s.cte}` : ''}\n`);
        process.stdout.write('\n');
      }
      process.stdout.write(`${t.sql.trimEnd()}\n`);
      return 0;
    } finally {
      session.close();
    }
  },
};
