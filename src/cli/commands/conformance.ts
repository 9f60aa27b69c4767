import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from './command.ts';
import { parseArgs, single, UsageError } from '../args.ts';
import { readText } from '../files.ts';
import { parseCases } from '../../conformance/cases.ts';
import {
  diffKnownFailures,
  formatKnownFailures,
  knownFailuresOf,
  listedReason,
  parseKnownFailures,
  updateKnownFailures,
} from '../../conformance/known-failures.ts';
import { DEFAULT_CASES_PATH, KNOWN_FAILURES_PATH } from '../../conformance/paths.ts';
import { detailsText, summaryText } from '../../conformance/report-text.ts';
import { countStatuses } from '../../conformance/run-corpus.ts';
import { runCorpusInChild } from '../../conformance/run-in-child.ts';

const USAGE = `Usage: npm run --silent loupe -- conformance [CASES.json] [--json] [--filter SUBSTRING] [--details]
                     [--timeout SECONDS] [--update-known-failures] [--known-failures FILE]

Runs KQL examples from the Kusto documentation through Loupe's translator and DuckDB-WASM and
compares each result with the one the Kusto engine returned (docs/conformance.md says how).
CASES.json defaults to tests/conformance/cases.json (the corpus kept in the repository).
--json prints { total, passed, results: [{ id, status, reason }] } alone on standard output.
--filter runs only the cases whose id contains SUBSTRING.
--details prints, for each case that does not pass, its KQL, Kusto's result, Loupe's and the SQL.
--timeout fails a case that runs longer (default 30 s); the run goes on in a fresh engine.
--update-known-failures rewrites the known-failures list (default
tests/conformance/known-failures.json) from this run and prints what changed.`;

export const conformanceCommand: Command = {
  name: 'conformance',
  summary: 'check the KQL translator against Kusto’s own answers',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['filter', 'known-failures', 'timeout'],
      booleans: ['json', 'details', 'update-known-failures', 'help'],
    });
    if (args.booleans.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length > 1) throw new UsageError('give one CASES.json file');
    const casesPath = args.positional[0] ?? DEFAULT_CASES_PATH;
    const filter = single(args, 'filter');
    const json = args.booleans.has('json');
    const log = (m: string) => process.stderr.write(`${m}\n`);

    const all = parseCases(readText(casesPath, 'conformance cases'), casesPath);
    const cases = filter === undefined ? all : all.filter((c) => c.id.includes(filter));
    if (cases.length === 0) throw new UsageError(`no case id contains "${filter}"`);

    const timeoutText = single(args, 'timeout') ?? '30';
    const timeout = Number(timeoutText);
    if (!(timeout > 0))
      throw new UsageError(`--timeout needs a positive number of seconds, not "${timeoutText}"`);

    const run = await runCorpusInChild({
      casesPath,
      ids: cases.map((c) => c.id),
      now: new Date(),
      caseTimeoutMs: timeout * 1000,
      log,
    });
    const counts = countStatuses(run.results);
    if (json) {
      const results = run.results.map((r) => ({ id: r.id, status: r.status, reason: r.reason }));
      await writeOut(
        `${JSON.stringify({ total: counts.total, passed: counts.pass, results }, null, 2)}\n`,
      );
    } else {
      if (args.booleans.has('details')) await writeOut(detailsText(run.results, cases));
      await writeOut(summaryText(run, cases));
    }
    if (json) {
      const slow = [...run.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
      log(
        `conformance: cases ran in ${(run.durationMs / 1000).toFixed(1)} s; slowest: ${slow.map((r) => `${r.id} ${r.durationMs.toFixed(0)} ms`).join(', ')}`,
      );
    }
    if (run.leaked.length)
      log(`warning: cases left tables or views behind: ${run.leaked.join(', ')}`);

    if (args.booleans.has('update-known-failures')) {
      const listPath = single(args, 'known-failures') ?? KNOWN_FAILURES_PATH;
      const before = existsSync(listPath)
        ? parseKnownFailures(readFileSync(listPath, 'utf8'), listPath)
        : {};
      // A full run regenerates the list; a filtered run updates only the cases it ran.
      const after =
        filter === undefined
          ? knownFailuresOf(run.results)
          : updateKnownFailures(before, run.results);
      const diff = diffKnownFailures(
        before,
        run.results,
        all.map((c) => c.id),
      );
      writeFileSync(listPath, formatKnownFailures(after));
      const lines = [
        `\nupdated ${listPath}: ${Object.keys(after).length} known failures (was ${Object.keys(before).length})`,
      ];
      for (const id of diff.nowPassing) lines.push(`  - ${id} passes now`);
      for (const r of diff.unexpectedFailures) lines.push(`  + ${r.id}: ${listedReason(r)}`);
      for (const c of diff.reasonChanged) lines.push(`  ~ ${c.id}: ${c.after} (was: ${c.before})`);
      if (diff.unknownIds.length)
        lines.push(
          `  ! listed ids not in the corpus${filter === undefined ? ' (removed)' : ' (kept)'}: ${diff.unknownIds.join(', ')}`,
        );
      // With --json, standard output carries the JSON alone.
      if (json) log(lines.join('\n'));
      else await writeOut(`${lines.join('\n')}\n`);
    }
    return 0;
  },
};

/** Writes to standard output and waits until it is flushed: the CLI exits right after, which would cut a piped output short. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (e) => (e ? reject(e) : resolve())),
  );
}
