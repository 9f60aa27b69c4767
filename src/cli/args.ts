/** A small, strict argument parser: unknown flags are errors, not ignored. */
export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value (`--rule FILE`); may repeat when listed in `repeatable`. */
  readonly values?: readonly string[];
  readonly repeatable?: readonly string[];
  /** Flags that are on or off (`--json`). */
  readonly booleans?: readonly string[];
}

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string[]>;
  readonly booleans: ReadonlySet<string>;
  readonly positional: readonly string[];
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (spec.booleans?.includes(flag)) {
      if (eq > 0) throw new UsageError(`--${flag} takes no value`);
      booleans.add(flag);
    } else if (spec.values?.includes(flag)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${flag} needs a value`);
      const list = values.get(flag) ?? [];
      if (list.length && !spec.repeatable?.includes(flag))
        throw new UsageError(`--${flag} given twice`);
      list.push(v);
      values.set(flag, list);
    } else {
      throw new UsageError(`unknown option --${flag}`);
    }
  }
  return { values, booleans, positional };
}

/** The single value of a flag, or undefined. */
export function single(args: ParsedArgs, flag: string): string | undefined {
  return args.values.get(flag)?.[0];
}
