/**
 * KQL `dynamic` values are stored as canonical JSON text (see docs/architecture.md). Canonical here
 * means: valid JSON, no whitespace outside strings, keys and number/string lexemes exactly as the
 * source wrote them. Lexemes are kept rather than re-serialised through JSON.parse/stringify
 * because 64-bit ids and long decimals would lose digits in JavaScript numbers.
 */
import type { SqlEngine } from '../db/engine.ts';
import { DEFAULT_LIMITS } from './limits.ts';

/**
 * Compact JSON text for a dynamic cell; null for an empty cell (KQL's dynamic null), and null for
 * JSON nested deeper than `maxDepth` levels, which the load then refuses (or sets aside) as a
 * value that did not convert, naming its line.
 */
export function dynamicText(
  raw: string | null,
  maxDepth: number = DEFAULT_LIMITS.jsonDepth,
): string | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (text === '') return null;
  try {
    JSON.parse(text);
  } catch {
    // KQL's todynamic() of text that is not JSON is that text as a dynamic string.
    return JSON.stringify(raw);
  }
  if (nestedDeeperThan(text, maxDepth)) return null;
  return stripInsignificantSpace(text);
}

/**
 * Whether valid JSON text nests arrays and objects deeper than `max`. Each level needs an opening
 * and a closing bracket, so text of up to 2 × max characters cannot: nearly every real cell is
 * answered without a scan.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  if (text.length <= 2 * max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function stripInsignificantSpace(text: string): string {
  if (!/[\s]/.test(text)) return text;
  let out = '';
  let inString = false;
  let escaped = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

/** SQL name of the function that canonicalises dynamic cells during a load. */
export const DYNAMIC_UDF = 'loupe_ingest_dynamic';

const registered = new WeakSet<SqlEngine>();

export function ensureDynamicUdf(engine: SqlEngine): void {
  if (registered.has(engine)) return;
  engine.registerUdf({
    name: DYNAMIC_UDF,
    returns: 'VARCHAR',
    fn: (x: string | null, maxDepth: number | null) => dynamicText(x, maxDepth ?? undefined),
  });
  registered.add(engine);
}
