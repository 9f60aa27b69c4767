/**
 * parse_user_agent(ua, lookFor): Kusto's Browser / OperatingSystem / Device fields, read with
 * ua-parser's shared regex set (uap-core's regexes.yaml, Apache-2.0; compact copy in
 * ./data/uap-core-regexes.json written by scripts/uap/generate.ts), following the uap
 * specification: the parsers of each kind are tried in order and the first that matches gives the
 * family and versions (its replacements, with `$1`…`$9` filled from the match, or else the match's
 * groups in order); no match is family "Other". Kusto shows an absent version as "".
 *
 * User-agent strings are attacker-written and the set has over a thousand patterns, so they run on
 * RE2 (linear time, no backtracking); the few patterns RE2 cannot compile (look-arounds) are left
 * out, counted in UAP_SKIPPED. Answers are cached per string: sign-in logs repeat a few agents.
 */
import { RE2JS } from 're2js';
import regexSet from './data/uap-core-regexes.json' with { type: 'json' };
import { stringifyJson } from '../../json/stringify.ts';
import { udf } from './udf.ts';

/** One parser: [regex, case-insensitive, replacement per field (null: the match's group)]. */
export type UapParser = readonly [string, boolean, ...(string | null)[]];
export interface UapRegexSet {
  readonly source: string;
  readonly userAgent: readonly UapParser[];
  readonly os: readonly UapParser[];
  readonly device: readonly UapParser[];
}

/** The longest agent read: longer ones are cut there (real agents are a few hundred characters). */
export const UA_MAX_CHARS = 2048;
const CACHE_SIZE = 4096;

interface Compiled {
  readonly re: RE2JS;
  readonly replacements: readonly (string | null)[];
}

let compiled: { ua: Compiled[]; os: Compiled[]; device: Compiled[]; skipped: number } | undefined;

function compileAll() {
  if (compiled) return compiled;
  let skipped = 0;
  const compile = (list: readonly UapParser[]) =>
    list.flatMap(([regex, insensitive, ...replacements]) => {
      try {
        const re = RE2JS.compile(regex, insensitive ? RE2JS.CASE_INSENSITIVE : 0);
        return [{ re, replacements }];
      } catch {
        skipped++;
        return [];
      }
    });
  const set = regexSet as unknown as UapRegexSet;
  compiled = {
    ua: compile(set.userAgent),
    os: compile(set.os),
    device: compile(set.device),
    skipped,
  };
  return compiled;
}

/** How many of the set's patterns RE2 cannot run (and are left out), for the docs and tests. */
export function uapSkipped(): number {
  return compileAll().skipped;
}

/** The groups of the first parser that matches, and that parser. */
function firstMatch(parsers: readonly Compiled[], ua: string) {
  for (const p of parsers) {
    const m = p.re.matcher(ua);
    if (!m.find()) continue;
    const groups: string[] = [];
    for (let g = 1; g <= p.re.groupCount(); g++) groups.push(m.group(g) ?? '');
    return { p, groups };
  }
  return undefined;
}

/** A replacement with `$1`…`$9` filled in, or the field's own group; trimmed, "" when absent. */
function field(
  replacement: string | null | undefined,
  groups: readonly string[],
  group: number | undefined,
): string {
  const v =
    replacement != null
      ? replacement.replace(/\$(\d)/g, (_, n: string) => groups[Number(n) - 1] ?? '')
      : group !== undefined
        ? (groups[group - 1] ?? '')
        : '';
  return v.trim();
}

/**
 * A family and its versions (browser, OS): each field from its replacement or its group in order
 * (the family group 1, the first version group 2, …); nothing matched is family "Other".
 */
function familyAndVersions<const F extends readonly string[]>(
  parsers: readonly Compiled[],
  ua: string,
  versions: F,
): Record<'Family' | F[number], string> {
  const hit = firstMatch(parsers, ua);
  const out: Record<string, string> = {
    Family: hit ? field(hit.p.replacements[0], hit.groups, 1) : 'Other',
  };
  versions.forEach((name, i) => {
    out[name] = hit ? field(hit.p.replacements[i + 1], hit.groups, i + 2) : '';
  });
  return out as Record<'Family' | F[number], string>;
}

const browser = (ua: string) =>
  familyAndVersions(compileAll().ua, ua, ['MajorVersion', 'MinorVersion', 'Patch']);

const operatingSystem = (ua: string) =>
  familyAndVersions(compileAll().os, ua, ['MajorVersion', 'MinorVersion', 'Patch', 'PatchMinor']);

function device(ua: string) {
  const hit = firstMatch(compileAll().device, ua);
  if (!hit) return { Family: 'Other', Brand: '', Model: '' };
  const r = hit.p.replacements;
  return {
    Family: field(r[0], hit.groups, 1),
    Brand: field(r[1], hit.groups, undefined),
    Model: field(r[2], hit.groups, 1),
  };
}

const TARGETS = {
  browser: ['Browser', browser],
  os: ['OperatingSystem', operatingSystem],
  device: ['Device', device],
} as const;
type Target = keyof typeof TARGETS;

/** The look-for argument as its targets: a string, or a dynamic array of them (as JSON text). */
function targetsOf(lookFor: string): Target[] | undefined {
  let v: unknown = lookFor;
  if (lookFor.trimStart().startsWith('[') || lookFor.trimStart().startsWith('"')) {
    try {
      v = JSON.parse(lookFor);
    } catch {
      return undefined;
    }
  }
  const list = Array.isArray(v) ? v : [v];
  const out: Target[] = [];
  for (const t of list) {
    const k = typeof t === 'string' ? t.toLowerCase() : '';
    if (!(k in TARGETS)) return undefined;
    if (!out.includes(k as Target)) out.push(k as Target);
  }
  return out.length ? out : undefined;
}

const cache = new Map<string, string>();

/** parse_user_agent's dynamic value as JSON text; null for a null agent or look-for. */
export function parseUserAgent(ua: string | null, lookFor: string | null): string | null {
  if (ua === null || lookFor === null) return null;
  const targets = targetsOf(lookFor);
  if (!targets) return null;
  const text = ua.length > UA_MAX_CHARS ? ua.slice(0, UA_MAX_CHARS) : ua;
  const key = `${targets.join(',')}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out: Record<string, unknown> = {};
  for (const t of targets) {
    const [name, parse] = TARGETS[t];
    out[name] = parse(text);
  }
  const json = stringifyJson(out);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, json);
  return json;
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const PARSE_USER_AGENT = udf(
  'kql_parse_user_agent',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  parseUserAgent,
);
