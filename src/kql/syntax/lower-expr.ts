/**
 * Kusto.Language's scalar expression nodes → Loupe's `Expr` (ast.ts). The node kinds are
 * Kusto.Language's (`SyntaxKind` names); their meaning is Kusto's, already checked by its parser.
 * Tabular pieces inside expressions (`toscalar(T …)`, `x in (T | project c)`) go back to the
 * Lowerer for their pipelines.
 */
import type { Assignment, Expr, Span } from '../ast.ts';
import {
  elementsOf,
  kindName,
  listOf,
  type KustoExpression,
  type SyntaxNode,
} from './kusto-language.ts';
import { datetimeIso, numberValue, timespanMicros } from './literal-values.ts';
import type { Lowerer } from './lowerer.ts';
import { timespanText } from '../runtime/format.ts';
import { parseKeepingReals, realMark, unmarkReals } from '../runtime/json-reals.ts';

/** The largest long (2^63 − 1). */
const INT64_MAX = 9223372036854775807n;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Binary operator kinds whose Loupe operator is the token text itself (`+`, `==`, `has`, `!contains_cs`…). */
const OPERATOR_SPELLING: Readonly<Record<string, string>> = {
  '<>': '!=',
  'matches regex': 'matches',
};

/** Literal kinds whose text is a typed literal `type(value)` or a bare value. */
const LITERAL_TYPES: Readonly<
  Record<
    string,
    'long' | 'int' | 'real' | 'bool' | 'string' | 'timespan' | 'datetime' | 'guid' | 'null'
  >
> = {
  LongLiteralExpression: 'long',
  IntLiteralExpression: 'int',
  RealLiteralExpression: 'real',
  // Loupe holds decimals as reals (docs/kql.md, known divergences).
  DecimalLiteralExpression: 'real',
  BooleanLiteralExpression: 'bool',
  StringLiteralExpression: 'string',
  TimespanLiteralExpression: 'timespan',
  DateTimeLiteralExpression: 'datetime',
  GuidLiteralExpression: 'guid',
  NullLiteralExpression: 'null',
};

export function lowerExpr(node: KustoExpression | null, l: Lowerer): Expr {
  if (!node) throw l.syntaxGap();
  const kind = kindName(node);
  const span = l.span(node);
  const literalType = LITERAL_TYPES[kind];
  if (literalType)
    return literal(node as Kusto.Language.Syntax.LiteralExpression, literalType, span, l);
  switch (kind) {
    case 'CompoundStringLiteralExpression':
      // "a" "b": adjacent strings are one string.
      return {
        kind: 'literal',
        type: 'string',
        value: listOf((node as Kusto.Language.Syntax.CompoundStringLiteralExpression).Tokens)
          .map((t) => String(t.Value))
          .join(''),
        span,
      };
    case 'DynamicExpression':
      return dynamicLiteral(node as Kusto.Language.Syntax.DynamicExpression, span, l);
    case 'NameReference':
      return { kind: 'name', name: l.nameOf(node as Kusto.Language.Syntax.NameReference), span };
    case 'ParenthesizedExpression': {
      const inner = (node as Kusto.Language.Syntax.ParenthesizedExpression).Expression;
      if (inner && l.isTabular(inner))
        return { kind: 'toscalar', pipeline: l.pipeline(inner), span };
      return { ...lowerExpr(inner, l), span } as Expr;
    }
    case 'BracketedExpression':
      return lowerExpr((node as Kusto.Language.Syntax.BracketedExpression).Expression, l);
    case 'UnaryPlusExpression':
    case 'UnaryMinusExpression': {
      const u = node as Kusto.Language.Syntax.PrefixUnaryExpression;
      const operand = lowerExpr(u.Expression, l);
      // `-5`: a negative literal, as Kusto reads it (also the smallest long, which +5 alone cannot hold).
      if (
        kind === 'UnaryMinusExpression' &&
        operand.kind === 'literal' &&
        typeof operand.value === 'number' &&
        (operand.type === 'long' || operand.type === 'int' || operand.type === 'real')
      ) {
        return { ...operand, value: -operand.value, span };
      }
      if (
        kind === 'UnaryMinusExpression' &&
        operand.kind === 'literal' &&
        operand.type === 'long' &&
        typeof operand.value === 'string'
      ) {
        return { ...operand, value: (-BigInt(operand.value)).toString(), span };
      }
      return { kind: 'unary', op: kind === 'UnaryMinusExpression' ? '-' : '+', operand, span };
    }
    case 'StarExpression':
      return { kind: 'star', span };
    case 'PathExpression':
      return path(node as Kusto.Language.Syntax.PathExpression, span, l);
    case 'ElementExpression': {
      const e = node as Kusto.Language.Syntax.ElementExpression;
      return {
        kind: 'index',
        target: lowerExpr(e.Expression, l),
        index: lowerExpr(e.Selector, l),
        span,
      };
    }
    case 'FunctionCallExpression':
      return l.call(node as Kusto.Language.Syntax.FunctionCallExpression);
    case 'ToScalarExpression': {
      const e = (node as Kusto.Language.Syntax.ToScalarExpression).Expression;
      // toscalar(2), toscalar(new_guid()): of a scalar, the scalar itself.
      if (e && !l.isTabular(e)) return { ...lowerExpr(e, l), span } as Expr;
      return { kind: 'toscalar', pipeline: l.pipeline(e), span };
    }
    case 'PackExpression':
      // pack(*): a bag of every column of the row (Kusto's pack_all()).
      return { kind: 'call', name: 'pack_all', nameSpan: span, args: [], span };
    case 'InExpression':
    case 'InCsExpression':
    case 'NotInExpression':
    case 'NotInCsExpression':
    case 'InCiExpression':
    case 'NotInCiExpression':
      return inExpr(node as Kusto.Language.Syntax.InExpression, span, l);
    case 'HasAnyExpression':
    case 'HasAllExpression': {
      const e = node as Kusto.Language.Syntax.HasAnyExpression;
      const op = kind === 'HasAnyExpression' ? 'has_any' : 'has_all';
      const items = elementsOf(e.Right?.Expressions);
      // `x has_any ((T | project c))`: a one-column tabular list, as for `in`.
      if (items.length === 1 && l.isTabular(items[0]!))
        return {
          kind: 'has-list',
          op,
          left: lowerExpr(e.Left, l),
          items: [],
          tabular: l.pipeline(items[0]!),
          span,
        };
      return {
        kind: 'has-list',
        op,
        left: lowerExpr(e.Left, l),
        items: elementsOf(e.Right?.Expressions).map((x) => lowerExpr(x, l)),
        span,
      };
    }
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const e = node as Kusto.Language.Syntax.BetweenExpression;
      return {
        kind: 'between',
        negated: kind === 'NotBetweenExpression',
        left: lowerExpr(e.Left, l),
        low: lowerExpr(e.Right?.First ?? null, l),
        high: lowerExpr(e.Right?.Second ?? null, l),
        span,
      };
    }
    case 'TypeOfLiteralExpression': {
      // typeof(long) as an argument (extract_json(…, typeof(long))): a call the function reads as a type marker.
      const types = elementsOf((node as Kusto.Language.Syntax.TypeOfLiteralExpression).Types);
      if (types.length !== 1) throw l.unsupported('typeof(…) of a schema', node);
      const type = { kind: 'name', name: l.typeText(types[0]!), span: l.span(types[0]!) } as const;
      return { kind: 'call', name: 'typeof', nameSpan: span, args: [type], span };
    }
    default:
      break;
  }
  if (node instanceof l.K.Syntax.BinaryExpression) {
    const op = node.Operator!;
    const text = op.Text!.replace(/\s+/g, ' ');
    return {
      kind: 'binary',
      op: OPERATOR_SPELLING[text] ?? text,
      opSpan: l.span(op),
      left: lowerExpr(node.Left, l),
      right: lowerExpr(node.Right, l),
      span,
    };
  }
  if (l.isTabular(node)) return { kind: 'toscalar', pipeline: l.pipeline(node), span };
  throw l.unsupported(`the expression ${kind.replace(/Expression$/, '')}`, node);
}

function literal(
  node: Kusto.Language.Syntax.LiteralExpression,
  type: (typeof LITERAL_TYPES)[string],
  span: Span,
  l: Lowerer,
): Expr {
  const token = node.Token!;
  // ValueText: the value inside a typed literal (`2020-01-01` of `datetime(2020-01-01)`), or the token.
  const text = (token.ValueText ?? token.Text ?? '').trim();
  switch (type) {
    case 'null':
      return { kind: 'literal', type: 'null', value: null, span };
    case 'string':
      return { kind: 'literal', type: 'string', value: String(token.Value ?? ''), span };
    case 'bool':
      if (text === 'null') return { kind: 'literal', type: 'bool', value: null, span };
      return { kind: 'literal', type: 'bool', value: /^true$/i.test(text), span };
    case 'long':
    case 'int':
    case 'real': {
      if (text === 'null') return { kind: 'literal', type, value: null, span };
      const value = numberValue(text);
      if (value === undefined)
        throw l.error('syntax', `cannot read the number "${token.Text}"`, span);
      if (type !== 'real' && !Number.isSafeInteger(value)) {
        // A long beyond ±2^53 (Kusto's longs are 64-bit: unixtime_nanoseconds_todatetime(1546300800000000000))
        // is kept as its decimal text, which no double could hold.
        const digits = /^[+-]?\d+$/.test(text.trim()) ? BigInt(text.trim()) : undefined;
        if (type === 'long' && digits !== undefined && digits <= INT64_MAX && digits >= -INT64_MAX)
          return { kind: 'literal', type, value: digits.toString(), span };
        throw l.error('unsupported', 'integer literals beyond ±2^53', span);
      }
      return { kind: 'literal', type, value, span };
    }
    case 'timespan': {
      const us = timespanMicros(text);
      if (us === undefined)
        throw l.error('syntax', `cannot read the timespan "${token.Text}"`, span);
      return { kind: 'literal', type: 'timespan', value: us, span };
    }
    case 'datetime':
      return { kind: 'literal', type: 'datetime', value: text, span };
    case 'guid':
      // guid(…): Loupe's guids are text, like strings never null (guid(null) reads as "").
      return {
        kind: 'call',
        name: 'toguid',
        nameSpan: span,
        args: [{ kind: 'literal', type: 'string', value: text === 'null' ? '' : text, span }],
        span,
      };
  }
}

/** `dynamic(…)`: the constant as canonical JSON text (docs/kql.md); `dynamic(null)` is null. */
function dynamicLiteral(
  node: Kusto.Language.Syntax.DynamicExpression,
  span: Span,
  l: Lowerer,
): Expr {
  const value = jsonValue(node.Expression, l);
  return {
    kind: 'literal',
    type: 'dynamic',
    // Reals keep their decimal point (`dynamic([1.0])` holds a real: runtime/json-reals.ts).
    value: value === null ? null : unmarkReals(JSON.stringify(value)),
    span,
  };
}

function jsonValue(node: KustoExpression | null, l: Lowerer): Json {
  if (!node) throw l.syntaxGap();
  const kind = kindName(node);
  if (kind === 'JsonArrayExpression')
    return elementsOf((node as Kusto.Language.Syntax.JsonArrayExpression).Values).map((v) =>
      jsonValue(v, l),
    );
  if (kind === 'JsonObjectExpression') {
    const bag: { [k: string]: Json } = {};
    for (const pair of elementsOf((node as Kusto.Language.Syntax.JsonObjectExpression).Pairs)) {
      const key = String(pair.Name!.Value ?? pair.Name!.Text);
      // defineProperty, not assignment: a key named `__proto__` must stay a key.
      Object.defineProperty(bag, key, {
        value: jsonValue(pair.Value, l),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return bag;
  }
  if (kind === 'DynamicExpression')
    return jsonValue((node as Kusto.Language.Syntax.DynamicExpression).Expression, l);
  const e = lowerExpr(node, l);
  if (e.kind !== 'literal')
    throw l.error('syntax', 'expected a constant inside dynamic(…)', e.span);
  if (e.value === null) return null;
  switch (e.type) {
    case 'datetime': {
      const iso = datetimeIso(String(e.value));
      if (!iso) throw l.error('syntax', `cannot read the datetime "${e.value}"`, e.span);
      return iso;
    }
    case 'timespan':
      return timespanText(Number(e.value));
    case 'dynamic':
      return parseKeepingReals(String(e.value)) as Json;
    case 'real':
      return realMark(Number(e.value));
    default:
      return e.value as Json;
  }
}

/** `a.b`, `a.['b c']`, `d.[expr]` (a dotted index) and `$left.X`/`$right.X` in join conditions. */
function path(node: Kusto.Language.Syntax.PathExpression, span: Span, l: Lowerer): Expr {
  const target = node.Expression!;
  const selector = node.Selector!;
  if (kindName(target) === 'NameReference') {
    const side = (target as Kusto.Language.Syntax.NameReference).SimpleName;
    if (side === '$left' || side === '$right') {
      if (kindName(selector) !== 'NameReference')
        throw l.error('syntax', `expected a column name after ${side}.`, l.span(selector));
      return {
        kind: 'side',
        side: side === '$left' ? 'left' : 'right',
        name: l.nameOf(selector as Kusto.Language.Syntax.NameReference),
        span,
      };
    }
  }
  if (kindName(selector) === 'NameReference')
    return {
      kind: 'member',
      target: lowerExpr(target, l),
      name: l.nameOf(selector as Kusto.Language.Syntax.NameReference),
      span,
    };
  return { kind: 'index', target: lowerExpr(target, l), index: lowerExpr(selector, l), span };
}

function inExpr(node: Kusto.Language.Syntax.InExpression, span: Span, l: Lowerer): Expr {
  const op = node.Operator!.Text as 'in' | '!in' | 'in~' | '!in~';
  const left = lowerExpr(node.Left, l);
  const items = elementsOf(node.Right?.Expressions);
  // `x in (T | project c)`: a one-column tabular right side.
  if (items.length === 1 && l.isTabular(items[0]!))
    return { kind: 'in', op, left, items: [], tabular: l.pipeline(items[0]!), span };
  return { kind: 'in', op, left, items: items.map((x) => lowerExpr(x, l)), span };
}

/**
 * One item of an extend/project/summarize/print list: `Name = expr`, `(A, B) = expr` (a
 * multi-result function) or a bare `expr`, whose column Kusto names itself.
 */
export function assignment(node: KustoExpression, l: Lowerer): Assignment {
  const span = l.span(node);
  const kind = kindName(node);
  if (kind === 'SimpleNamedExpression') {
    const n = node as Kusto.Language.Syntax.SimpleNamedExpression;
    return { name: l.declaredName(n.Name!), expr: lowerExpr(n.Expression, l), span };
  }
  if (kind === 'CompoundNamedExpression') {
    const n = node as Kusto.Language.Syntax.CompoundNamedExpression;
    return {
      names: elementsOf(n.Names?.Names).map((d) => l.declaredName(d)),
      expr: lowerExpr(n.Expression, l),
      span,
    };
  }
  const kustoName = l.kustoName(node);
  return { expr: lowerExpr(node, l), ...(kustoName !== undefined && { kustoName }), span };
}

/** The items of a comma-separated list of assignments. */
export function assignments(
  list: Parameters<typeof elementsOf<KustoExpression>>[0],
  l: Lowerer,
): Assignment[] {
  return elementsOf(list).map((e) => assignment(e, l));
}

/** A node's children that are expressions (for walks that look for names). */
export function childNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.ChildCount; i++) {
    const c = node.GetChild(i);
    if (c && !c.IsToken) out.push(c as SyntaxNode);
  }
  return out;
}
