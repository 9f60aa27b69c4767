/**
 * JSON text of a value of any depth. `JSON.stringify` recurses natively and throws "Maximum call
 * stack size exceeded" somewhere between 1,000 and 5,000 levels (V8, measured), while `JSON.parse`
 * reads any depth: a value an attacker nested 10,000 levels deep in a log reads fine and then
 * breaks whatever writes it back (the raw table, a KQL dynamic value, the replay report). So the
 * native writer is tried first (it is fast, and every real value fits), and a value too deep for it
 * is written by the loop below, with an explicit stack, to the same text.
 */

/** JSON.stringify(value) / JSON.stringify(value, null, indent), at any depth. */
export function stringifyJson(value: unknown, indent = 0): string {
  try {
    return indent > 0 ? JSON.stringify(value, null, indent) : JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIteratively(value, indent);
  }
}

/** What remains to write of an array or object being written. */
interface Frame {
  readonly close: string;
  readonly depth: number;
  /** Array elements, or object entries, still to write. */
  readonly items: readonly unknown[] | readonly (readonly [string, unknown])[];
  readonly isArray: boolean;
  next: number;
  wrote: boolean;
}

/** The text of a value that holds no array or object, or undefined for one that does. */
function scalarText(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  return undefined;
}

/** Whether a value is left out of an object (and written as null in an array), as JSON.stringify does. */
function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/**
 * Levels written indented, when an indent is asked for: past them a value is written compact. The
 * indentation of every level would make the text quadratic in the depth (100,000 levels: 10^10
 * characters), and only a value too deep for JSON.stringify comes here.
 */
const MAX_INDENTED_LEVELS = 64;

export function stringifyIteratively(value: unknown, indent = 0): string {
  const out: string[] = [];
  const indented = (depth: number) => indent > 0 && depth <= MAX_INDENTED_LEVELS;
  const pad = (depth: number) => (indented(depth) ? `\n${' '.repeat(indent * depth)}` : '');
  const stack: Frame[] = [];
  /** Writes a value: a scalar at once, an array or object by pushing its frame. */
  const open = (v: unknown, depth: number): void => {
    const withJson = v as { toJSON?: () => unknown } | null;
    if (withJson !== null && typeof withJson === 'object' && typeof withJson.toJSON === 'function')
      v = withJson.toJSON();
    const scalar = scalarText(v);
    if (scalar !== undefined) {
      out.push(scalar);
      return;
    }
    if (Array.isArray(v)) {
      out.push('[');
      stack.push({ close: ']', depth, items: v, isArray: true, next: 0, wrote: false });
    } else {
      out.push('{');
      const entries = Object.keys(v as object)
        .map((k) => [k, (v as Record<string, unknown>)[k]] as const)
        .filter(([, x]) => !isSkipped(x));
      stack.push({ close: '}', depth, items: entries, isArray: false, next: 0, wrote: false });
    }
  };
  open(value, 0);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.items.length) {
      stack.pop();
      out.push(top.wrote ? `${pad(top.depth)}${top.close}` : top.close);
      continue;
    }
    const item = top.items[top.next++];
    out.push(`${top.wrote ? ',' : ''}${pad(top.depth + 1)}`);
    top.wrote = true;
    if (top.isArray) {
      open(isSkipped(item) ? null : item, top.depth + 1);
    } else {
      const [key, v] = item as readonly [string, unknown];
      out.push(`${JSON.stringify(key)}:${indented(top.depth + 1) ? ' ' : ''}`);
      open(v, top.depth + 1);
    }
  }
  return out.join('');
}
