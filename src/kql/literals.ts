/**
 * Literal forms whose content is not an ordinary expression, read by the parser:
 * - `dynamic([...])`, `dynamic({...})`, `dynamic(null)`, `dynamic(5)`: a JSON-like constant whose
 *   elements may be KQL literals (`datetime(…)`, `1h`, `-3`, single-quoted strings). It becomes
 *   the canonical JSON text Loupe stores dynamic values as (docs/kql.md); datetimes and timespans
 *   inside it are strings, as Kusto serialises them.
 * - typed literals `long(null)`, `int(5)`, `real(nan)`, `real(+inf)`, `bool(null)`, `decimal(1.5)`:
 *   a constant of that type, possibly null.
 */
import type { Expr, Span } from './ast.ts';
import type { Parser } from './parser.ts';
import type { Token } from './lexer.ts';
import { timespanText } from './runtime/format.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The other spellings Kusto accepts inside `datetime(…)`, rewritten to `yyyy-mm-dd hh:mm:ss`:
 * quoted text (`datetime("2015-12-14")`), the comma form `datetime(2025, 6, 14[, h, m, s])`, and
 * US dates `MM-DD-YYYY` / `MM/DD/YYYY`. Other text is returned trimmed and unchanged.
 */
export function normalizeDatetimeText(raw: string): string {
  let text = raw.trim();
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) text = quoted[2]!.trim();
  const comma = /^(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2}(?:\.\d+)?))?)?)?$/.exec(text);
  if (comma) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0'] = comma;
    const [whole, frac] = sec.split('.');
    return `${y}-${mo}-${d} ${h}:${mi.padStart(2, '0')}:${whole!.padStart(2, '0')}${frac ? `.${frac}` : ''}`;
  }
  const us = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(.*)$/.exec(text);
  if (us) return `${us[3]}-${us[1]}-${us[2]}${us[4]}`;
  return text;
}

/** `datetime(2024-01-02 03:04:05.1234567)` text → Kusto's ISO form (`…T03:04:05.1234567Z`); undefined if unreadable. */
export function datetimeIso(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*Z?$/i.exec(normalizeDatetimeText(text));
  if (!m) return undefined;
  const p = (x: string | undefined, n = 2) => (x ?? '0').padStart(n, '0');
  // Always 7 fraction digits, as Kusto writes datetimes inside dynamic values (see convert.ts toJsonSql).
  const frac = `.${(m[7] ?? '').slice(0, 6).padEnd(6, '0')}0`;
  return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}${frac}Z`;
}

/** After `dynamic(` has been consumed: reads the value and the closing `)`. */
export function parseDynamicLiteral(p: Parser, name: Token): Expr {
  const value = dynamicValue(p);
  p.expectPunct(')', 'to close dynamic(');
  const span: Span = { start: name.start, end: p.lastEnd() };
  return { kind: 'literal', type: 'dynamic', value: value === null ? null : JSON.stringify(value), span };
}

function dynamicValue(p: Parser): Json {
  const t = p.peek();
  if (t.kind === 'punct' && t.value === '[') {
    p.next();
    const items: Json[] = [];
    while (!p.isPunct(']')) {
      items.push(dynamicValue(p));
      if (!p.acceptPunct(',')) break;
    }
    p.expectPunct(']', 'to close the dynamic array');
    return items;
  }
  if (t.kind === 'punct' && t.value === '{') {
    p.next();
    const bag: { [k: string]: Json } = {};
    while (!p.isPunct('}')) {
      const k = p.peek();
      if (k.kind !== 'string' && k.kind !== 'ident') throw p.unexpected('a property name in the dynamic bag');
      p.next();
      p.expectPunct(':', 'after a property name');
      // defineProperty, not assignment: a key named `__proto__` must stay a key.
      Object.defineProperty(bag, k.value, { value: dynamicValue(p), enumerable: true, writable: true, configurable: true });
      if (!p.acceptPunct(',')) break;
    }
    p.expectPunct('}', 'to close the dynamic bag');
    return bag;
  }
  if (t.kind === 'punct' && (t.value === '-' || t.value === '+')) {
    p.next();
    const n = dynamicValue(p);
    if (typeof n !== 'number') throw p.error('syntax', `"${t.value}" must precede a number in a dynamic literal`, t);
    return t.value === '-' ? -n : n;
  }
  p.next();
  switch (t.kind) {
    case 'string':
      return t.value;
    case 'long':
    case 'real':
      return t.num!;
    case 'ident':
      // A nested `dynamic(…)` inside a dynamic literal is the same value.
      if (t.value === 'dynamic' && p.isPunct('(')) {
        p.next();
        const inner = dynamicValue(p);
        p.expectPunct(')', 'to close dynamic(');
        return inner;
      }
      if (t.value === 'true' || t.value === 'false') return t.value === 'true';
      if (t.value === 'null') return null;
      break;
    case 'datetime': {
      if (t.value.trim() === 'null') return null;
      const iso = datetimeIso(t.value);
      if (!iso) throw p.error('syntax', `cannot read the datetime "${t.value}"`, t);
      return iso;
    }
    case 'timespan':
      if (t.num !== undefined) return timespanText(t.num);
      throw p.error('unsupported', `the timespan "${t.value}" inside a dynamic literal`, t);
    default:
      break;
  }
  throw p.error('syntax', `expected a dynamic value (array, bag, string, number, bool, null) but found "${p.text.slice(t.start, t.end)}"`, t);
}

/** Type names that form typed literals `name(value)`, with the KQL type they give. */
export const TYPED_LITERALS: Readonly<Record<string, 'long' | 'int' | 'real' | 'bool'>> = {
  long: 'long', int: 'int', real: 'real', double: 'real', bool: 'bool', boolean: 'bool', decimal: 'real',
};

/**
 * After `long(`/`real(`/… has been consumed: reads `null`, a signed number, `nan`, `inf`, `true`,
 * `false`, and the closing `)`. Returns undefined (consuming nothing) when the content is not one
 * of those, so the parser can read a call instead.
 */
export function parseTypedLiteral(p: Parser, name: Token): Expr | undefined {
  const type = TYPED_LITERALS[name.value]!;
  let i = 0;
  let sign = 1;
  const first = p.peek(0);
  if (first.kind === 'punct' && (first.value === '-' || first.value === '+')) {
    sign = first.value === '-' ? -1 : 1;
    i = 1;
  }
  const t = p.peek(i);
  if (!p.isPunct(')', i + 1)) return undefined;
  let value: number | boolean | null | undefined;
  if (t.kind === 'ident' && t.value === 'null' && i === 0) value = null;
  else if ((t.kind === 'long' || t.kind === 'real') && type !== 'bool') value = sign * t.num!;
  else if (t.kind === 'ident' && type === 'real' && /^nan$/i.test(t.value)) value = Number.NaN;
  else if (t.kind === 'ident' && type === 'real' && /^inf(inity)?$/i.test(t.value)) value = sign * Number.POSITIVE_INFINITY;
  else if (t.kind === 'ident' && type === 'bool' && i === 0 && (t.value === 'true' || t.value === 'false')) value = t.value === 'true';
  if (value === undefined) return undefined;
  for (let k = 0; k <= i + 1; k++) p.next();
  const span: Span = { start: name.start, end: p.lastEnd() };
  if (type === 'long' || type === 'int') {
    if (typeof value === 'number' && !Number.isInteger(value)) throw p.error('syntax', `${name.value}() needs an integer`, span);
    return { kind: 'literal', type, value, span };
  }
  return { kind: 'literal', type: type === 'bool' ? 'bool' : 'real', value, span };
}
