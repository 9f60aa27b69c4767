/**
 * The flags that raise (or lower) ingest's limits for the files a command loads
 * (src/ingest/limits.ts): `--max-record-mb N`, `--max-gzip-ratio N`, `--max-json-depth N`.
 */
import { LIMIT_CEILINGS, type IngestLimits } from '../ingest/limits.ts';
import { single, UsageError, type ParsedArgs } from './args.ts';

const MiB = 1024 * 1024;

/** Each flag, the limit it sets and how its value becomes that limit. */
const FLAGS: readonly {
  readonly flag: string;
  readonly limit: keyof IngestLimits;
  readonly scale: number;
}[] = [
  { flag: 'max-record-mb', limit: 'recordBytes', scale: MiB },
  { flag: 'max-gzip-ratio', limit: 'gzipRatio', scale: 1 },
  { flag: 'max-json-depth', limit: 'jsonDepth', scale: 1 },
];

export const LIMIT_FLAGS: readonly string[] = FLAGS.map((f) => f.flag);

export const LIMIT_USAGE = `--max-record-mb N (default 64), --max-gzip-ratio N (default 100) and --max-json-depth N (default 128)
raise the limits on one record's size, a gzip's inflation and a JSON value's nesting (docs/ingest.md, Limits).`;

/** The limits the command line sets (none given: the defaults). */
export function limitsFromFlags(args: ParsedArgs): Partial<IngestLimits> | undefined {
  const out: { -readonly [K in keyof IngestLimits]?: number } = {};
  for (const { flag, limit, scale } of FLAGS) {
    const text = single(args, flag);
    if (text === undefined) continue;
    const n = Number(text);
    const max = Math.floor(LIMIT_CEILINGS[limit] / scale);
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > max)
      throw new UsageError(`--${flag} takes a whole number from 1 to ${max}, not "${text}"`);
    out[limit] = n * scale;
  }
  return Object.keys(out).length ? out : undefined;
}
