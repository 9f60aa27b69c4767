/**
 * The KQL syntax tree: discriminated unions, every node with the [start, end) offsets of its text.
 * Lowered from Kusto.Language's syntax tree (./syntax/lowerer.ts). Tabular operators are listed in
 * `Operator`; each has its lowering and translation in ./operators/<name>.ts (see ./operators/index.ts).
 */
import type { KqlType } from '../schema/kql-types.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

// ---------- scalar expressions ----------
export type Expr =
  /** `dynamic(…)` literals hold their canonical JSON text (null for `dynamic(null)`); typed nulls (`long(null)`) hold null. */
  | {
      kind: 'literal';
      type:
        'string' | 'long' | 'int' | 'real' | 'bool' | 'timespan' | 'datetime' | 'dynamic' | 'null';
      value: string | number | boolean | null;
      span: Span;
    }
  | { kind: 'name'; name: string; span: Span }
  /** `$left.X` / `$right.X` inside join conditions. */
  | { kind: 'side'; side: 'left' | 'right'; name: string; span: Span }
  | { kind: 'call'; name: string; nameSpan: Span; args: Expr[]; span: Span }
  | { kind: 'star'; span: Span }
  | { kind: 'unary'; op: '-' | '+'; operand: Expr; span: Span }
  | { kind: 'binary'; op: string; opSpan: Span; left: Expr; right: Expr; span: Span }
  /** `x in (a, b)`, `x !in~ (…)`. */
  | {
      kind: 'in';
      op: 'in' | '!in' | 'in~' | '!in~';
      left: Expr;
      items: Expr[];
      span: Span;
      /** `x in (T | project c)`: a one-column tabular right side. */ tabular?: Pipeline;
    }
  /** `toscalar(T | …)`: the first column of the first row of a tabular expression. */
  | { kind: 'toscalar'; pipeline: Pipeline; span: Span }
  /** `x between (low .. high)`, `x !between (…)`. */
  | { kind: 'between'; negated: boolean; left: Expr; low: Expr; high: Expr; span: Span }
  /** `x has_any ("a", "b")`, `x has_all (dynamicList)`, `x has_any ((T | project c))`. */
  | {
      kind: 'has-list';
      op: 'has_any' | 'has_all';
      left: Expr;
      items: Expr[];
      /** `x has_any ((T | project c))`: a one-column tabular list, as `in` takes. */
      tabular?: Pipeline;
      span: Span;
    }
  | { kind: 'index'; target: Expr; index: Expr; span: Span }
  | { kind: 'member'; target: Expr; name: string; span: Span };

/** `Name = expr` or bare `expr` in extend/project/summarize lists. */
export interface Assignment {
  readonly name?: { readonly text: string; readonly span: Span };
  /**
   * For a bare `expr`: the column name Kusto's binder gives it (`count_`, `x_a`, `Column1`), when
   * it gives one; the translator uses it as Kusto's name for the column (a clash still adds 1, 2…).
   */
  readonly kustoName?: string;
  /** `(A, B, C) = f(…)`: the names of a multi-result function's columns (see tuples.ts). */
  readonly names?: readonly { readonly text: string; readonly span: Span }[];
  readonly expr: Expr;
  readonly span: Span;
}

// ---------- tabular ----------
export interface SortKey {
  readonly expr: Expr;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
  readonly span: Span;
}

export type JoinKind =
  | 'innerunique'
  | 'inner'
  | 'leftouter'
  | 'rightouter'
  | 'fullouter'
  | 'leftsemi'
  | 'leftanti'
  | 'rightsemi'
  | 'rightanti';

export interface JoinCondition {
  readonly left: string;
  readonly right: string;
  readonly span: Span;
}

export type Operator =
  | { kind: 'where'; predicate: Expr; span: Span }
  | { kind: 'extend'; items: Assignment[]; span: Span }
  | { kind: 'project'; items: Assignment[]; span: Span }
  | { kind: 'summarize'; aggregates: Assignment[]; by: Assignment[]; span: Span }
  | {
      kind: 'join';
      joinKind: JoinKind;
      kindSpan?: Span;
      right: Tabular;
      on: JoinCondition[];
      span: Span;
    }
  | { kind: 'sort'; keys: SortKey[]; span: Span }
  | { kind: 'take'; count: Expr; span: Span }
  | { kind: 'union'; union: UnionArgs; span: Span }
  /** `distinct *` or `distinct A, tostring(B), C = f(D)`: columns or expressions (named as extend names them). */
  | { kind: 'distinct'; columns: Assignment[] | 'all'; span: Span }
  | { kind: 'top'; count: Expr; key: SortKey; span: Span }
  /** `count [as Name]`: one long column, `Count` unless named. */
  | { kind: 'count'; name?: string; span: Span }
  /** project-away/-keep: names or wildcard patterns (`*1`, `Prefix*`). */
  | { kind: 'project-away'; patterns: { text: string; span: Span }[]; span: Span }
  | { kind: 'project-keep'; patterns: { text: string; span: Span }[]; span: Span }
  | {
      kind: 'project-rename';
      renames: { to: { text: string; span: Span }; from: { text: string; span: Span } }[];
      span: Span;
    }
  | {
      kind: 'project-reorder';
      patterns: { text: string; span: Span; dir?: 'asc' | 'desc' }[];
      span: Span;
    }
  | { kind: 'as'; name: { text: string; span: Span }; span: Span }
  | { kind: 'getschema'; span: Span }
  | { kind: 'sample'; count: Expr; span: Span }
  | {
      kind: 'lookup';
      lookupKind: 'leftouter' | 'inner';
      kindSpan?: Span;
      right: Tabular;
      on: JoinCondition[];
      span: Span;
    }
  /** `evaluate plugin(arguments)` (../plugins/): tabular arguments told apart by Kusto's binder. */
  | {
      kind: 'evaluate';
      plugin: string;
      pluginSpan: Span;
      args: PluginArgument[];
      outputSchema?: PluginOutputSchema;
      span: Span;
    }
  | { kind: 'mv-expand'; expand: MvExpandArgs; span: Span }
  /** `mv-apply … on ( operators )`: the operators run on each input row's expanded rows. */
  | { kind: 'mv-apply'; expand: MvExpandArgs; operators: Operator[]; span: Span }
  | {
      kind: 'parse';
      where: boolean;
      regex: boolean;
      relaxed: boolean;
      flags?: string;
      target: Expr;
      parts: ParsePart[];
      span: Span;
    }
  | { kind: 'serialize'; items: Assignment[]; span: Span }
  | { kind: 'consume'; span: Span }
  | { kind: 'project-by-names'; specifiers: Expr[]; span: Span }
  /** `T | invoke f(args)`: the function called with the piped rows as its first (tabular) argument. */
  | { kind: 'invoke'; name: string; nameSpan: Span; args: Expr[]; span: Span }
  /** `top-nested [N] of Key by Agg [asc|desc], top-nested …`: one level per clause, each within the groups of the one before. */
  | { kind: 'top-nested'; levels: TopNestedLevel[]; span: Span }
  /** `scan [with_match_id = Id] [declare (v: type [= default], …)] with (step s [output = …]: Condition [=> v = e, …]; …)`. */
  | {
      kind: 'scan';
      matchId?: { text: string; span: Span };
      declare: ScanDeclaration[];
      steps: ScanStep[];
      span: Span;
    }
  /** `parse-kv Expr as (Key: type, …) [with (option = value, …)]`: one typed column per listed key. */
  | {
      kind: 'parse-kv';
      target: Expr;
      keys: { name: string; type: string; span: Span }[];
      options: { name: string; value: string | boolean; span: Span }[];
      span: Span;
    }
  /** `top-hitters N of Value [by Summing]`: the N values with the most rows (or largest sum). */
  | { kind: 'top-hitters'; count: Expr; value: Expr; by?: Expr; span: Span }
  /** `sample-distinct N of Value`: up to N distinct values, at random. */
  | { kind: 'sample-distinct'; count: Expr; value: Expr; span: Span }
  /** `partition by Column ( Operators )`: the operators run on each value's rows separately. */
  | { kind: 'partition'; column: { text: string; span: Span }; operators: Operator[]; span: Span }
  /** `T | search [kind=case_sensitive] Predicate`: rows of T the predicate keeps (bare strings are term searches over the columns). */
  | { kind: 'search'; caseSensitive: boolean; predicate: Expr; span: Span }
  | {
      kind: 'make-series';
      nonempty: boolean;
      aggregates: SeriesAggregate[];
      axis: Expr;
      from?: Expr;
      to?: Expr;
      step: Expr;
      by: Assignment[];
      span: Span;
    };

/** An argument of an `evaluate` plugin: a table, or a scalar (named when written `name = value`). */
export type PluginArgument =
  | { kind: 'tabular'; pipeline: Pipeline; span: Span }
  | {
      kind: 'scalar';
      name?: { readonly text: string; readonly span: Span };
      expr: Expr;
      span: Span;
    };

/**
 * `evaluate plugin(…) : (Name:type, …)` or `: (*, Name:type, …)`: the plugin's output columns
 * declared by the query (bag_unpack, pivot), `*` keeping the input's columns first.
 */
export interface PluginOutputSchema {
  readonly wildcard: boolean;
  readonly columns: readonly DatatableColumn[];
  readonly span: Span;
}

/** A column `scan` adds: `Name: type [= Default]`. */
export interface ScanDeclaration {
  readonly name: string;
  readonly type: string;
  readonly default?: Expr;
  readonly span: Span;
}

/** `step Name [output = all|last|none]: Condition [=> Column = Expr, …];` */
export interface ScanStep {
  readonly name: { readonly text: string; readonly span: Span };
  readonly output: 'all' | 'last' | 'none';
  readonly outputSpan?: Span;
  readonly condition: Expr;
  readonly assignments: Assignment[];
  readonly span: Span;
}

/** One `top-nested [N] of [Name =] Key [with others = V] by [Name =] Aggregation [asc|desc]` clause. */
export interface TopNestedLevel {
  readonly count?: Expr;
  readonly key: Assignment;
  readonly others?: Expr;
  readonly aggregate: Assignment;
  readonly desc: boolean;
  readonly span: Span;
}

/** One column of `mv-expand`/`mv-apply`: `[Name =] expr [to typeof(T)]`. */
export interface MvExpandItem {
  readonly name?: { readonly text: string; readonly span: Span };
  /** For an unnamed item: the column name Kusto's binder gives it. */
  readonly kustoName?: string;
  readonly expr: Expr;
  readonly toType?: { readonly text: string; readonly span: Span };
  readonly span: Span;
}

export interface MvExpandArgs {
  readonly items: MvExpandItem[];
  /** `bagexpansion=array` expands a bag into [key, value] arrays instead of one-key bags. */
  readonly bagExpansion: 'bag' | 'array';
  /** `with_itemindex=Name`: a long column with the element's 0-based index. */
  readonly itemIndex?: { readonly text: string; readonly span: Span };
  readonly limit?: Expr;
}

/** A piece of a `parse` pattern: literal text, a column to extract (`Name:type`), or `*`. */
export type ParsePart =
  | { kind: 'text'; text: string; span: Span }
  | { kind: 'column'; name: string; type: string; span: Span }
  | { kind: 'star'; span: Span };

/** `Name = Agg(…) [default = value]` in make-series. */
export interface SeriesAggregate {
  readonly item: Assignment;
  readonly default?: Expr;
}

export type OperatorKind = Operator['kind'];

/** A tabular source: a table or a `let`-bound tabular name, or a parenthesised pipeline. */
export type Source =
  | { kind: 'table-ref'; name: string; span: Span }
  | { kind: 'subquery'; pipeline: Pipeline; span: Span }
  // Sources with their own syntax (parsed and translated by ./operators/<kind>.ts, see SOURCES there).
  | { kind: 'print'; items: Assignment[]; span: Span }
  | { kind: 'datatable'; columns: DatatableColumn[]; values: Expr[]; span: Span }
  | {
      kind: 'range';
      column: { text: string; span: Span };
      from: Expr;
      to: Expr;
      step: Expr;
      span: Span;
    }
  | { kind: 'union'; union: UnionArgs; span: Span }
  /** `table("Name")` (the name may be a let or a function parameter). */
  | { kind: 'table-call'; name: Expr; span: Span }
  /** A call of a user-defined tabular function `f(args)`. */
  | { kind: 'invoke'; name: string; nameSpan: Span; args: Expr[]; span: Span }
  | { kind: 'materialize'; pipeline: Pipeline; span: Span }
  /**
   * `find [withsource=C] [in (T1, …)] where Predicate [project-smart | project …]` (operators/find.ts):
   * `tables` as written (none: every loaded table), `columns` the output schema Kusto.Language gives.
   */
  | {
      kind: 'find';
      tables?: { text: string; span: Span }[];
      predicate: Expr;
      columns: {
        readonly name: string;
        readonly type: KqlType;
        readonly role: 'source' | 'pack' | 'column';
      }[];
      span: Span;
    }
  /**
   * `search [kind=…] [in (T1, …)] Predicate`: the rows of each table the predicate keeps, with a
   * `$table` column; without `in`, the `view`s declared before it (`views`, recorded by the parser).
   */
  | {
      kind: 'search';
      caseSensitive: boolean;
      tables?: { text: string; span: Span }[];
      views: string[];
      predicate: Expr;
      span: Span;
    }
  /** `externaldata(cols) [ "URL", … ] with (format=…)`: the caller resolves the URL (TranslateOptions.externalData). */
  | {
      kind: 'externaldata';
      columns: DatatableColumn[];
      urls: { text: string; span: Span }[];
      format?: string;
      /** `with (ignoreFirstRecord=true)`: the file's first record is a header, not data. */
      ignoreFirstRecord: boolean;
      span: Span;
    };

export type SourceKind = Source['kind'];

/** `Name:type` in `datatable(…)`. */
export interface DatatableColumn {
  readonly name: string;
  readonly type: string;
  readonly span: Span;
}

/** The arguments of `union` (as a source or as an operator, whose input is then the first leg). */
export interface UnionArgs {
  readonly unionKind: 'inner' | 'outer';
  /** `withsource=Col`: a first column naming the leg each row came from. */
  readonly withSource?: { text: string; span: Span };
  /** `isfuzzy=true`: legs naming missing tables are left out instead of failing. */
  readonly isFuzzy: boolean;
  readonly legs: UnionLeg[];
}

/** A union leg: a tabular expression, or `Prefix*`, the tables whose names match. */
export type UnionLeg =
  Pipeline | { readonly kind: 'tables'; readonly pattern: string; readonly span: Span };

export interface Pipeline {
  readonly kind: 'pipeline';
  readonly source: Source;
  readonly operators: Operator[];
  readonly span: Span;
}

export type Tabular = Pipeline;

export interface FunctionParam {
  readonly name: string;
  readonly type: string;
  /** `(b:long = 5)`: the value used when a call leaves the parameter out. */
  readonly default?: Expr;
  readonly span: Span;
}

export type LetValue =
  | { kind: 'scalar'; expr: Expr; span: Span }
  | { kind: 'tabular'; pipeline: Pipeline; span: Span }
  /** A name that is a table or another let, resolved at translation (`let T = AADRiskyUsers;`). */
  | { kind: 'name'; name: string; span: Span }
  | {
      kind: 'function';
      params: FunctionParam[];
      body: { lets: LetStatement[]; value: LetValue };
      span: Span;
    };

export interface LetStatement {
  readonly kind: 'let';
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: LetValue;
  readonly span: Span;
}

export interface Query {
  readonly lets: LetStatement[];
  /** The first tabular expression statement: Kusto's primary result, the one a rule's alerts come from. */
  readonly body: Pipeline;
  /** Further tabular expression statements (Kusto returns them as further result tables). */
  readonly others?: Pipeline[];
  readonly span: Span;
}
