/**
 * The CLI side of a rule library (`replay --rules DIR`) and of `--external URL=FILE`: reading a
 * folder of rule files, loading the files an analyst supplies for `externaldata` URLs, and the
 * readable ranking of a library replay.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LoupeError } from '../errors.ts';
import { workspaceHint } from './workspace-flags.ts';
import type { LibraryReport } from '../rules/library.ts';
import type { RuleFileText } from '../rules/library.ts';
import type { LoupeSession } from '../session/api.ts';
import type { LoadOptions } from '../ingest/api.ts';
import { UsageError } from './args.ts';
import { readBytes, readText } from './files.ts';
import { externalTableName } from '../session/external-table-name.ts';
import { terminalText } from './terminal-text.ts';

/** The rule formats parseRuleFile reads: Sentinel YAML, the portal's ARM JSON export, bare KQL. */
const RULE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.kql']);

/** Every rule file directly inside `dir` (not its subfolders), in name order. */
export function readRuleDir(dir: string): RuleFileText[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw new LoupeError(
        'cli',
        'file',
        `--rules expects a folder of rule files; ${dir} is a file (use --rule for one rule)`,
        { file: dir },
      );
    names = readdirSync(dir);
  } catch (e) {
    if (e instanceof LoupeError) throw e;
    throw new LoupeError(
      'cli',
      'file',
      `cannot read rule folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      { file: dir },
    );
  }
  const files = names
    .filter((n) => RULE_EXTENSIONS.has(extname(n).toLowerCase()))
    .sort()
    .map((n) => ({ name: n, text: readText(join(dir, n), 'rule file') }));
  if (files.length === 0)
    throw new LoupeError('cli', 'file', `no rule files (.yaml, .yml, .json, .kql) in ${dir}`, {
      file: dir,
    });
  return files;
}

/** `URL=FILE` → its parts. The URL itself contains `=` often (query strings): split at the last one. */
export function parseExternalFlag(value: string): { url: string; file: string } {
  const eq = value.lastIndexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new UsageError(`--external expects URL=FILE, not "${value}"`);
  return { url: value.slice(0, eq), file: value.slice(eq + 1) };
}

/**
 * Loads each `URL=FILE` as a table and tells the session to read it wherever a query says
 * `externaldata(…) ["URL"]` (Loupe never downloads anything).
 */
export async function loadExternalData(
  session: LoupeSession,
  flags: readonly string[],
  log: (m: string) => void,
  options: LoadOptions = {},
): Promise<void> {
  for (const flag of flags) {
    const { url, file } = parseExternalFlag(flag);
    const t = await session.load(
      { name: basename(file), bytes: readBytes(file) },
      { ...options, table: externalTableName(file) },
    );
    session.useExternalData(url, t.name);
    log(
      terminalText(
        `loaded ${basename(file)} → ${t.name} (${t.rowCount} rows) for externaldata ${url}`,
      ),
    );
  }
}

/** Where a rule's place is, as compilers print it: "file.yaml:59:3". */
export function placeOf(e: {
  readonly file: string;
  readonly position: { readonly file?: string; readonly line?: number; readonly column?: number };
}): string {
  return [
    e.position.file ?? e.file,
    e.position.line,
    e.position.line !== undefined ? e.position.column : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(':');
}

/** The ranking of a library replay for a terminal: rules by alerts raised, then the errors. */
export function formatLibrarySummary(lib: LibraryReport): string {
  const { totals } = lib;
  const out: string[] = [];
  out.push(
    `Rules: ${totals.rules}, ran: ${totals.ran}, failed: ${totals.failed}; alerts: ${totals.alerts}; incidents: ${totals.incidents}`,
  );
  const ran = lib.results.filter((r) => r.status === 'ok');
  const failed = lib.results.filter((r) => r.status === 'error');
  if (ran.length) {
    out.push('', 'Ranking (most alerts first)');
    out.push(
      `  ${'#'.padStart(3)}  ${'alerts'.padStart(6)}  ${'incidents'.padStart(9)}  ${'runs'.padStart(5)}  ${'fired'.padStart(5)}  ${'severity'.padEnd(13)}  rule`,
    );
    ran.forEach((r, i) => {
      out.push(
        `  ${String(i + 1).padStart(3)}  ${String(r.alerts).padStart(6)}  ${String(r.incidents).padStart(9)}  ${String(r.runs).padStart(5)}  ${String(r.firedRuns).padStart(5)}  ${(r.severity ?? '-').padEnd(13)}  ${r.ruleName} (${r.file})`,
      );
    });
  }
  if (failed.length) {
    out.push('', 'Errors (these rules did not run)');
    for (const e of failed) {
      out.push(`  ${placeOf(e)}: ${e.stage} ${e.code}: ${e.message}`);
      const hint = workspaceHint(e.detail);
      if (hint) out.push(`      ${hint}`);
    }
  }
  return `${out.map(terminalText).join('\n')}\n`;
}
