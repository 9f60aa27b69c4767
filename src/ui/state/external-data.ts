/**
 * A query's `externaldata(…) ["URL"]` reads a file from the internet; Loupe never fetches it
 * (it works offline), so the translator fails with an error whose detail is
 * `externaldata-needs-file` (the URL and the declared columns), and the analyst supplies the file
 * instead. These helpers recognise that failure and name the table the supplied file is loaded into.
 */
import type { ErrorDetail } from '../../errors.ts';
import { problemOf, type Problem } from './problem.ts';
import { updateSession } from './session-store.ts';
import { externalTableName } from '../../session/external-table-name.ts';

/** The URL an externaldata source needs a file for, if that is what the problem is. */
export function externalDataUrlOf(
  p: { readonly detail?: ErrorDetail } | null | undefined,
): string | undefined {
  return p?.detail?.kind === 'externaldata-needs-file' ? p.detail.url : undefined;
}

/** What supplying a file needs from the workspace (its public actions). */
interface ExternalDataWorkspace {
  readonly tables: readonly { readonly name: string }[];
  readonly ruleSource: { readonly text: string; readonly fileName: string } | null;
  readonly replayProblem: Problem | null;
  readonly translation: unknown;
  readonly client: {
    request(
      type: 'useExternalData',
      payload: { readonly url: string; readonly table: string },
    ): Promise<null>;
  };
  loadFiles(files: readonly File[], table?: string): Promise<void>;
  useRule(source: { readonly text: string; readonly fileName: string }): Promise<void>;
  replay(): Promise<void>;
}

/**
 * Supplies the file for a query's externaldata URL: loads it like any log file into its own
 * table, tells the session to read that table for the URL, then reads the rule again (which
 * translates it) — and replays when it was the replay that needed the file. Resolves to a problem
 * to show, or null when the file is in use.
 */
export async function supplyExternalData(
  ws: ExternalDataWorkspace,
  url: string,
  file: File,
): Promise<Problem | null> {
  const table = externalTableName(file.name);
  const replayNeededIt = ws.replayProblem !== null;
  await ws.loadFiles([file], table);
  // A file that failed keeps its message in the file list; say what it means for the query.
  if (!ws.tables.some((t) => t.name === table))
    return {
      message: `${file.name} was not loaded (see the file list), so the query still has no data for ${url}.`,
    };
  try {
    await ws.client.request('useExternalData', { url, table });
  } catch (e) {
    return problemOf(e);
  }
  // Kept with the session, so a reload reads the same file for the URL again.
  void updateSession((s) => ({
    ...s,
    external: [...(s.external ?? []).filter((x) => x.url !== url), { url, table }],
  }));
  // A plain copy: the workspace's rule source is a reactive proxy, which postMessage cannot clone.
  const source = ws.ruleSource;
  if (source) await ws.useRule({ text: source.text, fileName: source.fileName });
  if (replayNeededIt && ws.translation) await ws.replay();
  return null;
}

/**
 * On reload, tells the session again which loaded table each externaldata URL reads (the tables
 * themselves come back with the saved files). Resolves to true when any was registered, so the
 * rule is translated again.
 */
export async function restoreExternalData(
  ws: Pick<ExternalDataWorkspace, 'tables' | 'client'>,
  saved: readonly { readonly url: string; readonly table: string }[],
): Promise<boolean> {
  let any = false;
  for (const { url, table } of saved) {
    if (!ws.tables.some((t) => t.name === table)) continue;
    try {
      await ws.client.request('useExternalData', { url, table });
      any = true;
    } catch {
      // The table went away: the prompt asks for the file again.
    }
  }
  return any;
}
