/**
 * A DuckDB error from a console SQL query, as the analyst should read it. DuckDB echoes the
 * statement it ran ("LINE 1: SELECT * FROM (<your query>) AS loupe_probe LIMIT 0" and a caret
 * line): that shows Loupe's wrapper, and the caret, in a flattened message, points nowhere. Its
 * parser errors arrive as JSON text. This turns both into the message alone, with the line (the
 * wrapper adds no line) and, where the echo shows the whole line, the column and the token there,
 * so the console underlines the place as it does for KQL.
 */
import type { Problem } from '../state/problem.ts';

/** DuckDB's context echo: "\n\nLINE 2:   b FRM SigninLogs) …\n                ^". */
const ECHO = /\n+LINE (\d+): (.*)\n( *)\^\s*$/;

/** DuckDB's JSON error text ({"exception_type":"Parser","exception_message":"…"}) → "Parser Error: …". */
function plainMessage(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const j = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof j.exception_message === 'string')
      return `${typeof j.exception_type === 'string' ? `${j.exception_type} Error: ` : ''}${j.exception_message}`;
  } catch {
    // not JSON after all: shown as it is
  }
  return message;
}

export function sqlProblem(message: string, query: string): Problem {
  const text = plainMessage(message);
  const m = ECHO.exec(text);
  if (!m) return { message: text };
  const line = Number(m[1]);
  const shown = m[2]!;
  const caret = m[3]!.length - `LINE ${m[1]}: `.length;
  const base = text.slice(0, m.index).trim();
  const userLine = query.split('\n')[line - 1];
  if (userLine === undefined) return { message: base };
  // The echo shows the line from its start unless it begins with "..." (cut); the query's line sits
  // inside it after whatever the wrapper put before it.
  const at = shown.startsWith('...') || userLine.trim() === '' ? -1 : shown.indexOf(userLine);
  const column =
    at >= 0 && caret >= at && caret <= at + userLine.length ? caret - at + 1 : undefined;
  if (column === undefined) return { message: base, line };
  const token = /^[\w."]+/.exec(userLine.slice(column - 1))?.[0];
  return { message: base, line, column, length: Math.max(1, token?.length ?? 1) };
}
