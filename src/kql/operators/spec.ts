/**
 * What an operator module defines. Each tabular operator lives in one file of this folder, with the
 * two halves of its life in Loupe:
 *
 * - `lower`: its Kusto.Language syntax node (the `syntax` kinds, e.g. `FilterOperator`) → its AST
 *   node (ast.ts), keeping spans and Kusto's meaning;
 * - `translate`: its AST node and its input relation → its output relation, adding exactly one CTE
 *   (one step of the KQL/SQL side-by-side view).
 *
 * The modules are gathered in ./index.ts into a table typed by AST kind, so a kind without a module
 * is a compile error. Modules reach each other only through the translation context
 * (`ctx.translatePipeline`, `ctx.translateOperator`), never by importing one another's specs.
 */
import type { Operator, OperatorKind, Source, SourceKind } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { KustoExpression } from '../syntax/kusto-language.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import type { Relation } from '../types.ts';

type QueryOperatorNode = Kusto.Language.Syntax.QueryOperator;

export interface OperatorSpec<
  K extends OperatorKind,
  N extends QueryOperatorNode = QueryOperatorNode,
> {
  readonly kind: K;
  /** The Kusto.Language node kinds this operator lowers (`FilterOperator` is `where`/`filter`). */
  readonly syntax: readonly string[];
  lower(node: N, l: Lowerer): Extract<Operator, { kind: K }>;
  translate(op: Extract<Operator, { kind: K }>, input: Relation, ctx: TranslateContext): Relation;
}

/** Defines an operator module with its kind's types checked. */
export function defineOperator<K extends OperatorKind, N extends QueryOperatorNode>(
  spec: OperatorSpec<K, N>,
): OperatorSpec<K, N> {
  return spec;
}

/** Sources with their own syntax: they start a pipeline instead of continuing one. */
export type SyntaxSourceKind = Exclude<
  SourceKind,
  'table-ref' | 'subquery' | 'table-call' | 'invoke'
>;

export interface SourceSpec<
  K extends SyntaxSourceKind,
  N extends KustoExpression = KustoExpression,
> {
  readonly kind: K;
  /** The Kusto.Language node kinds that start this source (`DataTableExpression`, `PrintOperator`…). */
  readonly syntax: readonly string[];
  lower(node: N, l: Lowerer): Extract<Source, { kind: K }>;
  translate(src: Extract<Source, { kind: K }>, ctx: TranslateContext): Relation;
}

export function defineSource<K extends SyntaxSourceKind, N extends KustoExpression>(
  spec: SourceSpec<K, N>,
): SourceSpec<K, N> {
  return spec;
}
