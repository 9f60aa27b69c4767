/**
 * KQL `dynamic` values are stored as canonical JSON text (see docs/architecture.md). Canonical here
 * means: valid JSON, no whitespace outside strings, keys and number/string lexemes exactly as the
 * source wrote them. Lexemes are kept rather than re-serialised through JSON.parse/stringify
 * because 64-bit ids and long decimals would lose digits in JavaScript numbers.
 */
import type { SqlEngine } from '../db/engine.ts';

/** Compact JSON text for a dynamic cell; null for an empty cell (KQL's dynamic null). */
export function dynamicText(raw: string | null): string | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (text === '') return null;
  try {
    JSON.parse(text);
  } catch {
    // KQL's todynamic() of text that is not JSON is that text as a dynamic string.
    return JSON.stringify(raw);
  }
  return stripInsignificantSpace(text);
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
  engine.registerUdf({ name: DYNAMIC_UDF, returns: 'VARCHAR', fn: (x: string | null) => dynamicText(x) });
  registered.add(engine);
}
