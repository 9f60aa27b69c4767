/**
 * The operator and source tables indexed by Kusto.Language node kind, for the Lowerer: the
 * dispatch from a syntax node to the module that lowers it.
 */
import type { Operator, Source } from '../ast.ts';
import { OPERATORS, SOURCES } from '../operators/index.ts';
import type { LoweringTables } from './lowerer.ts';
import type { KustoExpression } from './kusto-language.ts';
import type { Lowerer } from './lowerer.ts';

export interface OperatorLowering {
  lower(node: Kusto.Language.Syntax.QueryOperator, l: Lowerer): Operator;
}

export interface SourceLowering {
  lower(node: KustoExpression, l: Lowerer): Source;
}

function bySyntax<T>(specs: readonly { syntax: readonly string[] }[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const s of specs) for (const k of s.syntax) out.set(k, s as unknown as T);
  return out;
}

const OPERATOR_BY_SYNTAX = bySyntax<OperatorLowering>(Object.values(OPERATORS));
const SOURCE_BY_SYNTAX = bySyntax<SourceLowering>(Object.values(SOURCES));

export const LOWERING_TABLES: LoweringTables = {
  operatorFor: (kind) => OPERATOR_BY_SYNTAX.get(kind),
  sourceFor: (kind) => SOURCE_BY_SYNTAX.get(kind),
};
