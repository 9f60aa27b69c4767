/**
 * `loupe` command line: the same core as the browser app (ingest → KQL → SQL → replay), on
 * DuckDB-WASM's blocking Node build. Standard output carries results only (with --json, the report
 * alone); progress and diagnostics go to standard error. Exit codes: 0 ok, 1 a failure in the
 * input (the message says which file, line and column), 2 a usage error.
 */
import { LoupeError } from '../errors.ts';
import { COMMANDS, usage } from './commands/index.ts';
import { UsageError } from './args.ts';
import { terminalMessage } from './terminal-text.ts';
import { exitAfterOutput } from './output.ts';

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
      process.stderr.write(`loupe ${name}: ${terminalMessage(e.message)}\n\n${command.usage}\n`);
      return 2;
    }
    if (e instanceof LoupeError) {
      // The message quotes the input (a value, a line of a file): escaped and cut for the terminal.
      process.stderr.write(`loupe ${name}: ${terminalMessage(e.describe())}\n`);
      const hint = command.remedy?.(e);
      if (hint) process.stderr.write(`  ${terminalMessage(hint)}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (e: unknown) => {
    process.stderr.write(
      `loupe: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return exitAfterOutput(70);
  },
);
