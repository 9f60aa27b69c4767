/**
 * Functions the workspace defines — saved functions, ASIM parsers, Sentinel's `_GetWatchlist` —
 * reached through `TranslateOptions.resolveFunction` (api.ts `WorkspaceFunction`) and called as
 * Kusto calls them: `_Im_WebSession(starttime=ago(1d))`, `vimWebSessionEmpty`, `_GetWatchlist('VIP')`.
 *
 * Each is bound as if the query had declared it with `let name = (params) { body }`, so a call is
 * inlined by user-functions.ts like any `let` function, with three differences Kusto's scoping
 * requires: the query's own `let`s shadow a workspace function of the same name; the body sees
 * its parameters, the tables and the other workspace functions, never the calling query's `let`s;
 * and an error inside the body names the function and the line of its file, and is reported at
 * the call in the query (where the analyst can act on it).
 *
 * A name that is neither the query's nor the workspace's, called where a table is expected, is
 * refused with detail `function-not-loaded` (src/errors.ts), which a fuzzy union forgives.
 */
import { refusalError } from './catalog/refuse.ts';
import type { TranslateOptions, WorkspaceFunction } from './api.ts';
import type { LetValue, Span } from './ast.ts';
import type { Binding, TranslateContext } from './context.ts';
import { KqlError } from './errors.ts';

type FunctionValue = Extract<LetValue, { kind: 'function' }>;
type FunctionBinding = Extract<Binding, { kind: 'function' }>;

/** What a function binding carries when the workspace, not the query, defines it. */
export interface WorkspaceBinding {
  readonly fn: WorkspaceFunction;
  /** The text the body's spans point into: a one-line `let` header, the body, its closing. */
  readonly text: string;
  /** Why the body could not be read (the call is then refused with this), when it could not. */
  readonly unreadable?: string;
}

/** The name the body is declared under in its text (never visible to the query). */
const DECLARED = '__workspace_function';
/** Calls of workspace functions inside one another, deeper than this, are refused (ASIM nests 3). */
const MAX_DEPTH = 16;

interface Bound {
  readonly binding: FunctionBinding;
}

/** Each translation's workspace functions, read once per name (undefined: the workspace has none). */
const read = new WeakMap<TranslateOptions, Map<string, Bound | undefined>>();
/** The workspace functions being inlined, innermost last, per translation (recursion guard). */
const active = new WeakMap<TranslateContext, string[]>();

/** `let __workspace_function = (a:string, b:long = 5) {` — on one line, so body line n is text line n + 1. */
function header(fn: WorkspaceFunction): string {
  const params = fn.parameters.map(
    (p) =>
      `${p.name}:${p.type}${p.default !== undefined ? ` = ${p.default.replace(/\s+/g, ' ')}` : ''}`,
  );
  return `let ${DECLARED} = (${params.join(', ')}) {`;
}

function readFunction(ctx: TranslateContext, name: string): Bound | undefined {
  const options = ctx.options;
  let cache = read.get(options);
  if (!cache) read.set(options, (cache = new Map()));
  if (cache.has(name)) return cache.get(name);
  const fn = options.resolveFunction?.(name);
  let bound: Bound | undefined;
  if (fn) {
    // Marked first: a body that names its own function while being read must not read it again.
    cache.set(name, undefined);
    const text = `${header(fn)}\n${fn.body}\n};\n${DECLARED}`;
    try {
      const value = ctx.parse(text).lets[0]!.value as FunctionValue;
      bound = { binding: { kind: 'function', fn: value, workspace: { fn, text } } };
    } catch (e) {
      const why =
        e instanceof KqlError
          ? `${stripPlace(e.message)} (${fileLine(fn, e.position.line ?? 1)})`
          : String(e);
      // Unreadable: refused when called, with why.
      const unreadable: FunctionValue = {
        kind: 'function',
        params: [],
        body: { lets: [], value: { kind: 'name', name: DECLARED, span: { start: 0, end: 0 } } },
        span: { start: 0, end: 0 },
      };
      bound = {
        binding: { kind: 'function', fn: unreadable, workspace: { fn, text, unreadable: why } },
      };
    }
  }
  cache.set(name, bound);
  return bound;
}

/** The binding of a workspace function named `name`, or undefined (the query's `let`s come first: context.ts). */
export function workspaceFunctionBinding(
  ctx: TranslateContext,
  name: string,
): FunctionBinding | undefined {
  return readFunction(ctx, name)?.binding;
}

/**
 * The refusal of a call to a function nobody defines: its name, as a typed detail the front ends
 * act on. A built-in Loupe refuses by design (`graph("G")` as a source) gives that refusal instead.
 */
export function functionNotLoaded(ctx: TranslateContext, name: string, span: Span): KqlError {
  const refused = refusalError(ctx, 'function', name, span);
  if (refused) return refused;
  return ctx.error(
    'unknown-function',
    `the function "${name}" is neither defined by the query nor loaded as a workspace function (a saved function or an ASIM parser: load its YAML file)`,
    span,
    { kind: 'function-not-loaded', name },
  );
}

/** "… (line 3, column 7)" → "…": the place is said again where the error is reported. */
function stripPlace(message: string): string {
  return message.replace(/ \(line \d+, column \d+\)$/, '');
}

/**
 * Line `line` of the function's text as `file:line` of its file: the body starts on text line 2;
 * line 1 is its parameters, and the text's closing lines (an unfinished body) are its last line.
 */
function fileLine(fn: WorkspaceFunction, line: number): string {
  if (line <= 1) return `${fn.source.file}:${fn.source.line} (its parameters)`;
  const bodyLine = Math.min(line - 1, fn.body.split('\n').length);
  return `${fn.source.file}:${fn.source.line + bodyLine - 1}`;
}

function placeIn(fn: WorkspaceFunction, line: number, column?: number): string {
  return `in the workspace function ${fn.name}, ${fileLine(fn, line)}${column !== undefined && line > 1 ? `, column ${column} of its query` : ''}`;
}

/**
 * Runs `inline` (the translation of the body) as a call of the workspace function at `callSpan`:
 * only `bound` (its parameters) visible besides tables and workspace functions, spans read in the
 * function's text, errors reported at the call with the function's file and line in the message
 * (code and detail kept, so that a fuzzy union still forgives an unresolved table inside it).
 */
export function inWorkspaceFunction<T>(
  ctx: TranslateContext,
  wb: WorkspaceBinding,
  callSpan: Span,
  bound: ReadonlyMap<string, Binding>,
  inline: () => T,
): T {
  const name = wb.fn.name;
  if (wb.unreadable !== undefined)
    throw ctx.error(
      'syntax',
      `the workspace function "${name}" cannot be read: ${wb.unreadable}`,
      callSpan,
    );
  let stack = active.get(ctx);
  if (!stack) active.set(ctx, (stack = []));
  if (stack.includes(name))
    throw ctx.error(
      'unsupported',
      `the workspace function "${name}" calls itself (through ${stack.join(' → ')}): Kusto refuses recursion`,
      callSpan,
    );
  if (stack.length >= MAX_DEPTH)
    throw ctx.error(
      'unsupported',
      `workspace functions nested more than ${MAX_DEPTH} deep (${stack.join(' → ')})`,
      callSpan,
    );
  stack.push(name);
  try {
    return ctx.withSourceText(
      wb.text,
      callSpan,
      (line, column) => placeIn(wb.fn, line, column),
      () => ctx.withBindings(bound, inline, true),
    );
  } catch (e) {
    if (!(e instanceof KqlError)) throw e;
    const { line, column } = e.position;
    throw ctx.error(
      e.code,
      `${stripPlace(e.message)} (${placeIn(wb.fn, line ?? 1, column)})`,
      callSpan,
      e.detail,
    );
  } finally {
    stack.pop();
  }
}
