/**
 * The operator table: every tabular operator and every source with syntax of its own, keyed by
 * its AST kind. The mapped types make a kind without a module a compile error.
 *
 * How to add an operator:
 * 1. add its node to `Operator` in ../ast.ts (a discriminated union: `kind`, fields, `span`);
 * 2. write `operators/<name>.ts` with `defineOperator({ kind, syntax, lower, translate })`:
 *    `syntax` lists the Kusto.Language node kinds it lowers (`Kusto.Language.Syntax.SyntaxKind`
 *    names), `lower` builds the AST node from that node (see ../syntax/lowerer.ts for helpers),
 *    `translate` adds exactly one CTE for it (order-preserving operators carry `input.order` and
 *    the hidden order column, `orderCarry`, and never end their CTE in `ORDER BY`);
 * 3. list it below; reach other operators only through `ctx.translateOperator` / `ctx.translatePipeline`;
 * 4. write its trap tests (tests/unit/kql/*.test.ts) and its reference examples
 *    (tests/fixtures/kql-reference/), then regenerate docs/kql-coverage.md.
 * A source (a pipeline start with syntax of its own: print, datatable, range…) is the same with
 * `defineSource` and `SOURCES`.
 */
import type { OperatorKind } from '../ast.ts';
import { AS } from './as.ts';
import { CONSUME } from './consume.ts';
import { COUNT } from './count.ts';
import { DATATABLE } from './datatable.ts';
import { DISTINCT } from './distinct.ts';
import { EVALUATE } from './evaluate.ts';
import { EXTEND } from './extend.ts';
import { EXTERNALDATA } from './externaldata.ts';
import { GETSCHEMA } from './getschema.ts';
import { INVOKE } from './invoke.ts';
import { JOIN } from './join.ts';
import { LOOKUP } from './lookup.ts';
import { MAKE_SERIES } from './make-series.ts';
import { MATERIALIZE } from './materialize.ts';
import { MV_APPLY } from './mv-apply.ts';
import { MV_EXPAND } from './mv-expand.ts';
import { PARSE } from './parse.ts';
import { PARSE_KV } from './parse-kv.ts';
import { PARTITION } from './partition.ts';
import { PRINT } from './print.ts';
import { PROJECT } from './project.ts';
import { PROJECT_AWAY } from './project-away.ts';
import { PROJECT_BY_NAMES } from './project-by-names.ts';
import { PROJECT_KEEP } from './project-keep.ts';
import { PROJECT_RENAME } from './project-rename.ts';
import { PROJECT_REORDER } from './project-reorder.ts';
import { RANGE } from './range.ts';
import { SAMPLE } from './sample.ts';
import { SAMPLE_DISTINCT } from './sample-distinct.ts';
import { SCAN } from './scan.ts';
import { SEARCH, SEARCH_SOURCE } from './search.ts';
import { FIND_SOURCE } from './find.ts';
import { SERIALIZE } from './serialize.ts';
import { SORT } from './sort.ts';
import { SUMMARIZE } from './summarize.ts';
import { TAKE } from './take.ts';
import { TOP } from './top.ts';
import { TOP_HITTERS } from './top-hitters.ts';
import { TOP_NESTED } from './top-nested.ts';
import { UNION, UNION_SOURCE } from './union.ts';
import { WHERE } from './where.ts';
import type { OperatorSpec, SourceSpec, SyntaxSourceKind } from './spec.ts';

// The specs' node parameters are narrower than the table's; each is only ever called with the
// node kinds it lists in `syntax`, which is what the lowering table dispatches on.
type AnyNode = never;

export const OPERATORS: { readonly [K in OperatorKind]: OperatorSpec<K, AnyNode> } = {
  where: WHERE,
  extend: EXTEND,
  project: PROJECT,
  summarize: SUMMARIZE,
  join: JOIN,
  sort: SORT,
  take: TAKE,
  union: UNION,
  distinct: DISTINCT,
  top: TOP,
  count: COUNT,
  'project-away': PROJECT_AWAY,
  'project-keep': PROJECT_KEEP,
  'project-rename': PROJECT_RENAME,
  'project-reorder': PROJECT_REORDER,
  as: AS,
  getschema: GETSCHEMA,
  sample: SAMPLE,
  lookup: LOOKUP,
  evaluate: EVALUATE,
  'mv-expand': MV_EXPAND,
  'mv-apply': MV_APPLY,
  parse: PARSE,
  serialize: SERIALIZE,
  'top-nested': TOP_NESTED,
  scan: SCAN,
  'parse-kv': PARSE_KV,
  'top-hitters': TOP_HITTERS,
  'sample-distinct': SAMPLE_DISTINCT,
  partition: PARTITION,
  search: SEARCH,
  'make-series': MAKE_SERIES,
  consume: CONSUME,
  invoke: INVOKE,
  'project-by-names': PROJECT_BY_NAMES,
};

export const SOURCES: { readonly [K in SyntaxSourceKind]: SourceSpec<K, AnyNode> } = {
  print: PRINT,
  datatable: DATATABLE,
  range: RANGE,
  union: UNION_SOURCE,
  materialize: MATERIALIZE,
  search: SEARCH_SOURCE,
  externaldata: EXTERNALDATA,
  find: FIND_SOURCE,
};

/** The KQL operators Loupe translates (for the coverage table), by their Kusto.Language node kinds. */
export function implementedOperators(): string[] {
  return [
    ...new Set([...Object.values(OPERATORS), ...Object.values(SOURCES)].flatMap((s) => s.syntax)),
  ].sort();
}
