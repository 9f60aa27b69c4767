/** The CLI's commands. Each lives in its own file and is listed here. */
import type { Command } from './command.ts';
import { checkCommand } from './check.ts';
import { conformanceCommand } from './conformance.ts';
import { referenceCommand } from './reference.ts';
import { replayCommand } from './replay.ts';
import { translateCommand } from './translate.ts';

export type { Command } from './command.ts';

export const COMMANDS: Command[] = [
  replayCommand,
  checkCommand,
  translateCommand,
  conformanceCommand,
  referenceCommand,
];

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `Usage: npm run --silent loupe -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its options.\n`;
}
