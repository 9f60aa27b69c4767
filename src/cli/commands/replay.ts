import { basename } from 'node:path';
import type { Command } from './command.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import { loadAll, readText } from '../files.ts';
import { parseIsoFlag } from '../time.ts';
import { createNodeSession } from '../../session/node.ts';
import { formatReplaySummary } from '../report-text.ts';

const USAGE = `Usage: npm run --silent loupe -- replay --rule RULE.yaml [--from ISO] [--to ISO] [--json] FILE...

Replays a Sentinel scheduled rule over exported logs as Sentinel would have run it, and prints the
runs, alerts and incidents. FILE: CSV or JSON exports (table detected from the Type column or the
file name). --from/--to bound the scheduled runs considered (UTC). --json prints the replay report
alone on standard output.`;

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a rule over log files: runs, alerts, incidents',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, { values: ['rule', 'from', 'to'], booleans: ['json', 'help'] });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const rulePath = single(args, 'rule');
    if (!rulePath) throw new UsageError('--rule RULE.yaml is required');
    if (args.positional.length === 0) throw new UsageError('give at least one log FILE to replay over');
    const from = parseIsoFlag('from', single(args, 'from'));
    const to = parseIsoFlag('to', single(args, 'to'));
    if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to');

    const log = (m: string) => process.stderr.write(`${m}\n`);
    const session = await createNodeSession();
    try {
      const rule = session.readRule(readText(rulePath, 'rule file'), basename(rulePath));
      for (const d of rule.diagnostics) log(`${rulePath}:${d.line ?? '?'}:${d.column ?? '?'}: ${d.severity}: ${d.message}`);
      await loadAll(session, args.positional, log);
      const report = session.replay({ ...(from !== undefined && { from }), ...(to !== undefined && { to }) });
      process.stdout.write(args.booleans.has('json') ? `${JSON.stringify(report, null, 2)}\n` : formatReplaySummary(report));
      return 0;
    } finally {
      session.close();
    }
  },
};
