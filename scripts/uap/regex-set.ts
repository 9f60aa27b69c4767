/** The compact form of uap-core's regexes.yaml (generate.ts writes it, the freshness test compares it). */
import { fileURLToPath } from 'node:url';
import type { UapRegexSet } from '../../src/kql/runtime/user-agent.ts';

export const UAP_REGEXES_PATH = fileURLToPath(
  new URL('../../src/kql/runtime/data/uap-core-regexes.json', import.meta.url),
);

type Entry = Record<string, unknown>;

function list(doc: unknown, key: string): Entry[] {
  const v = (doc as Record<string, unknown>)[key];
  if (!Array.isArray(v)) throw new Error(`regexes.yaml has no ${key} list`);
  return v as Entry[];
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** [regex, case-insensitive, replacements…] per parser, in the file's order (first match wins). */
export function uapRegexSet(doc: unknown, version: string): UapRegexSet {
  const parser = (e: Entry, fields: readonly string[]) =>
    [String(e.regex), e.regex_flag === 'i', ...fields.map((f) => text(e[f]))] as const;
  return {
    source: `uap-core ${version} regexes.yaml (Apache-2.0)`,
    userAgent: list(doc, 'user_agent_parsers').map((e) =>
      parser(e, ['family_replacement', 'v1_replacement', 'v2_replacement', 'v3_replacement']),
    ),
    os: list(doc, 'os_parsers').map((e) =>
      parser(e, [
        'os_replacement',
        'os_v1_replacement',
        'os_v2_replacement',
        'os_v3_replacement',
        'os_v4_replacement',
      ]),
    ),
    device: list(doc, 'device_parsers').map((e) =>
      parser(e, ['device_replacement', 'brand_replacement', 'model_replacement']),
    ),
  };
}
