/**
 * `loupe` command line: the same core as the browser app (ingest → KQL → SQL → replay), on
 * DuckDB-WASM's blocking Node build. Standard output carries results only (with --json, the report
 * alone); progress and diagnostics go to standard error. Exit codes: 0 ok, 1 a failure in the
 * input (the message says which file, line and column), 2 a usage error.
 */
import { LoupeError } from '../errors.ts';
import { COMMANDS, usage } from './commands/index.ts';
import { UsageError } from './args.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`loupe: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`loupe ${name}: ${e.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (e instanceof LoupeError) {
      process.stderr.write(`loupe ${name}: ${e.describe()}\n`);
      const hint = command.remedy?.(e);
      if (hint) process.stderr.write(`  ${hint}\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * Exits once standard output and error are written out: a report written to a pipe is written
 * asynchronously, and exiting at once cut a large `--json` report short (measured: 438 KB of a
 * 785 KB library report reached the reading process).
 */
function exitAfterOutput(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitAfterOutput, (e: unknown) => {
  process.stderr.write(`loupe: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  exitAfterOutput(70);
});
