import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from './command.ts';
import { writeOut } from './conformance.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import {
  diffKnownFailures,
  formatKnownFailures,
  knownFailuresOf,
  parseKnownFailures,
  updateKnownFailures,
} from '../../conformance/known-failures.ts';
import {
  loadReferencePages,
  loadRunnableExamples,
  REFERENCE_KNOWN_FAILURES_PATH,
} from '../../conformance/reference/fixtures.ts';
import { referenceDetailsText, referenceSummaryText } from '../../conformance/reference/report.ts';
import { REFERENCE_TIMEOUT_S, withCategory } from '../../conformance/reference/run-example.ts';
import { runCorpusInChild } from '../../conformance/run-in-child.ts';

const USAGE = `Usage: npm run --silent loupe -- reference [--filter SUBSTRING] [--by-page] [--by-entry] [--json]
                     [--details] [--timeout SECONDS] [--update-known-failures]

Runs the KQL examples of the Kusto documentation (tests/fixtures/kql-reference/, harvested by
scripts/harvest-kql-reference.ts, corrected by tests/conformance/reference-overrides.json) through
Loupe's translator and DuckDB-WASM and compares each result with the table its page shows
(docs/conformance.md, "Reference examples").
--filter runs only the examples whose id (page stem and number) contains SUBSTRING.
--by-page prints the pass rate of each page; --by-entry that of each function, aggregate, plugin
and operator the pages document (the examples of its pages that use it).
--json prints { total, passed, results: [{ id, page, status, reason }] } alone on standard output.
--details prints, for each example that does not pass, its KQL, the page's table, Loupe's and the SQL.
--timeout fails an example that runs longer (default ${REFERENCE_TIMEOUT_S} s); the run goes on in a fresh engine.
--update-known-failures rewrites tests/conformance/reference-known-failures.json from this run.`;

export const referenceCommand: Command = {
  name: 'reference',
  summary: 'run the Kusto documentation’s examples and compare with their documented results',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['filter', 'timeout'],
      booleans: ['json', 'details', 'by-page', 'by-entry', 'update-known-failures', 'help'],
    });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const filter = single(args, 'filter');
    const log = (m: string) => process.stderr.write(`${m}\n`);
    const all = loadRunnableExamples();
    const examples = filter === undefined ? all : all.filter((e) => e.id.includes(filter));
    if (examples.length === 0) throw new UsageError(`no example id contains "${filter}"`);
    const timeoutText = single(args, 'timeout') ?? String(REFERENCE_TIMEOUT_S);
    const timeout = Number(timeoutText);
    if (!(timeout > 0))
      throw new UsageError(`--timeout needs a positive number of seconds, not "${timeoutText}"`);

    const run = await runCorpusInChild({
      suite: 'reference',
      casesPath: '',
      ids: examples.map((e) => e.id),
      now: new Date(),
      caseTimeoutMs: timeout * 1000,
      log,
    });
    const results = run.results.map(withCategory);
    const json = args.booleans.has('json');
    if (json) {
      const page = new Map(examples.map((e) => [e.id, e.page]));
      const rows = results.map((r) => ({
        id: r.id,
        page: page.get(r.id),
        status: r.status,
        reason: r.reason,
      }));
      await writeOut(
        `${JSON.stringify({ total: results.length, passed: results.filter((r) => r.status === 'pass').length, results: rows }, null, 2)}\n`,
      );
    } else {
      if (args.booleans.has('details')) await writeOut(referenceDetailsText(results, examples));
      await writeOut(
        referenceSummaryText(results, examples, loadReferencePages(), {
          byPage: args.booleans.has('by-page'),
          byEntry: args.booleans.has('by-entry'),
          durationMs: run.durationMs,
        }),
      );
    }
    if (run.leaked.length)
      log(`warning: examples left tables or views behind: ${run.leaked.join(', ')}`);

    if (args.booleans.has('update-known-failures')) {
      const path = REFERENCE_KNOWN_FAILURES_PATH;
      const reasonOf = (r: { reason: string }) => r.reason;
      const before = existsSync(path) ? parseKnownFailures(readFileSync(path, 'utf8'), path) : {};
      const after =
        filter === undefined
          ? knownFailuresOf(results, reasonOf)
          : updateKnownFailures(before, results, reasonOf);
      const diff = diffKnownFailures(
        before,
        results,
        all.map((e) => e.id),
        reasonOf,
      );
      writeFileSync(path, formatKnownFailures(after));
      const lines = [
        `\nupdated ${path}: ${Object.keys(after).length} known failures (was ${Object.keys(before).length})`,
      ];
      for (const id of diff.nowPassing) lines.push(`  - ${id} passes now`);
      for (const r of diff.unexpectedFailures) lines.push(`  + ${r.id}: ${r.reason}`);
      for (const c of diff.reasonChanged) lines.push(`  ~ ${c.id}: ${c.after} (was: ${c.before})`);
      if (diff.unknownIds.length)
        lines.push(
          `  ! listed ids that are no example${filter === undefined ? ' (removed)' : ' (kept)'}: ${diff.unknownIds.join(', ')}`,
        );
      if (json) log(lines.join('\n'));
      else await writeOut(`${lines.join('\n')}\n`);
    }
    return 0;
  },
};
