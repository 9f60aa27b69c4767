/**
 * What Loupe's translator implements, read from its registries, for the coverage table
 * (./coverage.ts): names of functions and aggregates, Kusto.Language syntax kinds of operators.
 * A unit test translates a call of every name listed here, so a list cannot claim what the
 * translator refuses (tests/unit/kql/catalog.test.ts).
 */
import { aggregateFunctionNames, scalarFunctionNames } from '../functions/index.ts';
import { ARG_EXTREMES } from '../functions/arg-extreme.ts';
import { operatorFor, sourceFor } from '../operators/registry.ts';
import { WINDOW_FUNCTIONS } from '../window.ts';
import { KUSTO_CATALOG } from './builtins.ts';

/**
 * Functions the translator handles before the registry because they read more than their
 * arguments (scoped-calls.ts: the columns in scope, a table's schema) or are tabular sources
 * (`table("Name")`, operators/table-call.ts).
 */
const FUNCTIONS_OUTSIDE_THE_REGISTRY: readonly string[] = ['column_ifexists', 'ingestion_time', 'column_names_of', 'estimate_data_size', 'table'];

/** Scalar functions (also tabular ones such as `table()`), by name. */
export function implementedFunctions(): string[] {
  return [...new Set([...scalarFunctionNames(), ...FUNCTIONS_OUTSIDE_THE_REGISTRY])].sort();
}

/** Aggregates, by name: the registry's and the multi-column ones summarize handles itself (arg_max…). */
export function implementedAggregates(): string[] {
  return [...new Set([...aggregateFunctionNames(), ...ARG_EXTREMES])].sort();
}

/** Window functions, by name (window.ts). */
export function implementedWindowFunctions(): string[] {
  return [...WINDOW_FUNCTIONS].sort();
}

/** `evaluate` plugins, by name: `ipv4_lookup` (operators/evaluate.ts parses that one plugin). */
export function implementedPlugins(): string[] {
  return ['ipv4_lookup'];
}

/** Sources (pipeline starts with their own syntax) by Loupe's source kind, with the keyword Kusto spells them with. */
const SOURCE_KEYWORDS: readonly (readonly [Parameters<typeof sourceFor>[0], string])[] = [
  ['print', 'print'], ['datatable', 'datatable'], ['range', 'range'], ['union', 'union'], ['materialize', 'materialize'],
  ['externaldata', 'externaldata'], ['search', 'search'],
];

/** Statements and expressions the parser reads itself (parser.ts): `let`, `set`, `declare pattern`, `toscalar()`. */
const PARSER_SYNTAX: readonly string[] = ['LetStatement', 'SetOptionStatement', 'PatternStatement', 'ToScalarExpression'];

/**
 * Operators, statements and tabular expressions, as the Kusto.Language syntax kinds they parse to
 * (`FilterOperator` is `where`/`filter`): the operator table's keywords, its sources and what the
 * parser reads itself, each matched to the catalog's entry for its keyword.
 */
export function implementedOperators(): string[] {
  const kinds = new Set<string>(PARSER_SYNTAX);
  const sources = new Set(SOURCE_KEYWORDS.filter(([kind]) => sourceFor(kind)).map(([, keyword]) => keyword));
  for (const e of KUSTO_CATALOG.entries) {
    if (e.kind !== 'operator' || !e.syntax) continue;
    const keywords = [e.name, ...(e.aliases ?? [])];
    if (keywords.some((k) => operatorFor(k) !== undefined || sources.has(k))) kinds.add(e.syntax);
  }
  return [...kinds].sort();
}
