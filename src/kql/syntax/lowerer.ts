/**
 * Kusto.Language's syntax tree → Loupe's AST (ast.ts). The tree has already been parsed and bound
 * by Kusto.Language (analyze.ts); lowering keeps what translation needs — discriminated unions
 * with source spans — and the names Kusto's binder gave to what the query left unnamed.
 *
 * Each tabular operator lowers its own node in its module (`operators/<name>.ts`, `lower`), found
 * through the operator table by Kusto.Language's node kind; expressions lower in lower-expr.ts.
 * What Kusto accepts but Loupe does not run is refused here with `unsupported`, naming the
 * construct and its place.
 */
import type { ErrorDetail } from '../../errors.ts';
import type { KqlErrorCode } from '../api.ts';
import type {
  Expr,
  FunctionParam,
  LetStatement,
  LetValue,
  Operator,
  Pipeline,
  Query,
  Source,
  Span,
} from '../ast.ts';
import { refusal } from '../catalog/refuse.ts';
import { kqlError, type KqlError } from '../errors.ts';
import {
  elementsOf,
  kindName,
  kustoLanguage,
  listOf,
  type KustoExpression,
  type SyntaxElement,
  type SyntaxNode,
} from './kusto-language.ts';
import { lowerExpr } from './lower-expr.ts';
import type { OperatorLowering, SourceLowering } from './lowering-table.ts';
import { lowerPatternStatement, patternInvocation, type PatternDeclaration } from './patterns.ts';

/** `set` options that only limit or tune how Kusto runs and returns a query, not what it computes. */
const HARMLESS_OPTIONS = new Set([
  'notruncation',
  'truncationmaxrecords',
  'truncationmaxsize',
  'maxmemoryconsumptionperiterator',
  'max_memory_consumption_per_query_per_node',
  'servertimeout',
  'query_results_cache_max_age',
  'query_fanout_threads_percent',
  'query_fanout_nodes_percent',
  'hint.concurrency',
  'hint.spread',
]);

export interface LoweringTables {
  /** The operator that lowers a Kusto.Language node kind (`FilterOperator` → where). */
  operatorFor(kind: string): OperatorLowering | undefined;
  /** The source that lowers a node kind that starts a pipeline (`DataTableExpression` → datatable). */
  sourceFor(kind: string): SourceLowering | undefined;
}

export class Lowerer {
  /** The Kusto.Language namespace, for `instanceof` checks in operator modules. */
  readonly K = kustoLanguage();
  /** Names declared with `let V = view () { … }`: what a `search` without `in (…)` searches. */
  readonly views: string[] = [];
  /** `declare pattern` statements so far, by name. */
  readonly patterns = new Map<string, PatternDeclaration>();
  /** `set query_bin_auto_size/at = …` values, which `bin_auto(x)` stands for. */
  private readonly binAuto = new Map<string, Expr>();

  constructor(
    readonly text: string,
    private readonly tables: LoweringTables,
  ) {}

  // ---------- positions and errors ----------
  span(node: SyntaxElement): Span {
    return { start: node.TextStart, end: Math.max(node.TextStart, node.End) };
  }

  error(
    code: KqlErrorCode,
    message: string,
    where: Span | SyntaxElement,
    detail?: ErrorDetail,
  ): KqlError {
    const span = 'start' in where ? where : this.span(where);
    return kqlError(this.text, code, message, span, detail);
  }

  unsupported(what: string, node: SyntaxElement): KqlError {
    return this.error('unsupported', `${what} is not supported yet`, node);
  }

  /** A node Kusto.Language's parser left out (it reported the syntax error, which analyze.ts raises first). */
  syntaxGap(): KqlError {
    return kqlError(this.text, 'syntax', 'incomplete query', {
      start: this.text.length,
      end: this.text.length,
    });
  }

  // ---------- names ----------
  /** The name a reference or declaration stands for: `Name`, `['Name with spaces']`. */
  nameOf(node: { SimpleName: string | null }): string {
    return node.SimpleName ?? '';
  }

  declaredName(node: Kusto.Language.Syntax.NameDeclaration): { text: string; span: Span } {
    return { text: this.nameOf(node), span: this.span(node) };
  }

  /** A `NameReference` (or a bracketed name) used where a column name is required. */
  columnName(node: KustoExpression | null, what: string): { text: string; span: Span } {
    if (!node) throw this.syntaxGap();
    if (kindName(node) === 'NameReference')
      return {
        text: this.nameOf(node as Kusto.Language.Syntax.NameReference),
        span: this.span(node),
      };
    throw this.error('syntax', `expected ${what}`, node);
  }

  /**
   * The name Kusto gives the column of an unnamed expression (`count_`, `x_a`, `Column1`): the
   * binder's own, read from the operator's result columns (each knows the expression it came
   * from), else Kusto's naming rule for the expression alone (a renamed duplicate, `count_1`,
   * loses its source; the translator adds the suffix again).
   */
  kustoName(expr: KustoExpression): string | undefined {
    for (let p = expr.Parent; p; p = p.Parent) {
      if (!(p instanceof kustoLanguage().Syntax.QueryOperator)) continue;
      const result = p.ResultType;
      if (result instanceof kustoLanguage().Symbols.TableSymbol) {
        for (const c of listOf(result.Columns)) if (c.Source === expr && c.Name) return c.Name;
      }
      break;
    }
    return kustoLanguage().KustoFacts.GetExpressionResultName(expr, null, null) ?? undefined;
  }

  // ---------- statements ----------
  query(block: Kusto.Language.Syntax.QueryBlock): Query {
    const lets: LetStatement[] = [];
    const bodies: Pipeline[] = [];
    for (const stmt of elementsOf(block.Statements)) {
      const kind = kindName(stmt);
      if (kind === 'LetStatement')
        lets.push(this.letStatement(stmt as Kusto.Language.Syntax.LetStatement));
      else if (kind === 'ExpressionStatement')
        bodies.push(this.pipeline((stmt as Kusto.Language.Syntax.ExpressionStatement).Expression));
      else if (kind === 'SetOptionStatement')
        this.setOption(stmt as Kusto.Language.Syntax.SetOptionStatement);
      else if (kind === 'PatternStatement') {
        const p = lowerPatternStatement(stmt as Kusto.Language.Syntax.PatternStatement, this);
        this.patterns.set(p.name, p.declaration);
      } else if (kind === 'QueryParametersStatement')
        lets.push(...this.queryParameters(stmt as Kusto.Language.Syntax.QueryParametersStatement));
      else throw this.unsupported(`the statement ${kind.replace(/Statement$/, '')}`, stmt);
    }
    const body = bodies[0];
    if (!body)
      throw this.error('syntax', 'the query has no tabular expression to run', {
        start: this.text.length,
        end: this.text.length,
      });
    return {
      lets,
      body,
      ...(bodies.length > 1 && { others: bodies.slice(1) }),
      span: { start: 0, end: this.text.length },
    };
  }

  /**
   * `set query_bin_auto_size = 1h;` / `set query_bin_auto_at = …;` (read by bin_auto) and the
   * options that only limit or tune how Kusto returns results; any other option could change the
   * results (e.g. query_now) and is refused by name.
   */
  private setOption(stmt: Kusto.Language.Syntax.SetOptionStatement): void {
    const name = this.nameOf(stmt.Name!);
    const value = stmt.ValueClause?.Expression;
    if (name === 'query_bin_auto_size' || name === 'query_bin_auto_at') {
      if (!value) throw this.error('syntax', `expected "=" and a value for ${name}`, stmt);
      this.binAuto.set(name, lowerExpr(value, this));
    } else if (!HARMLESS_OPTIONS.has(name)) {
      throw this.error('unsupported', `the query option "${name}"`, stmt.Name!);
    }
  }

  /**
   * `declare query_parameters(Name:type [= default], …)`: Kusto binds each name to the value the
   * client sends with the query, or to its default when it sends none (Kusto docs, query
   * parameters declaration statement). Loupe's queries come with no parameter values, so a
   * parameter with a default is a `let` of its default, and one without is an error naming it.
   */
  private queryParameters(stmt: Kusto.Language.Syntax.QueryParametersStatement): LetStatement[] {
    return elementsOf(stmt.Parameters).map((p) => {
      const decl = p.NameAndType!;
      const name = this.nameOf(decl.Name!);
      const def = p.DefaultValue?.Value;
      if (!def) {
        throw this.error(
          'unsupported',
          `the query parameter "${name}" has no value: Loupe sends no query parameter values with a query, so a declared parameter needs a default (${name}:${this.typeText(decl.Type!)} = …)`,
          decl.Name!,
        );
      }
      return {
        kind: 'let',
        name,
        nameSpan: this.span(decl.Name!),
        value: { kind: 'scalar', expr: lowerExpr(def, this), span: this.span(def) },
        span: this.span(p),
      };
    });
  }

  letStatement(stmt: Kusto.Language.Syntax.LetStatement): LetStatement {
    const name = this.nameOf(stmt.Name!);
    const value = stmt.Expression!;
    if (
      kindName(value) === 'FunctionDeclaration' &&
      (value as Kusto.Language.Syntax.FunctionDeclaration).ViewKeyword
    )
      this.views.push(name);
    return {
      kind: 'let',
      name,
      nameSpan: this.span(stmt.Name!),
      value: this.letValue(value),
      span: this.span(stmt),
    };
  }

  private letValue(node: KustoExpression): LetValue {
    const span = this.span(node);
    const kind = kindName(node);
    if (kind === 'FunctionDeclaration')
      return this.functionDeclaration(node as Kusto.Language.Syntax.FunctionDeclaration);
    // `let T = AADRiskyUsers;` / `let y = x;`: a name resolved at translation (a table or another let).
    if (kind === 'NameReference')
      return { kind: 'name', name: this.nameOf(node as Kusto.Language.Syntax.NameReference), span };
    if (this.isTabular(node)) return { kind: 'tabular', pipeline: this.pipeline(node), span };
    return { kind: 'scalar', expr: lowerExpr(node, this), span };
  }

  private functionDeclaration(
    node: Kusto.Language.Syntax.FunctionDeclaration,
  ): Extract<LetValue, { kind: 'function' }> {
    const params: FunctionParam[] = elementsOf(node.Parameters?.Parameters).map((p) => {
      const decl = p.NameAndType!;
      const def = p.DefaultValue?.Value;
      return {
        name: this.nameOf(decl.Name!),
        type: this.typeText(decl.Type!),
        ...(def && { default: lowerExpr(def, this) }),
        span: this.span(p),
      };
    });
    const body = node.Body!;
    const lets = elementsOf(body.Statements)
      .filter((s) => kindName(s) === 'LetStatement')
      .map((s) => this.letStatement(s as Kusto.Language.Syntax.LetStatement));
    for (const s of elementsOf(body.Statements)) {
      if (kindName(s) !== 'LetStatement' && kindName(s) !== 'ExpressionStatement')
        throw this.unsupported(`the statement ${kindName(s)} in a function body`, s);
    }
    return {
      kind: 'function',
      params,
      body: { lets, value: this.letValue(body.Expression!) },
      span: this.span(node),
    };
  }

  /** A type as written: `string`, `dynamic`, or a tabular parameter's schema `(*)`, `(Col:string)`. */
  typeText(node: SyntaxNode): string {
    return this.text.slice(node.TextStart, node.End).replace(/\s+/g, '');
  }

  // ---------- tabular ----------
  /** Whether Kusto's binder (or, where it could not bind, the syntax) makes this a tabular expression. */
  isTabular(node: KustoExpression): boolean {
    const kind = kindName(node);
    if (
      kind === 'PipeExpression' ||
      this.tables.sourceFor(kind) ||
      node instanceof kustoLanguage().Syntax.QueryOperator
    )
      return true;
    if (kind === 'ParenthesizedExpression') {
      const inner = (node as Kusto.Language.Syntax.ParenthesizedExpression).Expression;
      return inner !== null && this.isTabular(inner);
    }
    const type = node.ResultType;
    return (
      type !== null && type !== undefined && type instanceof kustoLanguage().Symbols.TableSymbol
    );
  }

  /** A tabular expression: a source followed by `| operator`s. */
  pipeline(node: KustoExpression | null): Pipeline {
    if (!node) throw this.syntaxGap();
    const operators: Operator[] = [];
    const chain: Kusto.Language.Syntax.QueryOperator[] = [];
    let cur: KustoExpression = node;
    while (kindName(cur) === 'PipeExpression') {
      const pipe = cur as Kusto.Language.Syntax.PipeExpression;
      chain.unshift(pipe.Operator!);
      cur = pipe.Expression!;
    }
    const source = this.source(cur);
    for (const op of chain) {
      const lowered = this.operator(op);
      if (lowered) operators.push(lowered);
    }
    return { kind: 'pipeline', source, operators, span: this.span(node) };
  }

  /**
   * The operators of a subquery that has no source of its own (`mv-apply … on (top 1 by x)`,
   * `partition by k (summarize …)`): the innermost operator starts the chain.
   */
  operatorChain(node: KustoExpression | null): Operator[] {
    if (!node) throw this.syntaxGap();
    const chain: Kusto.Language.Syntax.QueryOperator[] = [];
    let cur: KustoExpression = node;
    while (kindName(cur) === 'PipeExpression') {
      const pipe = cur as Kusto.Language.Syntax.PipeExpression;
      chain.unshift(pipe.Operator!);
      cur = pipe.Expression!;
    }
    if (kindName(cur) === 'ParenthesizedExpression')
      return this.operatorChain((cur as Kusto.Language.Syntax.ParenthesizedExpression).Expression);
    if (!(cur instanceof kustoLanguage().Syntax.QueryOperator))
      throw this.error('syntax', 'expected a tabular operator', cur);
    chain.unshift(cur);
    return chain.map((op) => this.operator(op)).filter((op): op is Operator => op !== undefined);
  }

  /** One operator after `|`; undefined for operators that do not change the rows (`render`). */
  operator(node: Kusto.Language.Syntax.QueryOperator): Operator | undefined {
    const kind = kindName(node);
    // `render` only tells a client how to draw the rows (Kusto docs: it must be last and changes nothing).
    if (kind === 'RenderOperator') return undefined;
    const spec = this.tables.operatorFor(kind);
    if (!spec) {
      // An operator refused by design (src/kql/catalog/refusals.ts) says why, with its typed reason.
      const refused = refusal('operator', this.keyword(node));
      if (refused) throw this.error('unsupported', refused.message, node, refused.detail);
      throw this.unsupported(`the operator "${this.keyword(node)}"`, node);
    }
    return spec.lower(node, this);
  }

  source(node: KustoExpression): Source {
    const span = this.span(node);
    const kind = kindName(node);
    if (kind === 'ParenthesizedExpression')
      return {
        kind: 'subquery',
        pipeline: this.pipeline((node as Kusto.Language.Syntax.ParenthesizedExpression).Expression),
        span,
      };
    if (kind === 'NameReference')
      return {
        kind: 'table-ref',
        name: this.nameOf(node as Kusto.Language.Syntax.NameReference),
        span,
      };
    if (kind === 'FunctionCallExpression') {
      const call = node as Kusto.Language.Syntax.FunctionCallExpression;
      const name = this.nameOf(call.Name!);
      const pattern = this.patterns.get(name);
      if (pattern) return patternInvocation(call, undefined, pattern, this);
      const args = elementsOf(call.ArgumentList?.Expressions).map((a) => this.argument(a));
      if (name === 'table' && args.length === 1)
        return { kind: 'table-call', name: args[0]!, span };
      return { kind: 'invoke', name, nameSpan: this.span(call.Name!), args, span };
    }
    if (kind === 'PathExpression') {
      // `Pattern("a").path`: a pattern invocation with its path.
      const p = node as Kusto.Language.Syntax.PathExpression;
      if (p.Expression && kindName(p.Expression) === 'FunctionCallExpression') {
        const call = p.Expression as Kusto.Language.Syntax.FunctionCallExpression;
        const pattern = this.patterns.get(this.nameOf(call.Name!));
        if (pattern) return patternInvocation(call, p.Selector, pattern, this);
      }
    }
    const spec = this.tables.sourceFor(kind);
    if (spec) return spec.lower(node, this);
    if (node instanceof kustoLanguage().Syntax.QueryOperator) {
      // A plugin that starts a query (`evaluate sql_request(…)`) or an operator refused by design
      // (`inline_external_table(…)`) says why, with its typed reason, as it does after a `|`.
      const plugin =
        kind === 'EvaluateOperator'
          ? (node as Kusto.Language.Syntax.EvaluateOperator).FunctionCall
          : undefined;
      const refused = plugin?.Name
        ? refusal('plugin', this.nameOf(plugin.Name))
        : refusal('operator', this.keyword(node));
      if (refused)
        throw this.error('unsupported', refused.message, plugin?.Name ?? node, refused.detail);
      throw this.unsupported(`the operator "${this.keyword(node)}" as a source`, node);
    }
    throw this.error(
      'syntax',
      `expected a table, a let name or a tabular expression, found ${kind.replace(/Expression$/, ' expression')}`,
      node,
    );
  }

  // ---------- calls ----------
  /** A call argument: an expression, or `name = expr` naming a parameter, kept as a binary `=`. */
  argument(node: KustoExpression): Expr {
    if (kindName(node) === 'SimpleNamedExpression') {
      const n = node as Kusto.Language.Syntax.SimpleNamedExpression;
      const name = this.declaredName(n.Name!);
      const value = lowerExpr(n.Expression, this);
      return {
        kind: 'binary',
        op: '=',
        opSpan: this.span(n.EqualToken!),
        left: { kind: 'name', name: name.text, span: name.span },
        right: value,
        span: this.span(n),
      };
    }
    return lowerExpr(node, this);
  }

  call(node: Kusto.Language.Syntax.FunctionCallExpression): Expr {
    const name = this.nameOf(node.Name!);
    const span = this.span(node);
    const nameSpan = this.span(node.Name!);
    const argNodes = elementsOf(node.ArgumentList?.Expressions);
    // A tabular call used as a scalar (`toscalar` omitted): Kusto's binder says it is a table.
    const args = argNodes.map((a) =>
      this.isTabularArgument(a)
        ? ({ kind: 'toscalar', pipeline: this.pipeline(a), span: this.span(a) } as Expr)
        : this.argument(a),
    );
    if (name === 'bin_auto') return this.binAutoCall(args, nameSpan, span);
    return { kind: 'call', name, nameSpan, args, span };
  }

  /** `materialize(T)` or `T | …` as a call argument (e.g. of a user function with a tabular parameter). */
  private isTabularArgument(node: KustoExpression): boolean {
    const kind = kindName(node);
    return (
      kind === 'PipeExpression' ||
      kind === 'MaterializeExpression' ||
      kind === 'DataTableExpression'
    );
  }

  /**
   * `bin_auto(x)` is `bin_at(x, query_bin_auto_size, query_bin_auto_at)` with the values the query
   * `set` (Kusto docs), or `bin(x, size)` when only the size is set.
   */
  private binAutoCall(args: Expr[], nameSpan: Span, span: Span): Expr {
    const size = this.binAuto.get('query_bin_auto_size');
    if (args.length !== 1) throw this.error('type', 'bin_auto() takes one argument', span);
    if (!size)
      throw this.error(
        'unsupported',
        'bin_auto() without "set query_bin_auto_size = …;" before the query',
        span,
      );
    const at = this.binAuto.get('query_bin_auto_at');
    return at
      ? { kind: 'call', name: 'bin_at', nameSpan, args: [args[0]!, size, at], span }
      : { kind: 'call', name: 'bin', nameSpan, args: [args[0]!, size], span };
  }

  // ---------- operator helpers ----------
  /** The keyword(s) an operator starts with, as written (`mv-expand`, `where`). */
  keyword(node: SyntaxNode): string {
    const first = node.GetFirstToken?.();
    return first?.Text ?? kindName(node);
  }

  /**
   * The `name=value` parameters an operator takes before its arguments (`kind=inner`,
   * `hint.strategy=shuffle`, `with_itemindex=i`), by name. Hints (`hint.*`) only tell Kusto how
   * to distribute the work, never which rows come out, so they are dropped here.
   */
  parameters(
    list: Parameters<typeof listOf<Kusto.Language.Syntax.NamedParameter>>[0],
  ): Map<string, { value: KustoExpression; node: Kusto.Language.Syntax.NamedParameter }> {
    const out = new Map<
      string,
      { value: KustoExpression; node: Kusto.Language.Syntax.NamedParameter }
    >();
    for (const p of listOf(list)) {
      const name = this.nameOf(p.Name!);
      if (name.startsWith('hint.')) continue;
      out.set(name, { value: p.Expression!, node: p });
    }
    return out;
  }

  /** The text of a parameter's value: `inner` in `kind=inner`, `true` in `isfuzzy=true`, a string's value. */
  parameterText(value: KustoExpression): string {
    const kind = kindName(value);
    if (kind === 'NameReference') return this.nameOf(value as Kusto.Language.Syntax.NameReference);
    if (kind === 'StringLiteralExpression')
      return String((value as Kusto.Language.Syntax.LiteralExpression).Token!.Value ?? '');
    return this.text.slice(value.TextStart, value.End).trim();
  }

  /** Refuses parameters an operator does not know (Kusto's parser accepts any name=value). */
  rejectOtherParameters(
    params: ReadonlyMap<string, { node: SyntaxNode }>,
    known: readonly string[],
    operator: string,
  ): void {
    for (const [name, p] of params)
      if (!known.includes(name))
        throw this.error('unsupported', `the ${operator} parameter "${name}"`, p.node);
  }
}
