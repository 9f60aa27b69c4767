import { UsageError } from './args.ts';

/** Parses an ISO-8601 instant given on the command line; a time without zone is taken as UTC. */
export function parseIsoFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(value);
  const ms = Date.parse(hasZone || !/T|\d\d:\d\d/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms))
    throw new UsageError(
      `--${flag} expects an ISO-8601 time such as 2026-06-15T16:00:00Z, got "${value}"`,
    );
  return ms;
}
