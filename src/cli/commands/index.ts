/** The CLI's commands. Each lives in its own file and is listed here. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Command[] = [];

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `Usage: npm run --silent loupe -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its options.\n`;
}
