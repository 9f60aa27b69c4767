/**
 * What Loupe's translator implements, read from its registries, for the coverage table
 * (./coverage.ts): names of functions and aggregates, Kusto.Language syntax kinds of operators.
 * A unit test translates a call of every name listed here, so a list cannot claim what the
 * translator refuses (tests/unit/kql/catalog.test.ts).
 */
import { aggregateFunctionNames, scalarFunctionNames } from '../functions/index.ts';
import { ARG_EXTREMES } from '../functions/arg-extreme.ts';
import { implementedOperators as operatorSyntaxKinds } from '../operators/index.ts';
import { implementedPlugins as pluginNames } from '../plugins/index.ts';
import { WINDOW_FUNCTIONS } from '../window.ts';

/**
 * Functions the translator handles before the registry because they read more than their
 * arguments (scoped-calls.ts: the columns in scope, a table's schema), or the query's `set`
 * options (`bin_auto`, read by syntax/lowerer.ts), or are tabular sources (`table("Name")`,
 * operators/table-call.ts).
 */
const FUNCTIONS_OUTSIDE_THE_REGISTRY: readonly string[] = [
  'column_ifexists',
  'columnifexists',
  'iscolumnexists',
  'pack_all',
  'bin_auto',
  'ingestion_time',
  'column_names_of',
  'estimate_data_size',
  'table',
];

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

/** `evaluate` plugins, by name (plugins/index.ts). */
export function implementedPlugins(): string[] {
  return pluginNames().sort();
}

/**
 * Statements, expressions and operators the lowerer reads itself (syntax/lowerer.ts, lower-expr.ts):
 * `let`, `set`, `declare pattern`, `declare query_parameters` (its defaults), `toscalar()`, and `render`, which only tells a client how to draw
 * the rows and changes nothing, so the lowerer drops it (tests/unit/kql/operators-misc.test.ts).
 */
const LOWERER_SYNTAX: readonly string[] = [
  'LetStatement',
  'SetOptionStatement',
  'PatternStatement',
  'ToScalarExpression',
  'RenderOperator',
  'QueryParametersStatement',
];

/**
 * Operators, statements and tabular expressions, as the Kusto.Language syntax kinds they parse to
 * (`FilterOperator` is `where`/`filter`): the operator table's and the sources' (operators/index.ts)
 * and what the lowerer reads itself.
 */
export function implementedOperators(): string[] {
  return [...new Set([...LOWERER_SYNTAX, ...operatorSyntaxKinds()])].sort();
}
