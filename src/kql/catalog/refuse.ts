/**
 * The translator's side of ./refusals.ts: a call of a refused built-in fails with KqlError
 * `unsupported`, at the call, with the typed detail `{ kind: 'builtin-refused', builtin, reason }`
 * that front ends act on (src/errors.ts). The function registry (../functions/index.ts) looks
 * refused names up here when it has no entry of its own; operators and plugins call
 * `refusalError` where they look their name up.
 */
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import type { ErrorDetail } from '../../errors.ts';
import type { KqlError } from '../errors.ts';
import type { AggregateFunction, ScalarFunction } from '../functions/registry.ts';
import type { BuiltinKind } from './builtins.ts';
import { REFUSAL_REASONS, refusalOf } from './refusals.ts';

function spelled(kind: BuiltinKind, name: string): string {
  return kind === 'operator'
    ? `the ${name} operator`
    : kind === 'plugin'
      ? `the ${name} plugin`
      : `${name}()`;
}

/** The message and typed detail of the built-in's refusal, or undefined when Loupe does not refuse it. */
export function refusal(
  kind: BuiltinKind,
  name: string,
): { message: string; detail: ErrorDetail } | undefined {
  const reason = refusalOf(kind, name);
  if (!reason) return undefined;
  const { title, why } = REFUSAL_REASONS[reason];
  return {
    message: `${spelled(kind, name)}: refused (${title}): ${why}`,
    detail: { kind: 'builtin-refused', builtin: { kind, name }, reason },
  };
}

/** The typed refusal of the built-in, or undefined when Loupe does not refuse it. */
export function refusalError(
  ctx: TranslateContext,
  kind: BuiltinKind,
  name: string,
  span: Span,
): KqlError | undefined {
  const r = refusal(kind, name);
  return r && ctx.error('unsupported', r.message, span, r.detail);
}

/** A registry entry for a refused scalar or window function: translating a call throws its refusal. */
export function refusedScalarFunction(name: string): ScalarFunction | undefined {
  const kind: BuiltinKind | undefined = refusalOf('function', name)
    ? 'function'
    : refusalOf('window', name)
      ? 'window'
      : undefined;
  if (!kind) return undefined;
  return {
    name,
    minArgs: 0,
    maxArgs: Number.POSITIVE_INFINITY,
    translate(_args, site) {
      throw refusalError(site.ctx, kind, name, site.span)!;
    },
  };
}

/** A registry entry for a refused aggregate (named after itself, so summarize reaches the refusal). */
export function refusedAggregateFunction(name: string): AggregateFunction | undefined {
  if (!refusalOf('aggregate', name)) return undefined;
  return {
    name,
    minArgs: 0,
    maxArgs: Number.POSITIVE_INFINITY,
    defaultName: () => name,
    translate(_args, site) {
      throw refusalError(site.ctx, 'aggregate', name, site.span)!;
    },
  };
}
