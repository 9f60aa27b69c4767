/**
 * The CLI side of what a Sentinel workspace provides beside its tables: `--watchlist ALIAS=FILE`
 * (with `--watchlist-key ALIAS=COLUMN`), `--functions DIR` (saved functions and ASIM parsers as
 * YAML or ARM JSON) and `--geoip FILE` (a MaxMind DB for geo_info_from_ip_address), loaded into the session before the rules are read; and the hint printed under
 * an error that one of them would fix.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LoupeError, type ErrorDetail } from '../errors.ts';
import type { LoupeSession } from '../session/api.ts';
import { whereToGetFunction } from '../workspace/function-sources.ts';
import { UsageError, type ParsedArgs } from './args.ts';
import { readBytes, readText } from './files.ts';

/** The flags every command that reads rules takes for the workspace's content. */
export const WORKSPACE_FLAGS = ['watchlist', 'watchlist-key', 'functions', 'geoip'] as const;

export const WORKSPACE_USAGE = `--watchlist ALIAS=FILE loads a watchlist CSV (a header row) under the alias rules call it by
(_GetWatchlist('ALIAS'), the Watchlist table); its SearchKey is a column named SearchKey, else the
first column, or the one --watchlist-key ALIAS=COLUMN names. A watchlist a rule reads but nobody
loaded is read as empty, as in a workspace without it (the report warns).
--functions DIR loads the workspace functions and ASIM parsers of every .yaml, .yml and .json file
directly in DIR (Azure-Sentinel Parsers/ format: FunctionName, FunctionParams, FunctionQuery; or
ParserName, ParserParams, ParserQuery), or one such FILE.
--geoip FILE loads a GeoIP database, a MaxMind DB (.mmdb) file such as MaxMind's GeoLite2-City or
DB-IP's IP to City Lite, which geo_info_from_ip_address() reads (Loupe never downloads one).`;

/** `NAME=VALUE` → its parts, split at the first `=` (an alias has none; a path may). */
function pair(flag: string, value: string, what: string): { name: string; value: string } {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new UsageError(`--${flag} expects ${what}, not "${value}"`);
  return { name: value.slice(0, eq), value: value.slice(eq + 1) };
}

const FUNCTION_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The function files a `--functions` value names: one file, or those directly in a folder. */
function functionFiles(path: string): { name: string; text: string }[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new LoupeError(
      'cli',
      'file',
      `cannot read functions ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      { file: path },
    );
  }
  if (!isDir) return [{ name: basename(path), text: readText(path, 'function file') }];
  const names = readdirSync(path)
    .filter((n) => FUNCTION_EXTENSIONS.has(extname(n).toLowerCase()))
    .sort();
  if (names.length === 0)
    throw new LoupeError('cli', 'file', `no function files (.yaml, .yml, .json) in ${path}`, {
      file: path,
    });
  return names.map((n) => ({ name: n, text: readText(join(path, n), 'function file') }));
}

/**
 * Loads the watchlists, functions and GeoIP database the flags name. A function file that cannot be read is
 * reported (file:line:column) and the others load; a watchlist that cannot be read stops the
 * command, as a log file does.
 */
export async function loadWorkspaceContent(
  session: LoupeSession,
  args: ParsedArgs,
  log: (m: string) => void,
): Promise<void> {
  const keys = new Map(
    (args.values.get('watchlist-key') ?? []).map((v) => {
      const p = pair('watchlist-key', v, 'ALIAS=COLUMN');
      return [p.name, p.value] as const;
    }),
  );
  const aliases = new Set<string>();
  for (const v of args.values.get('watchlist') ?? []) {
    const { name: alias, value: file } = pair('watchlist', v, 'ALIAS=FILE');
    aliases.add(alias);
    let lastUpdated: number;
    try {
      lastUpdated = statSync(file).mtimeMs;
    } catch (e) {
      throw new LoupeError(
        'cli',
        'file',
        `cannot read watchlist file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        { file },
      );
    }
    const searchKey = keys.get(alias);
    const w = await session.loadWatchlist(
      { name: basename(file), bytes: readBytes(file) },
      {
        alias,
        lastUpdated: Math.floor(lastUpdated),
        ...(searchKey !== undefined && { searchKey }),
      },
    );
    log(`loaded watchlist ${w.alias} from ${w.file} (${w.items} items, SearchKey ${w.searchKey})`);
  }
  for (const alias of keys.keys())
    if (!aliases.has(alias))
      throw new UsageError(`--watchlist-key ${alias}=… names no --watchlist ${alias}=FILE`);
  const geoip = args.values.get('geoip') ?? [];
  if (geoip.length > 1)
    throw new UsageError('--geoip is given more than once: a session reads one GeoIP database');
  for (const file of geoip) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (e) {
      throw new LoupeError(
        'cli',
        'file',
        `cannot read GeoIP database ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        { file },
      );
    }
    const g = await session.loadGeoIpDatabase({ name: basename(file), bytes });
    log(
      `loaded GeoIP database ${g.file} (${g.databaseType}, built ${g.buildDate.slice(0, 10) || 'on an unknown date'}, ${g.nodeCount} search-tree nodes)`,
    );
  }
  for (const path of args.values.get('functions') ?? []) {
    const report = session.loadFunctions(functionFiles(path));
    log(
      `loaded ${report.loaded.length} workspace function name(s) from ${path}${report.loaded.length ? `: ${[...new Set(report.loaded.map((f) => f.name))].join(', ')}` : ''}`,
    );
    for (const e of report.errors) {
      const where = [
        e.position.file ?? e.file,
        e.position.line,
        e.position.line !== undefined ? e.position.column : undefined,
      ]
        .filter((x) => x !== undefined)
        .join(':');
      log(`${where}: warning: not loaded: ${e.message}`);
    }
  }
}

/** What to do about an error one of these flags (or --external) can fix, from its typed detail. */
export function workspaceHint(detail: ErrorDetail | undefined): string | undefined {
  switch (detail?.kind) {
    case 'externaldata-needs-file':
      return `supply its file with --external ${detail.url}=FILE`;
    case 'function-not-loaded':
      return `load it with --functions DIR: ${detail.name} is ${whereToGetFunction(detail.name)}`;
    case 'watchlist-needs-file':
      return `load its CSV with --watchlist ${detail.alias}=FILE`;
    case 'geoip-needs-database':
      return 'load a GeoIP database with --geoip FILE.mmdb (MaxMind GeoLite2-City or DB-IP City Lite)';
    case 'table-unknown':
      return `give an export of ${detail.name} as a log FILE (the schema catalog does not know it)`;
    case 'builtin-refused':
    case undefined:
      return undefined;
  }
}
