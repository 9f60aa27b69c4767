/**
 * The subset of JSONPath Kusto's dynamic functions read (jsonpath.md): `$` the root, `.name` a
 * property, `['name']` / `["name"]` a property with any characters, `[n]` an array element.
 * Wildcards, recursion, unions and slices are not supported (nor by Kusto).
 */

/** One step of a path: a property name or an array index. */
export type PathStep = string | number;

const STEP =
  /\.([^.[\]]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(-?\d+)\s*\]/y;

/** The steps of `$…`, or undefined when the text is not such a path. */
export function parseJsonPath(path: string): PathStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: PathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const m = STEP.exec(path);
    if (!m || m.index !== at) return undefined;
    const name = m[1] ?? m[2] ?? m[3];
    steps.push(name !== undefined ? name.replace(/\\(.)/g, '$1') : Number(m[4]));
  }
  return steps;
}
