/**
 * KQL text → Loupe's AST: Kusto.Language parses and binds it (analyze.ts), the Lowerer keeps what
 * translation needs (lowerer.ts).
 */
import type { TranslateOptions } from '../api.ts';
import type { Query } from '../ast.ts';
import { analyzeQuery } from './analyze.ts';
import { Lowerer } from './lowerer.ts';
import { LOWERING_TABLES } from './lowering-table.ts';

/** No tables: enough to read a query's structure (the binder then leaves table columns unknown). */
const NO_TABLES: Pick<TranslateOptions, 'resolveTable'> = { resolveTable: () => undefined };

export function parseQuery(
  text: string,
  options: Pick<TranslateOptions, 'resolveTable' | 'tableNames'> = NO_TABLES,
): Query {
  const code = analyzeQuery(text, options);
  return new Lowerer(text, LOWERING_TABLES).query(code.Syntax as Kusto.Language.Syntax.QueryBlock);
}
