/**
 * More functions over `dynamic` values at run time: `set_equals(a, b)` and `treepath(bag)`.
 * Registered by ./index.ts, called by ../functions/dynamic.ts.
 */
import { parseDynamic } from './dynamic.ts';
import { udf } from './udf.ts';

type Json = ReturnType<typeof parseDynamic>;

/** The elements of an array's JSON text; undefined for null or anything else. */
function arrayOf(text: string | null): Json[] | undefined {
  if (text === null) return undefined;
  const v = parseDynamic(text);
  return Array.isArray(v) ? v : undefined;
}

/**
 * set_equals(a, b): whether the two arrays hold the same distinct values, whatever their order and
 * repetitions (elements compared as canonical JSON: 1 and "1" differ); null when either is not an
 * array.
 */
export function setEquals(a: string | null, b: string | null): number | null {
  const x = arrayOf(a);
  const y = arrayOf(b);
  if (!x || !y) return null;
  const sx = new Set(x.map((v) => JSON.stringify(v)));
  const sy = new Set(y.map((v) => JSON.stringify(v)));
  if (sx.size !== sy.size) return 0;
  return [...sx].every((k) => sy.has(k)) ? 1 : 0;
}

/** A bag key as a path step: `['key']`, a quote or backslash in the key escaped. */
function keyStep(k: string): string {
  return `['${k.replace(/[\\']/g, (c) => `\\${c}`)}']`;
}

/**
 * treepath(bag): the path of every node below the root, in document order without repeats, a bag's
 * keys as `['key']` and every element of an array as `[0]` (Kusto docs:
 * {"listProperty":[100,200,300,"abcde",{"x":"y"}]} gives ['listProperty'], ['listProperty'][0],
 * ['listProperty'][0]['x']). An empty array for a value that is not a bag or array; null for null.
 * Iterative, so a deeply nested value cannot exhaust the stack.
 */
export function treePaths(text: string | null): string | null {
  if (text === null) return null;
  const seen = new Set<string>();
  const out: string[] = [];
  // Depth-first, children pushed in reverse so they are visited in document order.
  const stack: [string, Json][] = [['', parseDynamic(text)]];
  while (stack.length > 0) {
    const [path, v] = stack.pop()!;
    if (path !== '' && !seen.has(path)) {
      seen.add(path);
      out.push(path);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${path}[0]`, v[i]!]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push([path + keyStep(entries[i]![0]), entries[i]![1]]);
    }
  }
  return JSON.stringify(out);
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const SET_EQUALS = udf('kql_set_equals', ['VARCHAR', 'VARCHAR'], 'INTEGER', setEquals);
export const TREE_PATHS = udf('kql_treepath', ['VARCHAR'], 'VARCHAR', treePaths);
