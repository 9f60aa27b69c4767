/**
 * Pattern statements (Kusto docs, pattern statement):
 *
 *   declare pattern country = (name:string)[state:string]
 *   { ("USA").["New York"] = { print Capital = "Albany" }; … };
 *   country("USA").["New York"]        // or country("USA").Alberta, or p("x") without a path
 *
 * A pattern maps constant argument values (and a path) to a tabular body; an invocation with
 * constant arguments is replaced, when parsed, by the body of the rule that matches them, as a
 * parenthesised subquery. Loupe supports string-literal arguments and rules of literal values;
 * wildcard rules (`(*)`), which bind the invocation's values inside the body, are refused, as is
 * an invocation no rule matches (Kusto reports it as a semantic error too).
 */
import type { Pipeline, Source, Span } from '../ast.ts';
import type { Token } from '../lexer.ts';
import type { Parser } from '../parser.ts';
import { spanFrom } from './common.ts';
import { defineSource } from './registry.ts';

interface PatternRule {
  readonly values: readonly string[];
  readonly path?: string;
  readonly body: Pipeline;
}

export interface PatternDeclaration {
  readonly params: number;
  readonly hasPath: boolean;
  readonly rules: readonly PatternRule[];
}

/** A string literal (a pattern value, an argument, a `["path"]`), refusing anything else by position. */
function stringValue(p: Parser, what: string): string {
  const t = p.peek();
  if (p.isPunct('*')) throw p.error('unsupported', `a wildcard ${what} in a pattern`, t);
  if (t.kind !== 'string') throw p.unexpected(`a string literal as the ${what}`);
  p.next();
  return t.value;
}

/** `.Name` or `.["Name"]` after a pattern's values or an invocation. */
function parsePath(p: Parser): string | undefined {
  if (!p.acceptPunct('.')) return undefined;
  if (p.acceptPunct('[')) {
    const v = stringValue(p, 'path');
    p.expectPunct(']', 'to close the pattern path');
    return v;
  }
  if (p.isPunct('*')) throw p.error('unsupported', 'a wildcard path in a pattern', p.peek());
  return p.expectIdent('a path name').value;
}

/** `declare pattern Name = (a:type, …)[p:type] { rules };` (the keyword `declare` is the current token). */
export function parsePatternDeclaration(p: Parser): { name: string; declaration: PatternDeclaration } {
  p.expectWord('declare');
  p.expectWord('pattern');
  const name = p.expectIdent('a pattern name').value;
  p.expectPunct('=', 'after the pattern name');
  p.expectPunct('(', 'before the pattern parameters');
  let params = 0;
  if (!p.isPunct(')')) {
    do {
      p.expectIdent('a parameter name');
      p.expectPunct(':');
      p.expectIdent('a parameter type');
      params++;
    } while (p.acceptPunct(','));
  }
  p.expectPunct(')', 'to close the pattern parameters');
  let hasPath = false;
  if (p.acceptPunct('[')) {
    p.expectIdent('a path parameter name');
    p.expectPunct(':');
    p.expectIdent('a path parameter type');
    p.expectPunct(']', 'to close the path parameter');
    hasPath = true;
  }
  const rules: PatternRule[] = [];
  p.expectPunct('{', 'to open the pattern rules');
  while (!p.isPunct('}')) {
    p.expectPunct('(', 'before the values of a pattern rule');
    const values: string[] = [];
    if (!p.isPunct(')')) {
      do values.push(stringValue(p, 'value'));
      while (p.acceptPunct(','));
    }
    p.expectPunct(')', 'to close the values of a pattern rule');
    const path = parsePath(p);
    p.expectPunct('=', 'before the body of a pattern rule');
    p.expectPunct('{', 'to open the body of a pattern rule');
    const body = p.parsePipelineValue();
    p.expectPunct('}', 'to close the body of a pattern rule');
    p.expectPunct(';', 'after a pattern rule');
    rules.push({ values, path, body });
  }
  p.expectPunct('}', 'to close the pattern rules');
  return { name, declaration: { params, hasPath, rules } };
}

export const PATTERN = defineSource({
  kind: 'subquery',
  starts: (p) => p.peek().kind === 'ident' && p.patterns.has(p.peek().value) && p.isPunct('(', 1),
  parse(p): Extract<Source, { kind: 'subquery' }> {
    const name: Token = p.next();
    const declaration = p.patterns.get(name.value)!;
    p.expectPunct('(');
    const args: string[] = [];
    if (!p.isPunct(')')) {
      do args.push(stringValue(p, 'argument'));
      while (p.acceptPunct(','));
    }
    p.expectPunct(')', `to close ${name.value}(`);
    const path = parsePath(p);
    const span: Span = spanFrom(p, name);
    const rule = declaration.rules.find((r) => r.values.length === args.length && r.values.every((v, i) => v === args[i]) && r.path === path);
    if (!rule) throw p.error('type', `no rule of the pattern "${name.value}" matches (${args.map((a) => JSON.stringify(a)).join(', ')})${path === undefined ? '' : `.${path}`}`, span);
    return { kind: 'subquery', pipeline: rule.body, span };
  },
  translate(src, ctx) {
    return ctx.translatePipeline(src.pipeline);
  },
});
