/**
 * Tabular operators: each module in this folder parses and translates one KQL operator and is
 * listed here. An operator's translation receives its input relation (CTE + KQL schema) and
 * returns its output relation, adding exactly one CTE (one step of the side-by-side view).
 */
import type { Operator, OperatorKind, Source, SourceKind } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { Token } from '../lexer.ts';
import type { Parser } from '../parser.ts';
import type { Relation } from '../types.ts';
import { EXTEND } from './extend.ts';
import { JOIN } from './join.ts';
import { PROJECT } from './project.ts';
import { SORT } from './sort.ts';
import { SUMMARIZE } from './summarize.ts';
import { TAKE } from './take.ts';
import { WHERE } from './where.ts';
import { LOOKUP } from './lookup.ts';
import { MV_EXPAND } from './mv-expand.ts';
import { MV_APPLY } from './mv-apply.ts';
import { SERIALIZE } from './serialize.ts';
import { MAKE_SERIES } from './make-series.ts';
import { PARSE } from './parse.ts';
import { DATATABLE } from './datatable.ts';
import { PRINT } from './print.ts';
import { RANGE } from './range.ts';
import { AS } from './as.ts';
import { COUNT } from './count.ts';
import { DISTINCT } from './distinct.ts';
import { GETSCHEMA } from './getschema.ts';
import { PROJECT_AWAY } from './project-away.ts';
import { PROJECT_KEEP } from './project-keep.ts';
import { PROJECT_RENAME } from './project-rename.ts';
import { PROJECT_REORDER } from './project-reorder.ts';
import { SAMPLE } from './sample.ts';
import { TOP } from './top.ts';
import { UNION, UNION_SOURCE } from './union.ts';
import { EXTERNALDATA } from './externaldata.ts';
import { INVOKE } from './invoke.ts';
import { MATERIALIZE } from './materialize.ts';
import { TABLE_CALL } from './table-call.ts';
import { EVALUATE } from './evaluate.ts';
import { TOP_NESTED } from './top-nested.ts';
import { SCAN } from './scan.ts';
import { SEARCH, SEARCH_SOURCE } from './search.ts';
import { PARTITION } from './partition.ts';
import { PATTERN } from './pattern.ts';
import { TOP_HITTERS } from './top-hitters.ts';
import { SAMPLE_DISTINCT } from './sample-distinct.ts';
import { PARSE_KV } from './parse-kv.ts';

export interface OperatorSpec<K extends OperatorKind = OperatorKind> {
  readonly kind: K;
  /** The KQL spellings (`where`, `filter`). */
  readonly names: readonly string[];
  /** Parses the operator's arguments; `keyword` is its name token, already consumed. */
  parse(p: Parser, keyword: Token): Extract<Operator, { kind: K }>;
  translate(op: Extract<Operator, { kind: K }>, input: Relation, ctx: TranslateContext): Relation;
}

/** Defines an operator module with its kind's types checked. */
export function defineOperator<K extends OperatorKind>(spec: OperatorSpec<K>): OperatorSpec<K> {
  return spec;
}

const SPECS: readonly OperatorSpec<any>[] = [WHERE, EXTEND, PROJECT, SUMMARIZE, JOIN, SORT, TAKE, LOOKUP, MV_EXPAND,
  UNION, DISTINCT, TOP, COUNT, PROJECT_AWAY, PROJECT_KEEP, PROJECT_RENAME, PROJECT_REORDER, AS, GETSCHEMA, SAMPLE, MV_APPLY, SERIALIZE, MAKE_SERIES, PARSE, EVALUATE, TOP_NESTED, SCAN, SEARCH, PARTITION, TOP_HITTERS, SAMPLE_DISTINCT, PARSE_KV];

const BY_NAME = new Map<string, OperatorSpec<any>>();
for (const s of SPECS) {
  BY_NAME.set(s.kind, s);
  for (const n of s.names) BY_NAME.set(n, s);
}

/** The operator module for a KQL operator name or an AST kind. */
export function operatorFor(nameOrKind: string): OperatorSpec | undefined {
  return BY_NAME.get(nameOrKind);
}

/**
 * A tabular source with its own syntax (`print`, `datatable`, `range`, `union`): it starts a
 * pipeline instead of continuing one, so it has no input relation.
 */
export interface SourceSpec<K extends SourceKind = SourceKind> {
  readonly kind: K;
  /** Whether the tokens at the parser's position start this source (e.g. `range x from`). */
  starts(p: Parser): boolean;
  /** Parses the source; its keyword token is the current token, not yet consumed. */
  parse(p: Parser): Extract<Source, { kind: K }>;
  translate(src: Extract<Source, { kind: K }>, ctx: TranslateContext): Relation;
}

export function defineSource<K extends SourceKind>(spec: SourceSpec<K>): SourceSpec<K> {
  return spec;
}

const SOURCES: readonly SourceSpec<any>[] = [PRINT, DATATABLE, RANGE, UNION_SOURCE, TABLE_CALL, MATERIALIZE, EXTERNALDATA, INVOKE, SEARCH_SOURCE, PATTERN];

/** The source module whose syntax starts at the parser's position, if any. */
export function sourceAt(p: Parser): SourceSpec | undefined {
  return SOURCES.find((s) => s.starts(p));
}

/** The source module for a Source AST kind. */
export function sourceFor(kind: SourceKind): SourceSpec | undefined {
  return SOURCES.find((s) => s.kind === kind);
}

/** KQL operators Loupe does not translate yet: refused as 'unsupported' rather than 'syntax'. */
export const KNOWN_UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set([
  'evaluate', 'render', 'invoke',
  'fork', 'facet', 'reduce', 'consume',
  'find', 'externaldata', 'materialize',
]);
