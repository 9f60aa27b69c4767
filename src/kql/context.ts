/**
 * The state of one translation: the CTEs emitted so far (one per KQL operator), the steps shown
 * beside them, `let` bindings, and the tables read. Tabular expressions are translated here by
 * handing each operator to its module in ./operators/.
 */
import type { ColumnSchema, TableSchema } from '../schema/catalog.ts';
import { pushesBelowJoin } from './operators/join-pushdown.ts';
import type { ErrorDetail } from '../errors.ts';
import type { KqlErrorCode, TranslateOptions, TranslationStep, TranslationWarning } from './api.ts';
import type { Expr, LetStatement, LetValue, OperatorKind, Pipeline, Span } from './ast.ts';
import { kqlError, lineColumn, type KqlError } from './errors.ts';
import { SQL } from './dialect/index.ts';
import { quoteIdent } from './sql.ts';
import type { Operator, Query, Source } from './ast.ts';
import type { OperatorSpec, SourceSpec, SyntaxSourceKind } from './operators/spec.ts';
import { Scope } from './scope.ts';
import type { Relation, Typed } from './types.ts';
import { translateExpr } from './expr.ts';
import { invokeTabular } from './user-functions.ts';
import { sqlColumns } from './sql-names.ts';
import { didYouMean } from '../schema/table-suggestions.ts';
import {
  functionNotLoaded,
  workspaceFunctionBinding,
  type WorkspaceBinding,
} from './workspace-functions.ts';
import { isAsimFunctionName } from '../workspace/function-sources.ts';

/**
 * Operators whose output rows arrive in an order DuckDB's threads decide (hash aggregation, hash
 * join): see Relation.arrivalEngineDependent.
 */
const HASHED_OUTPUT: ReadonlySet<OperatorKind> = new Set<OperatorKind>([
  'summarize',
  'distinct',
  'join',
  'lookup',
]);

export type Binding =
  | { kind: 'scalar'; value: Typed }
  /** `lets`: the bindings where the let was written, so its names keep their meaning (lexical scope). */
  | { kind: 'tabular'; pipeline: Pipeline; relation?: Relation; lets?: Map<string, Binding> }
  | { kind: 'table-alias'; table: string }
  /** `workspace`: a function the workspace defines (api.ts WorkspaceFunction), not the query. */
  | { kind: 'function'; fn: Extract<LetValue, { kind: 'function' }>; workspace?: WorkspaceBinding };

/**
 * The operator tables and the parser, given by translate.ts so that this module imports no
 * operator (the parser's lowering reads the operator tables too).
 */
export interface TranslationTables {
  readonly operators: { readonly [K in OperatorKind]: OperatorSpec<K, never> };
  readonly sources: { readonly [K in SyntaxSourceKind]: SourceSpec<K, never> };
  /** KQL text → Loupe's AST (syntax/parse-query.ts), for text the query brings in: workspace functions. */
  readonly parse: (text: string, options: TranslateOptions) => Query;
}

export class TranslateContext {
  readonly ctes: { name: string; sql: string }[] = [];
  readonly steps: TranslationStep[] = [];
  readonly tables: string[] = [];
  /** Kusto's warnings beside the result (api.ts Translation.warnings), each with its place. */
  readonly warnings: TranslationWarning[] = [];
  private lets = new Map<string, Binding>();
  readonly nowSql: string;
  /**
   * The KQL text the spans being translated point into: the query's, or a workspace function's
   * body while it is inlined (then `callSpan` is its call in the query, where its steps are shown).
   */
  private source: { text: string; callSpan?: Span; place(line: number, column: number): string };

  constructor(
    readonly queryText: string,
    readonly options: TranslateOptions,
    private readonly specs: TranslationTables,
  ) {
    this.nowSql = options.nowSql ?? SQL.runVariable('loupe_now');
    this.source = { text: queryText, place: (line, column) => `line ${line}, column ${column}` };
  }

  get text(): string {
    return this.source.text;
  }

  /** Parses KQL text other than the query's (a workspace function's body) against the same tables. */
  parse(text: string): Query {
    return this.specs.parse(text, this.options);
  }

  error(code: KqlErrorCode, message: string, span: Span, detail?: ErrorDetail): KqlError {
    return kqlError(this.text, code, message, span, detail);
  }

  /**
   * Records a warning about the text at `span`; inside a workspace function it is placed at the
   * function's call in the query, and says where in the function it is.
   */
  warn(message: string, span: Span): void {
    const { callSpan } = this.source;
    if (!callSpan) {
      this.warnings.push({ message, ...lineColumn(this.text, span.start) });
      return;
    }
    const inside = lineColumn(this.text, span.start);
    this.warnings.push({
      message: `${message} (${this.source.place(inside.line, inside.column)})`,
      ...lineColumn(this.queryText, callSpan.start),
    });
  }

  /**
   * Translates with the spans pointing into another text (a workspace function's body) called at
   * `callSpan` of the current one; `place` words a line and column of that text for warnings.
   */
  withSourceText<T>(
    text: string,
    callSpan: Span,
    place: (line: number, column: number) => string,
    fn: () => T,
  ): T {
    const saved = this.source;
    this.source = { text, callSpan: saved.callSpan ?? callSpan, place };
    try {
      return fn();
    } finally {
      this.source = saved;
    }
  }

  /** Adds a CTE (and a step when it implements a KQL operator) and returns its name. */
  addCte(label: string, sql: string, step?: Span): string {
    const name = `t${this.ctes.length + 1}_${label.replace(/[^A-Za-z0-9]/g, '_')}`;
    this.ctes.push({ name, sql });
    // A step inside a workspace function is shown at its call in the query.
    const at = step && (this.source.callSpan ?? step);
    if (step && at)
      this.steps.push({
        span: { start: at.start, end: at.end },
        kql: this.text.slice(step.start, step.end),
        cte: name,
        sql,
      });
    return name;
  }

  scalarBinding(name: string): Typed | undefined {
    const b = this.lets.get(name);
    return b?.kind === 'scalar' ? b.value : undefined;
  }

  /** A `let` of the query, else a function the workspace defines (the query's names shadow it). */
  binding(name: string): Binding | undefined {
    return this.lets.get(name) ?? workspaceFunctionBinding(this, name);
  }

  /** Whether `name` is a workspace function (not the query's) whose body ends in a table (or cannot be read). */
  private isTabularWorkspaceFunction(name: string): boolean {
    const b = this.binding(name);
    return b?.kind === 'function' && b.workspace !== undefined && b.fn.body.value.kind !== 'scalar';
  }

  bindLet(stmt: LetStatement): void {
    this.lets.set(stmt.name, this.letBinding(stmt.value));
  }

  /**
   * `as Name`: binds rows already translated, for references later in the query. A tabular
   * binding whose relation is known; its pipeline only records where the name was bound.
   */
  bindRelation(name: string, relation: Relation, span: Span): void {
    const pipeline: Pipeline = {
      kind: 'pipeline',
      source: { kind: 'table-ref', name, span },
      operators: [],
      span,
    };
    this.lets.set(name, { kind: 'tabular', pipeline, relation });
  }

  private letBinding(v: LetValue): Binding {
    switch (v.kind) {
      case 'scalar': {
        // `let x = f(…);` of a tabular workspace function: Kusto.Language does not know the
        // workspace's functions, so it could not tell the call is a table; the body says so.
        const e = v.expr;
        if (e.kind === 'call' && this.isTabularWorkspaceFunction(e.name)) {
          const source = {
            kind: 'invoke' as const,
            name: e.name,
            nameSpan: e.nameSpan,
            args: e.args,
            span: e.span,
          };
          return {
            kind: 'tabular',
            pipeline: { kind: 'pipeline', source, operators: [], span: e.span },
            lets: this.lets,
          };
        }
        return { kind: 'scalar', value: translateExpr(e, new Scope([]), this) };
      }
      case 'tabular':
        return { kind: 'tabular', pipeline: v.pipeline, lets: this.lets };
      case 'function':
        return { kind: 'function', fn: v };
      case 'name': {
        const b = this.binding(v.name);
        if (b) return b;
        if (this.options.resolveTable(v.name)) return { kind: 'table-alias', table: v.name };
        throw this.error('unknown-table', `"${v.name}" is neither a table nor a let`, v.span);
      }
    }
  }

  /**
   * Runs `fn` with extra let bindings visible (a user function's parameters, then its body's lets),
   * restoring the outer bindings afterwards: the body's names do not leak to the caller.
   */
  private withScopeOf<T>(lets: Map<string, Binding> | undefined, fn: () => T): T {
    if (!lets || lets === this.lets) return fn();
    const saved = this.lets;
    this.lets = lets;
    try {
      return fn();
    } finally {
      this.lets = saved;
    }
  }

  /** `isolated`: only `extra` is visible (a workspace function's body does not see the query's lets). */
  withBindings<T>(extra: ReadonlyMap<string, Binding>, fn: () => T, isolated = false): T {
    const saved = this.lets;
    this.lets = new Map(isolated ? extra : [...saved, ...extra]);
    try {
      return fn();
    } finally {
      this.lets = saved;
    }
  }

  /**
   * Checks a relation's output for a name that appears twice (Kusto refuses that too). Names that
   * differ only in letter case are two columns, as in Kusto (sql-names.ts keeps them apart in SQL).
   */
  checkColumns(columns: readonly ColumnSchema[], span: Span): void {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name))
        throw this.error('unsupported', `the column "${c.name}" appears twice`, span);
      seen.add(c.name);
    }
  }

  translatePipeline(p: Pipeline): Relation {
    let rel = this.translateSource(p.source);
    for (let i = 0; i < p.operators.length; i++) {
      const op = p.operators[i]!;
      const next = p.operators[i + 1];
      // `… | join kind=innerunique … | where P(left columns)` filters the left side first, as Kusto does.
      if (pushesBelowJoin(op, next, rel)) {
        rel = this.translateOperator(op, this.translateOperator(next!, rel));
        i++;
      } else rel = this.translateOperator(op, rel);
    }
    return rel;
  }

  /** One operator over `input` (also how operator modules run one another, e.g. mv-apply's subquery). */
  translateOperator<K extends OperatorKind>(
    op: Extract<Operator, { kind: K }>,
    input: Relation,
  ): Relation {
    const spec = this.specs.operators[op.kind] as OperatorSpec<K>;
    const rel = spec.translate(op, input, this);
    this.checkColumns(rel.columns, op.span);
    const engineDependent =
      rel.order === undefined &&
      (HASHED_OUTPUT.has(op.kind) || input.arrivalEngineDependent === true);
    return engineDependent ? { ...rel, arrivalEngineDependent: true } : rel;
  }

  private translateSource(src: Source): Relation {
    switch (src.kind) {
      case 'subquery':
        return this.translatePipeline(src.pipeline);
      case 'table-ref':
        return this.tabularByName(src.name, src.span);
      case 'table-call': {
        const v = this.expr(src.name, new Scope([]));
        if (typeof v.literal !== 'string')
          throw this.error(
            'unsupported',
            'table() with a name that is not a constant string',
            src.name.span,
          );
        return this.tabularByName(v.literal, src.name.span);
      }
      case 'invoke':
        return invokeTabular(src.name, src.args, src.span, this);
      default: {
        const spec = this.specs.sources[src.kind] as SourceSpec<SyntaxSourceKind>;
        const rel = spec.translate(src as never, this);
        this.checkColumns(rel.columns, src.span);
        return rel;
      }
    }
  }

  /** The names of the tables the query can read by pattern (`union Sign*`): the tables loaded. */
  tableNames(): readonly string[] {
    return this.options.tableNames?.() ?? [];
  }

  tabularByName(name: string, span: Span): Relation {
    const b = this.binding(name);
    if (b?.kind === 'tabular') {
      // Translated on first use, but with the names visible where it was defined (not a caller's
      // function parameters of the same name).
      b.relation ??= this.withScopeOf(b.lets, () => this.translatePipeline(b.pipeline));
      return b.relation;
    }
    // A parameterless function (a `view`) named like a table: its body's rows.
    if (b?.kind === 'function' && b.fn.params.length === 0)
      return invokeTabular(name, [], span, this);
    if (b?.kind === 'function')
      throw this.error(
        'unsupported',
        `using the user-defined function "${name}" is not supported yet`,
        span,
      );
    if (b?.kind === 'scalar') throw this.error('type', `"${name}" is a scalar, not a table`, span);
    const table = b?.kind === 'table-alias' ? b.table : name;
    const schema = this.options.resolveTable(table);
    // An ASIM parser named like a table (`_Im_NetworkSession | where …`): a function to load.
    if (!schema && b === undefined && isAsimFunctionName(name))
      throw functionNotLoaded(this, name, span);
    if (!schema)
      throw this.error(
        'unknown-table',
        `unknown table "${name}"${didYouMean(this.options.suggestTables?.(name) ?? [])}`,
        span,
        { kind: 'table-unknown', name: table },
      );
    return this.readTable(schema, span);
  }

  private readTable(schema: TableSchema, span: Span): Relation {
    this.checkColumns(schema.columns, span);
    if (!this.tables.includes(schema.name)) this.tables.push(schema.name);
    const from = this.options.tableSql?.(schema.name, schema) ?? quoteIdent(schema.name);
    // KQL strings are never null: a missing string reads as "" whatever the loader stored.
    // A table's columns are stored under their SQL names (sql-names.ts): their own, unless two
    // differ only in case (a catalog table created empty: schema/ddl.ts), which DuckDB cannot hold.
    const out = sqlColumns(schema.columns);
    const cols = schema.columns.map((c, i) => {
      const read = c.type === 'string' ? `coalesce(${out[i]}, '')` : out[i]!;
      return read === out[i] ? read : `${read} AS ${out[i]}`;
    });
    const cte = this.addCte(schema.name, `SELECT ${cols.join(', ')} FROM ${from}`, span);
    return { cte, columns: schema.columns };
  }

  /** Translates an expression over a relation's rows (convenience for operators). */
  expr(e: Expr, scope: Scope): Typed {
    return translateExpr(e, scope, this);
  }
}
