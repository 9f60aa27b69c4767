/**
 * Synthetic sign-ins for the replay benchmark, generated in SQL (no CSV): a month of
 * AADNonInteractiveUserSignInLogs (catalog schema) from 2,000 users, 90% successes, and
 * AADRiskyUsers flagging 40 of those users at times spread over the month. `shuffled` puts rows in
 * hash order (the worst case for pruning by TimeGenerated); otherwise they arrive in time order.
 * The same statements run in Node (bench/replay.ts) and in the browser (bench/replay-browser/).
 */
import type { SqlEngine } from '../src/db/engine.ts';
import { knownTable } from '../src/schema/catalog.ts';
import { createEmptyTableSql } from '../src/schema/ddl.ts';

export const MONTH_START = Date.UTC(2026, 4, 1);
export const MONTH_MS = 30 * 24 * 3_600_000;

/** The statements creating and filling both tables. */
export function signInsSql(rows: number, shuffled: boolean): string[] {
  const monthUs = MONTH_MS * 1000;
  // Time order: row i at i/rows of the month; shuffled: a hash of i decides the time.
  // (HUGEINT: i × a month in µs overflows BIGINT from ~3.6M rows.)
  const offset = shuffled ? `(hash(i) % ${monthUs})` : `(i::HUGEINT * ${monthUs} // ${rows})`;
  return [
    ...['AADNonInteractiveUserSignInLogs', 'AADRiskyUsers'].flatMap((name) => [
      `DROP TABLE IF EXISTS "${name}"`,
      createEmptyTableSql(knownTable(name)!),
    ]),
    `INSERT INTO "AADNonInteractiveUserSignInLogs" ("TimeGenerated", "UserPrincipalName", "IPAddress", "ResultType", "Location", "AppDisplayName", "UserId", "Type")
    SELECT TIMESTAMP '2026-05-01 00:00:00' + to_microseconds(${offset}::BIGINT),
           'user' || (hash(i * 7) % 2000)::VARCHAR || '@contoso.com',
           '10.' || (hash(i * 13) % 250)::VARCHAR || '.' || (hash(i * 17) % 250)::VARCHAR || '.1',
           CASE WHEN hash(i * 3) % 10 = 0 THEN '50126' ELSE '0' END,
           ['US', 'GB', 'FR', 'DE', 'NL'][1 + (hash(i * 5) % 5)::INTEGER],
           ['Microsoft Office', 'Teams', 'Outlook', 'Azure Portal'][1 + (hash(i * 11) % 4)::INTEGER],
           'id-' || (hash(i * 7) % 2000)::VARCHAR,
           'AADNonInteractiveUserSignInLogs'
    FROM range(${rows}) t(i)`,
    `INSERT INTO "AADRiskyUsers" ("TimeGenerated", "UserPrincipalName", "RiskLevel", "RiskState", "RiskDetail", "Type")
    SELECT TIMESTAMP '2026-05-01 00:00:00' + to_microseconds((hash(j * 31) % ${monthUs})::BIGINT),
           'user' || (j * 50)::VARCHAR || '@contoso.com',
           CASE WHEN j % 2 = 0 THEN 'high' ELSE 'medium' END, 'atRisk', 'none', 'AADRiskyUsers'
    FROM range(40) t(j)`,
  ];
}

export function generateSignIns(engine: SqlEngine, rows: number, shuffled: boolean): void {
  for (const sql of signInsSql(rows, shuffled)) engine.exec(sql);
}
