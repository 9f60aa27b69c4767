/**
 * KQL text → one DuckDB SELECT (see api.ts for the contract).
 *
 *   text ─ Kusto.Language (syntax/analyze.ts) ─▶ syntax tree + semantics ─ syntax/lowerer.ts ─▶
 *   AST (ast.ts) ─ context.ts + operators/* ─▶ CTEs ─▶ SQL
 *
 * Each KQL operator becomes one CTE (listed in `steps` for the side-by-side view); expressions
 * are typed (expr.ts) so that each operator and function emits the SQL with KQL's semantics.
 */
import type { TranslateOptions, Translation } from './api.ts';
import { TranslateContext } from './context.ts';
import { orderBySuffix } from './operators/common.ts';
import { OPERATORS, SOURCES } from './operators/index.ts';
import { parseQuery } from './syntax/parse-query.ts';
import { microsFromInterval, quoteIdent } from './sql.ts';
import { sqlColumns } from './sql-names.ts';

export function translate(kql: string, options: TranslateOptions): Translation {
  const query = parseQuery(kql, options);
  const ctx = new TranslateContext(kql, options, {
    operators: OPERATORS,
    sources: SOURCES,
    parse: parseQuery,
  });
  for (const stmt of query.lets) ctx.bindLet(stmt);
  const rel = ctx.translatePipeline(query.body);
  // INTERVAL does not survive DuckDB-WASM's Arrow output, so timespans leave as microseconds.
  // Result columns are read by position (Translation.columns names them), so the SQL names may differ
  // from Kusto's where case alone tells two columns apart (sql-names.ts).
  const names = sqlColumns(rel.columns);
  const cols = rel.columns.map((c, i) =>
    c.type === 'timespan' ? `${microsFromInterval(names[i]!)} AS ${names[i]}` : names[i]!,
  );
  const withClause = ctx.ctes.map((c) => `${quoteIdent(c.name)} AS (\n  ${c.sql}\n)`).join(',\n');
  // A result without columns (a fuzzy union none of whose legs resolved) still has its row count.
  const select = cols.length > 0 ? cols.join(', ') : 'NULL AS "loupe_no_column"';
  const sql = `WITH ${withClause}\nSELECT ${select} FROM ${rel.cte}${orderBySuffix(rel.order)}`;
  return {
    kql,
    sql,
    columns: rel.columns,
    tables: ctx.tables,
    steps: ctx.steps,
    ordered: rel.order !== undefined,
    warnings: ctx.warnings,
  };
}
