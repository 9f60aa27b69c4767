/**
 * KQL parser: recursive descent over the lexer's tokens, precedence climbing for scalar
 * expressions. Tabular operators are parsed by their own modules (./operators/*.ts) through the
 * registry, so adding an operator means adding a file, not editing this one.
 *
 * Expression precedence, lowest first (Kusto's): `or` < `and` < comparisons and string/`in`
 * operators < `+ -` < `* / %` < unary `-` < postfix `.name`, `[index]`, calls.
 */
import type { Assignment, Expr, FunctionParam, JoinCondition, LetStatement, LetValue, Operator, Pipeline, Query, Source, Span } from './ast.ts';
import type { KqlErrorCode } from './api.ts';
import { kqlError } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';
import { parseDynamicLiteral, parseTypedLiteral, TYPED_LITERALS } from './literals.ts';
import { operatorFor, KNOWN_UNSUPPORTED_OPERATORS, sourceAt, sourceFor } from './operators/registry.ts';
import { parsePatternDeclaration, type PatternDeclaration } from './operators/pattern.ts';

const COMPARISON = new Set(['==', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~']);
/** Word operators between two scalars (string predicates). The translator decides which it supports. */
const WORD_OPS = new Set([
  'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs',
  'endswith', 'endswith_cs', 'matches', 'like', 'between', 'has_any', 'has_all', 'has_any~', 'has_all~',
]);
const IN_OPS = new Set(['in', '!in', 'in~', '!in~']);
/** `set` options that only limit or tune how Kusto runs and returns a query, not what it computes. */
const HARMLESS_OPTIONS = new Set(['notruncation', 'truncationmaxrecords', 'truncationmaxsize', 'maxmemoryconsumptionperiterator', 'max_memory_consumption_per_query_per_node', 'servertimeout', 'query_results_cache_max_age', 'query_fanout_threads_percent', 'query_fanout_nodes_percent', 'hint.concurrency', 'hint.spread']);
/** Tabular sources Kusto has but Loupe does not translate yet (refused by name, with position). */
const UNSUPPORTED_SOURCES = new Set(['evaluate', 'find', 'view']);

/** What the parser needs to know of the world beyond the query text. */
export interface ParseOptions {
  /** Whether `name(…)` calls a tabular function the workspace defines (so `name(…)` starts a pipeline). */
  readonly isTabularFunction?: (name: string) => boolean;
}

export function parseQuery(text: string, options: ParseOptions = {}): Query {
  return new Parser(text, options).parseQuery();
}

export class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  /** Names of the user-defined functions declared so far whose body is tabular: `f(…)` starts a pipeline. */
  readonly tabularFunctions = new Set<string>();
  /** Names declared so far with `let V = view () { … }`: what a `search` without `in (…)` searches. */
  readonly views = new Set<string>();
  /** `declare pattern` statements so far: an invocation is replaced by its matching rule's body (operators/pattern.ts). */
  readonly patterns = new Map<string, PatternDeclaration>();
  /** `set query_bin_auto_size/at = …` values, which `bin_auto(x)` stands for. */
  private readonly binAuto = new Map<string, Expr>();

  constructor(
    readonly text: string,
    private readonly options: ParseOptions = {},
  ) {
    this.tokens = tokenize(text);
  }

  /** Whether `name(…)` calls a tabular function: one the query declared so far, or the workspace's. */
  isTabularFunction(name: string): boolean {
    return this.tabularFunctions.has(name) || (this.options.isTabularFunction?.(name) ?? false);
  }

  // ---------- token helpers ----------
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  /** The end offset of the last consumed token. */
  lastEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1]!.end : 0;
  }
  isPunct(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.value === value;
  }
  /** Keywords are case-sensitive in KQL (`where`, `by`, `kind`). */
  isWord(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.value === value;
  }
  acceptPunct(value: string): Token | undefined {
    return this.isPunct(value) ? this.next() : undefined;
  }
  acceptWord(value: string): Token | undefined {
    return this.isWord(value) ? this.next() : undefined;
  }
  expectPunct(value: string, what?: string): Token {
    if (!this.isPunct(value)) throw this.unexpected(`"${value}"${what ? ` ${what}` : ''}`);
    return this.next();
  }
  expectWord(value: string): Token {
    if (!this.isWord(value)) throw this.unexpected(`"${value}"`);
    return this.next();
  }
  expectIdent(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident') throw this.unexpected(what);
    return this.next();
  }
  error(code: KqlErrorCode, message: string, span: Span) {
    return kqlError(this.text, code, message, span);
  }
  unexpected(expected: string) {
    const t = this.peek();
    const found = t.kind === 'eof' ? 'end of query' : `"${this.text.slice(t.start, t.end)}"`;
    return this.error('syntax', `expected ${expected} but found ${found}`, t.kind === 'eof' ? { start: Math.max(0, t.start - 1), end: t.start } : t);
  }

  // ---------- statements ----------
  parseQuery(): Query {
    const lets: LetStatement[] = [];
    while (this.isWord('let') || this.startsSet() || (this.isWord('declare') && this.isWord('pattern', 1))) {
      if (this.startsSet()) this.parseSet();
      else if (this.isWord('declare')) {
        const { name, declaration } = parsePatternDeclaration(this);
        this.patterns.set(name, declaration);
        this.expectPunct(';', 'after a pattern declaration');
      } else {
        lets.push(this.parseLet());
        this.expectPunct(';', 'after a let statement');
      }
      while (this.acceptPunct(';'));
    }
    const body = this.parsePipelineValue();
    while (this.acceptPunct(';'));
    if (this.peek().kind !== 'eof') {
      if (this.isWord('let')) throw this.error('unsupported', 'let after the query body', this.peek());
      throw this.unexpected('end of query or "|"');
    }
    return { lets, body, span: { start: 0, end: this.text.length } };
  }

  /**
   * `bin_auto(x)` is `bin_at(x, query_bin_auto_size, query_bin_auto_at)` with the values the query
   * `set` (Kusto docs), or `bin(x, size)` when only the size is set.
   */
  private binAutoCall(t: Token, args: Expr[], span: Span): Expr {
    const size = this.binAuto.get('query_bin_auto_size');
    if (args.length !== 1) throw this.error('type', 'bin_auto() takes one argument', span);
    if (!size) throw this.error('unsupported', 'bin_auto() without "set query_bin_auto_size = …;" before the query', span);
    const at = this.binAuto.get('query_bin_auto_at');
    const nameSpan = { start: t.start, end: t.end };
    return at ? { kind: 'call', name: 'bin_at', nameSpan, args: [args[0]!, size, at], span } : { kind: 'call', name: 'bin', nameSpan, args: [args[0]!, size], span };
  }

  /** `set Option [= Value];` at the query's start (not a table named `set`). */
  private startsSet(): boolean {
    return this.isWord('set') && this.peek(1).kind === 'ident' && (this.isPunct('=', 2) || this.isPunct(';', 2));
  }

  /**
   * `set query_bin_auto_size = 1h;` / `set query_bin_auto_at = …;` (read by bin_auto) and the
   * options that only limit or tune how Kusto returns results; any other option could change the
   * results (e.g. query_now) and is refused by name.
   */
  private parseSet(): void {
    this.expectWord('set');
    const name = this.expectIdent('an option name');
    const value = this.acceptPunct('=') ? this.parseExpr() : undefined;
    this.expectPunct(';', 'after a set statement');
    if (name.value === 'query_bin_auto_size' || name.value === 'query_bin_auto_at') {
      if (!value) throw this.unexpected(`"=" and a value for ${name.value}`);
      this.binAuto.set(name.value, value);
    } else if (!HARMLESS_OPTIONS.has(name.value)) {
      throw this.error('unsupported', `the query option "${name.value}"`, name);
    }
  }

  private parseLet(): LetStatement {
    const kw = this.expectWord('let');
    const name = this.expectIdent('a name after let');
    this.expectPunct('=');
    if (this.isWord('view') && this.isPunct('(', 1)) this.views.add(name.value);
    const value = this.parseLetValue();
    if (value.kind === 'function' && value.body.value.kind !== 'scalar') this.tabularFunctions.add(name.value);
    return { kind: 'let', name: name.value, nameSpan: name, value, span: { start: kw.start, end: this.lastEnd() } };
  }

  private parseLetValue(): LetValue {
    const start = this.peek().start;
    // `view () { … }`: a parameterless function that can be named like a table (`union View_1`).
    if (this.isWord('view') && this.isPunct('(', 1)) this.next();
    // `(a:string, b:long) { … }`: a function.
    if (this.isPunct('(') && (this.isPunct(')', 1) || (this.peek(1).kind === 'ident' && this.isPunct(':', 2)))) {
      this.next();
      const params: FunctionParam[] = [];
      while (!this.isPunct(')')) {
        const n = this.expectIdent('a parameter name');
        this.expectPunct(':');
        let type: string;
        if (this.acceptPunct('(')) {
          // Tabular parameter `(T:(*))` or `(T:(Col:string))`: kept as text for later translation.
          let depth = 1;
          const s = this.lastEnd();
          while (depth > 0) {
            const t = this.next();
            if (t.kind === 'eof') throw this.unexpected('")"');
            if (t.kind === 'punct' && t.value === '(') depth++;
            if (t.kind === 'punct' && t.value === ')') depth--;
          }
          type = `(${this.text.slice(s, this.lastEnd() - 1)})`;
        } else type = this.expectIdent('a parameter type').value;
        const def = this.acceptPunct('=') ? this.parseExpr() : undefined;
        params.push({ name: n.value, type, default: def, span: { start: n.start, end: this.lastEnd() } });
        if (!this.acceptPunct(',')) break;
      }
      this.expectPunct(')');
      this.expectPunct('{', 'to open the function body');
      const lets: LetStatement[] = [];
      while (this.isWord('let')) {
        lets.push(this.parseLet());
        this.expectPunct(';');
      }
      const value = this.parseLetValue();
      while (this.acceptPunct(';'));
      this.expectPunct('}', 'to close the function body');
      return { kind: 'function', params, body: { lets, value }, span: { start, end: this.lastEnd() } };
    }
    if (this.startsPipeline()) {
      const pipeline = this.parsePipeline();
      if (pipeline.operators.length === 0 && pipeline.source.kind === 'table-ref') {
        return { kind: 'name', name: pipeline.source.name, span: pipeline.span };
      }
      return { kind: 'tabular', pipeline, span: pipeline.span };
    }
    const expr = this.parseExpr();
    return { kind: 'scalar', expr, span: expr.span };
  }

  /** Whether the next tokens start a tabular expression rather than a scalar one. */
  private startsPipeline(): boolean {
    if (sourceAt(this)) return true;
    const t = this.peek();
    if (t.kind === 'ident' && !this.isPunct('(', 1) && !this.isPunct('.', 1) && !this.isPunct('[', 1)) {
      const after = this.peek(1);
      return after.kind === 'eof' || (after.kind === 'punct' && (after.value === '|' || after.value === ';' || after.value === ')' || after.value === '}'));
    }
    if (this.isPunct('(') && this.peek(1).kind === 'ident' && this.isPunct('|', 2)) return true;
    // `f(…) | …`: a scalar cannot be piped, so `f` is a tabular function even when nothing here
    // knows it (a workspace function that is not loaded is then refused by its name, not as syntax).
    if (t.kind === 'ident' && this.isPunct('(', 1)) return this.isPunct('|', this.closingParen(1) + 1);
    if (this.isPunct('(') && this.isPunct('(', 1)) return false;
    return false;
  }

  /** How many tokens ahead the `)` closing the `(` at `open` tokens ahead is (the end of input if none). */
  private closingParen(open: number): number {
    let depth = 0;
    for (let i = open; ; i++) {
      const t = this.peek(i);
      if (t.kind === 'eof') return i;
      if (t.kind === 'punct' && t.value === '(') depth++;
      if (t.kind === 'punct' && t.value === ')' && --depth === 0) return i;
    }
  }

  /** The body of a query (or a join's right side): a pipeline. */
  parsePipelineValue(): Pipeline {
    if (sourceAt(this)) return this.parsePipeline();
    const t = this.peek();
    if (t.kind === 'ident' && UNSUPPORTED_SOURCES.has(t.value)) {
      throw this.error('unsupported', `the tabular source "${t.value}" is not supported yet`, t);
    }
    if (t.kind !== 'ident' && !this.isPunct('(')) throw this.unexpected('a table name or "("');
    return this.parsePipeline();
  }

  parsePipeline(): Pipeline {
    const start = this.peek().start;
    const source = this.parseSource();
    const operators: Operator[] = [];
    while (this.acceptPunct('|')) operators.push(this.parseOperator());
    return { kind: 'pipeline', source, operators, span: { start, end: this.lastEnd() } };
  }

  private parseSource(): Source {
    const t = this.peek();
    if (this.acceptPunct('(')) {
      const pipeline = this.parsePipelineValue();
      this.expectPunct(')');
      return { kind: 'subquery', pipeline, span: { start: t.start, end: this.lastEnd() } };
    }
    const spec = sourceAt(this);
    if (spec) return spec.parse(this);
    if (t.kind === 'ident' && UNSUPPORTED_SOURCES.has(t.value)) {
      throw this.error('unsupported', `the tabular source "${t.value}" is not supported yet`, t);
    }
    // `f(…)` where a table is expected calls a tabular function: which one (the query's, the
    // workspace's, or none, refused with its name) is known when it is translated.
    if (t.kind === 'ident' && this.isPunct('(', 1)) return sourceFor('invoke')!.parse(this);
    const name = this.expectIdent('a table name');
    return { kind: 'table-ref', name: name.value, span: name };
  }

  parseOperator(): Operator {
    const t = this.peek();
    if (t.kind !== 'ident') throw this.unexpected('a tabular operator after "|"');
    const spec = operatorFor(t.value);
    if (!spec) {
      if (KNOWN_UNSUPPORTED_OPERATORS.has(t.value)) throw this.error('unsupported', `the operator "${t.value}" is not supported yet`, t);
      throw this.error('syntax', `unknown tabular operator "${t.value}"`, t);
    }
    this.next();
    return spec.parse(this, t);
  }

  /** `['name']` or `["name"]`: an identifier that is not a plain word. */
  bracketName(): { text: string; span: Span } | undefined {
    if (!(this.isPunct('[') && this.peek(1).kind === 'string' && this.isPunct(']', 2))) return undefined;
    const open = this.next();
    const str = this.next();
    this.next();
    return { text: str.value, span: { start: open.start, end: this.lastEnd() } };
  }

  /** A column or table name: a word or `['name']`. */
  parseName(what: string): { text: string; span: Span } {
    const b = this.bracketName();
    if (b) return b;
    const t = this.expectIdent(what);
    return { text: t.value, span: { start: t.start, end: t.end } };
  }

  // ---------- lists ----------
  /** `Name = expr, expr, (A, B) = expr…` as used by extend/project/summarize. */
  parseAssignments(stopWords: readonly string[] = []): Assignment[] {
    const items: Assignment[] = [];
    do {
      const start = this.peek().start;
      let names: { text: string; span: Span }[] | undefined;
      if (this.isPunct('(') && this.peek(1).kind === 'ident' && this.isPunct(',', 2)) {
        // `(A, B, C) = f(…)`: a multi-result function's columns (tuples.ts).
        this.next();
        names = [];
        do names.push(this.parseName('a column name'));
        while (this.acceptPunct(','));
        this.expectPunct(')', 'to close the list of names');
        this.expectPunct('=', 'after a list of names');
      }
      let name: Assignment['name'];
      if (!names && this.peek().kind === 'ident' && this.isPunct('=', 1) && !stopWords.includes(this.peek().value)) {
        const n = this.next();
        this.next();
        name = { text: n.value, span: n };
      } else if (!names && this.isPunct('[') && this.peek(1).kind === 'string' && this.isPunct(']', 2) && this.isPunct('=', 3)) {
        name = this.bracketName();
        this.next();
      }
      const expr = this.parseExpr();
      items.push({ name, names, expr, span: { start, end: this.lastEnd() } });
    } while (this.acceptPunct(','));
    return items;
  }

  parseJoinConditions(): JoinCondition[] {
    const out: JoinCondition[] = [];
    // `on A, $left.B == $right.C and $left.D == $right.E`: `and` separates conditions like ",".
    const conjuncts = (e: Expr): Expr[] => (e.kind === 'binary' && e.op === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e]);
    do for (const e of conjuncts(this.parseExpr())) {
      if (e.kind === 'name') out.push({ left: e.name, right: e.name, span: e.span });
      else if (e.kind === 'binary' && e.op === '==' && e.left.kind === 'side' && e.right.kind === 'side' && e.left.side !== e.right.side) {
        const l = e.left.side === 'left' ? e.left : e.right;
        const r = e.left.side === 'left' ? e.right : e.left;
        out.push({ left: l.name, right: r.name, span: e.span });
      } else throw this.error('unsupported', 'join condition other than "Column" or "$left.A == $right.B"', e.span);
    }
    while (this.acceptPunct(','));
    return out;
  }

  // ---------- expressions ----------
  parseExpr(): Expr {
    return this.parseOr();
  }

  /**
   * A call argument: an expression, or `name = expr` naming a user-defined function's parameter
   * (`checkLength(len = 3, input)`), kept as a binary `=` node that user-functions.ts binds by name.
   */
  parseArgument(): Expr {
    if (this.peek().kind === 'ident' && this.isPunct('=', 1)) {
      const n = this.next();
      const eq = this.next();
      const value = this.parseExpr();
      return this.binary('=', eq, { kind: 'name', name: n.value, span: { start: n.start, end: n.end } }, value);
    }
    return this.parseExpr();
  }

  private binary(op: string, opTok: Token, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, opSpan: { start: opTok.start, end: opTok.end }, left, right, span: { start: left.span.start, end: right.span.end } };
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    for (let t = this.acceptWord('or'); t; t = this.acceptWord('or')) left = this.binary('or', t, left, this.parseAnd());
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseComparison();
    for (let t = this.acceptWord('and'); t; t = this.acceptWord('and')) left = this.binary('and', t, left, this.parseComparison());
    return left;
  }

  /** One comparison (no `and`/`or`): `search` parses its own and/or around terms like `Col:"x"`. */
  parseComparison(): Expr {
    let left = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && COMPARISON.has(t.value)) {
        this.next();
        left = this.binary(t.value === '<>' ? '!=' : t.value, t, left, this.parseAdditive());
        continue;
      }
      if (t.kind === 'ident' && IN_OPS.has(t.value)) {
        this.next();
        this.expectPunct('(', `after ${t.value}`);
        const items: Expr[] = [];
        if ((this.peek().kind === 'ident' && this.isPunct('|', 1)) || sourceAt(this)) {
          // `x in (T | project c)`: a tabular right side (its single column is the set).
          const tabular = this.parsePipeline();
          this.expectPunct(')');
          left = { kind: 'in', op: t.value as 'in', left, items, tabular, span: { start: left.span.start, end: this.lastEnd() } };
          continue;
        }
        if (!this.isPunct(')')) {
          do items.push(this.parseExpr());
          while (this.acceptPunct(','));
        }
        this.expectPunct(')');
        left = { kind: 'in', op: t.value as 'in', left, items, span: { start: left.span.start, end: this.lastEnd() } };
        continue;
      }
      const bare = t.kind === 'ident' ? (t.value.startsWith('!') ? t.value.slice(1) : t.value) : '';
      if (t.kind === 'ident' && WORD_OPS.has(bare)) {
        // Parsed generically so the translator can name the operator when it refuses it.
        this.next();
        if (bare === 'matches') this.expectWord('regex');
        if (bare === 'between') {
          this.expectPunct('(', 'after between');
          const low = this.parseAdditive();
          this.expectPunct('..', 'between the bounds of between');
          const high = this.parseAdditive();
          this.expectPunct(')', 'to close between');
          left = { kind: 'between', negated: t.value.startsWith('!'), left, low, high, span: { start: left.span.start, end: this.lastEnd() } };
          continue;
        }
        if ((t.value === 'has_any' || t.value === 'has_all') && this.isPunct('(')) {
          this.next();
          const items: Expr[] = [];
          if (!this.isPunct(')')) {
            do items.push(this.parseExpr());
            while (this.acceptPunct(','));
          }
          this.expectPunct(')', `to close ${t.value}`);
          left = { kind: 'has-list', op: t.value, left, items, span: { start: left.span.start, end: this.lastEnd() } };
          continue;
        }
        if (bare === 'between' || bare === 'has_any' || bare === 'has_all' || bare.endsWith('~')) {
          throw this.error('unsupported', `the operator "${t.value}" is not supported yet`, t);
        }
        left = this.binary(t.value, t, left, this.parseAdditive());
        continue;
      }
      return left;
    }
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && (t.value === '+' || t.value === '-')) {
        this.next();
        left = this.binary(t.value, t, left, this.parseMultiplicative());
      } else return left;
    }
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && (t.value === '*' || t.value === '/' || t.value === '%')) {
        this.next();
        left = this.binary(t.value, t, left, this.parseUnary());
      } else return left;
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && (t.value === '-' || t.value === '+')) {
      this.next();
      const operand = this.parseUnary();
      return { kind: 'unary', op: t.value, operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    let e = this.parsePrimary();
    for (;;) {
      if (this.isPunct('.') && this.isPunct('[', 1)) {
        // `d.[expr]`: KQL's dotted form of an index (`params["Query Parameters"].[name]`).
        this.next();
      } else if (this.acceptPunct('.')) {
        const n = this.peek();
        if (n.kind === 'ident') this.next();
        else if (n.kind === 'string') this.next();
        else throw this.unexpected('a property name after "."');
        e = { kind: 'member', target: e, name: n.value, span: { start: e.span.start, end: n.end } };
      } else if (this.acceptPunct('[')) {
        const index = this.parseExpr();
        this.expectPunct(']');
        e = { kind: 'index', target: e, index, span: { start: e.span.start, end: this.lastEnd() } };
      } else return e;
    }
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    const span = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'string':
        this.next();
        return { kind: 'literal', type: 'string', value: t.value, span };
      case 'long':
        this.next();
        return { kind: 'literal', type: 'long', value: t.num!, span };
      case 'real':
        this.next();
        return { kind: 'literal', type: 'real', value: t.num!, span };
      case 'timespan':
        this.next();
        if (t.num !== undefined) return { kind: 'literal', type: 'timespan', value: t.num, span };
        if (t.value.trim() === 'null') return { kind: 'literal', type: 'timespan', value: null, span };
        return { kind: 'literal', type: 'timespan', value: parseTimespanText(this, t), span };
      case 'datetime':
        this.next();
        return { kind: 'literal', type: 'datetime', value: t.value, span };
      case 'punct':
        if (t.value === '(') {
          this.next();
          const inner = this.parseExpr();
          this.expectPunct(')');
          return { ...inner, span: { start: t.start, end: this.lastEnd() } } as Expr;
        }
        if (t.value === '$') {
          this.next();
          const side = this.expectIdent('left or right after "$"');
          if (side.value !== 'left' && side.value !== 'right') throw this.error('syntax', 'expected $left or $right', side);
          this.expectPunct('.');
          const n = this.expectIdent('a column name');
          return { kind: 'side', side: side.value, name: n.value, span: { start: t.start, end: n.end } };
        }
        if (t.value === '*') {
          this.next();
          return { kind: 'star', span };
        }
        if (t.value === '[' && this.peek(1).kind === 'string' && this.isPunct(']', 2)) {
          // ['Column name']: KQL's quoted identifier.
          const n = this.bracketName()!;
          return { kind: 'name', name: n.text, span: n.span };
        }
        break;
      case 'ident': {
        this.next();
        if (t.value === 'true' || t.value === 'false') return { kind: 'literal', type: 'bool', value: t.value === 'true', span };
        if (t.value === 'null') return { kind: 'literal', type: 'null', value: null, span };
        if (this.acceptPunct('(')) {
          if (t.value === 'dynamic') return parseDynamicLiteral(this, t);
          if (t.value === 'toscalar') {
            // toscalar(2), toscalar(new_guid()): of a scalar, the scalar itself.
            if (!this.startsPipeline()) {
              const inner = this.parseExpr();
              this.expectPunct(')', 'to close toscalar(');
              return { ...inner, span: { start: t.start, end: this.lastEnd() } } as Expr;
            }
            const pipeline = this.parsePipelineValue();
            this.expectPunct(')', 'to close toscalar(');
            return { kind: 'toscalar', pipeline, span: { start: t.start, end: this.lastEnd() } };
          }
          if (Object.hasOwn(TYPED_LITERALS, t.value)) {
            const typed = parseTypedLiteral(this, t);
            if (typed) return typed;
          }
          const args: Expr[] = [];
          if (!this.isPunct(')')) {
            do args.push(this.parseArgument());
            while (this.acceptPunct(','));
          }
          this.expectPunct(')', `to close ${t.value}(`);
          if (t.value === 'bin_auto') return this.binAutoCall(t, args, { start: t.start, end: this.lastEnd() });
          return { kind: 'call', name: t.value, nameSpan: span, args, span: { start: t.start, end: this.lastEnd() } };
        }
        if (t.value.startsWith('!')) break;
        return { kind: 'name', name: t.value, span };
      }
      default:
        break;
    }
    throw this.unexpected('an expression');
  }
}

/** `timespan(1.02:03:04)` or `timespan(2h)`: Kusto's d.hh:mm:ss[.fffffff] and unit forms, in µs. */
function parseTimespanText(p: Parser, t: Token): number {
  const s = t.value.trim();
  const unit = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(s);
  if (unit) {
    const toks = tokenize(`${unit[1]}${unit[2]}`);
    if (toks[0]?.kind === 'timespan') return toks[0].num!;
  }
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (!m) throw p.error('syntax', `cannot read the timespan "${s}"`, t);
  const us = ((Number(m[2] ?? 0) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60e6 + Number(m[5] ?? 0) * 1e6 + Math.round(Number(`0.${m[6] ?? '0'}`) * 1e6);
  return m[1] ? -us : us;
}
