/**
 * Pattern statements (Kusto docs, pattern statement):
 *
 *   declare pattern country = (name:string)[state:string]
 *   { ("USA").["New York"] = { print Capital = "Albany" }; … };
 *   country("USA").["New York"]        // or p("x") without a path
 *
 * A pattern maps constant argument values (and a path) to a tabular body; an invocation with
 * constant arguments is replaced, when lowered, by the body of the rule that matches them, as a
 * parenthesised subquery. Loupe supports string-literal arguments and rules of literal values;
 * wildcard rules (`(*)`), which bind the invocation's values inside the body, are refused, as is
 * an invocation no rule matches (Kusto reports it as a semantic error too).
 */
import type { Pipeline, Source } from '../ast.ts';
import {
  elementsOf,
  kindName,
  listOf,
  type KustoExpression,
  type SyntaxElement,
} from './kusto-language.ts';
import type { Lowerer } from './lowerer.ts';

interface PatternRule {
  readonly values: readonly string[];
  readonly path?: string;
  readonly body: Pipeline;
}

export interface PatternDeclaration {
  readonly rules: readonly PatternRule[];
}

/** A string literal (a pattern value, an argument, a `["path"]`), refusing anything else by position. */
function stringValue(
  node: KustoExpression | null,
  what: string,
  l: Lowerer,
  at: SyntaxElement,
): string {
  if (!node) throw l.syntaxGap();
  if (kindName(node) === 'StarExpression')
    throw l.error('unsupported', `a wildcard ${what} in a pattern`, node);
  if (kindName(node) !== 'StringLiteralExpression')
    throw l.error('syntax', `expected a string literal as the ${what}`, node ?? at);
  return String((node as Kusto.Language.Syntax.LiteralExpression).Token!.Value ?? '');
}

export function lowerPatternStatement(
  stmt: Kusto.Language.Syntax.PatternStatement,
  l: Lowerer,
): { name: string; declaration: PatternDeclaration } {
  const rules: PatternRule[] = [];
  for (const match of listOf(stmt.Pattern?.Patterns)) {
    const values = elementsOf(match.ParameterValues?.Expressions).map((v) =>
      stringValue(v, 'value', l, match),
    );
    const path = match.PathValue ? stringValue(match.PathValue.Value, 'path', l, match) : undefined;
    const body = match.Body!;
    if (listOf(body.Statements).length > 0)
      throw l.unsupported('statements inside a pattern rule', body);
    rules.push({ values, ...(path !== undefined && { path }), body: l.pipeline(body.Expression) });
  }
  return { name: l.nameOf(stmt.Name!), declaration: { rules } };
}

/** `Pattern("a")` or `Pattern("a").["b"]`: the body of the rule that matches, as a subquery. */
export function patternInvocation(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  selector: KustoExpression | null | undefined,
  declaration: PatternDeclaration,
  l: Lowerer,
): Extract<Source, { kind: 'subquery' }> {
  const name = l.nameOf(call.Name!);
  const args = elementsOf(call.ArgumentList?.Expressions).map((a) =>
    stringValue(a, 'argument', l, call),
  );
  let path: string | undefined;
  if (selector)
    path =
      kindName(selector) === 'BracketedExpression'
        ? stringValue(
            (selector as Kusto.Language.Syntax.BracketedExpression).Expression,
            'path',
            l,
            selector,
          )
        : l.nameOf(selector as Kusto.Language.Syntax.NameReference);
  const span = { start: call.TextStart, end: (selector ?? call).End };
  const rule = declaration.rules.find(
    (r) =>
      r.values.length === args.length && r.values.every((v, i) => v === args[i]) && r.path === path,
  );
  if (!rule)
    throw l.error(
      'type',
      `no rule of the pattern "${name}" matches (${args.map((a) => JSON.stringify(a)).join(', ')})${path === undefined ? '' : `.${path}`}`,
      span,
    );
  return { kind: 'subquery', pipeline: rule.body, span };
}
