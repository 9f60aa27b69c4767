/**
 * Finds the body of each CTE in the translator's SQL (`WITH "s1" AS (…), "s2" AS (…) SELECT …`) so
 * that the side-by-side view can show each KQL step next to the SQL that implements it. The scan
 * balances parentheses and skips string literals, quoted identifiers and comments, so a `)` inside
 * `'…'` or `"…"` does not end a body.
 */

/** CTE name → the SQL between its `AS (` and the matching `)`. */
export function cteBodies(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  const head = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)\s+AS\s+(?:(?:NOT\s+)?MATERIALIZED\s+)?\(/giy;
  let i = 0;
  let depth = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // At depth 0, a quoted name may start a CTE head: try that before skipping the quotes.
      if (depth === 0 && c === '"' && tryHead()) continue;
      i = skipQuoted(sql, i, c);
      continue;
    }
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /[A-Za-z_]/.test(c) && (i === 0 || !/[A-Za-z0-9_]/.test(sql[i - 1]!)) && tryHead()) continue;
    i++;
  }
  return out;

  function tryHead(): boolean {
    head.lastIndex = i;
    const m = head.exec(sql);
    if (!m) return false;
    const raw = m[1]!;
    const name = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw;
    const start = head.lastIndex; // just after "("
    const end = matchingParen(sql, start);
    if (end < 0) return false;
    out.set(name, sql.slice(start, end).trim());
    i = end + 1;
    return true;
  }
}

/** The index just after a line (--) or block comment starting at i, or i when none starts there. */
function skipComment(sql: string, i: number): number {
  if (sql[i] === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl + 1;
  }
  if (sql[i] === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

function skipQuoted(sql: string, i: number, q: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) j += 2; // doubled quote inside the literal
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

/** Index of the `)` closing the parenthesis opened just before `start`, or -1. */
function matchingParen(sql: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(sql, i, c);
      continue;
    }
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    i++;
  }
  return -1;
}
