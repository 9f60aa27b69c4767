/**
 * Named arguments of built-in calls: `make_set(ResultReason, MaxSize=8)`. Kusto lets a call name
 * its parameters (`name = value`); the lowerer keeps such an argument as a binary `=` whose left
 * side is the name (syntax/lowerer.ts, `argument`). Before a built-in is translated, its arguments
 * are put back in parameter order, the parameter names being those of the function's
 * Kusto.Language signatures (../catalog/kusto-builtins.json). Published analytics rules write the
 * names with varying case (`MaxSize` for Kusto's `maxSize`), which Kusto.Language accepts, so the
 * names are matched without regard to case.
 */
import type { Expr } from '../ast.ts';
import { KUSTO_CATALOG } from '../catalog/builtins.ts';
import type { TranslateContext } from '../context.ts';

type Call = Extract<Expr, { kind: 'call' }>;
type NamedArgument = Extract<Expr, { kind: 'binary' }> & {
  readonly left: Extract<Expr, { kind: 'name' }>;
};

function isNamed(a: Expr): a is NamedArgument {
  return a.kind === 'binary' && a.op === '=' && a.left.kind === 'name';
}

/** `(expr: Scalar, [maxSize: Integer])` → `['expr', 'maxSize']` (a repeated `, ...` tail ends the list). */
export function parameterNames(params: string): string[] {
  const names: string[] = [];
  for (const m of params.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*:/g)) names.push(m[1]!);
  return names;
}

let signatures: Map<string, string[][]> | undefined;

/** Each function's and aggregate's signatures as parameter name lists, by name. */
function signaturesOf(name: string): readonly string[][] {
  if (!signatures) {
    signatures = new Map();
    for (const e of KUSTO_CATALOG.entries) {
      if (e.kind !== 'function' && e.kind !== 'aggregate') continue;
      const list = signatures.get(e.name) ?? [];
      for (const s of e.signatures ?? []) list.push(parameterNames(s.params));
      signatures.set(e.name, list);
    }
  }
  return signatures.get(name) ?? [];
}

/**
 * The call with its named arguments moved to their parameters' positions, or the call itself
 * when no argument is named. Positional arguments fill the first parameters in order; a named one
 * goes to its parameter. A name no signature of the function has, a parameter given twice, or a
 * parameter left out before a later one is given is a typed error at the argument.
 */
export function positionalArguments(e: Call, ctx: TranslateContext): Call {
  if (!e.args.some(isNamed)) return e;
  const lists = signaturesOf(e.name);
  const names = e.args.filter(isNamed).map((a) => a.left.name.toLowerCase());
  const params = lists.find((l) => {
    const lower = l.map((p) => p.toLowerCase());
    return names.every((n) => lower.includes(n));
  });
  if (!params) {
    const bad = e.args
      .filter(isNamed)
      .find(
        (a) => !lists.some((l) => l.some((p) => p.toLowerCase() === a.left.name.toLowerCase())),
      );
    const known = [...new Set(lists.flat())];
    throw ctx.error(
      'type',
      known.length
        ? `${e.name}() has no parameter "${(bad ?? e.args.find(isNamed)!).left.name}" (its parameters: ${known.join(', ')})`
        : `${e.name}() takes no named arguments`,
      (bad ?? e.args.find(isNamed)!).left.span,
    );
  }
  const lower = params.map((p) => p.toLowerCase());
  const slots: (Expr | undefined)[] = [];
  let next = 0;
  for (const a of e.args) {
    if (!isNamed(a)) {
      while (slots[next]) next++;
      slots[next++] = a;
      continue;
    }
    const i = lower.indexOf(a.left.name.toLowerCase());
    if (slots[i])
      throw ctx.error(
        'type',
        `${e.name}(): the parameter "${params[i]}" is given twice`,
        a.left.span,
      );
    slots[i] = a.right;
  }
  const gap = slots.findIndex((s) => s === undefined);
  if (gap >= 0 && gap < slots.length)
    throw ctx.error(
      'type',
      `${e.name}(): the parameter "${params[gap]}" is left out before a later one is given`,
      e.span,
    );
  return { ...e, args: slots as Expr[] };
}
