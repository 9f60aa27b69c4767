/**
 * A translated query's result cell → the value the report and UI show (JSON-serialisable).
 * - dynamic: JSON text → the parsed JSON (arrays and bags as arrays and objects);
 * - datetime: epoch milliseconds → ISO-8601 UTC text ending in `Z` (milliseconds); a value with
 *   100 ns ticks below the microsecond arrives as Kusto's 7-digit text and stays so (src/db/ticks.ts);
 * - timespan: microseconds (translate() outputs timespans so) → KQL text like `01:00:00`;
 * - long/int: number (or its decimal text beyond ±2^53, as the engine gives it);
 * - string: never null ("");
 * - guid: its text; null for the null guid (SQL NULL: base64_decode_toguid of text that is no
 *   guid) — "" for the empty guid Loupe gives elsewhere (docs/kql.md).
 */
import type { KqlType } from '../schema/kql-types.ts';
import { timespanText } from './runtime/format.ts';
import { TICKS_ISO } from '../db/ticks.ts';

export function decodeValue(value: unknown, type: KqlType): unknown {
  if (type === 'string') return value === null || value === undefined ? '' : String(value);
  if (type === 'guid') return value === null || value === undefined ? null : String(value);
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'dynamic':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    case 'datetime':
      if (typeof value === 'string' && TICKS_ISO.test(value)) return value;
      return new Date(typeof value === 'number' ? value : Number(value)).toISOString();
    case 'timespan':
      return timespanText(typeof value === 'number' ? value : Number(value));
    case 'long':
    case 'int':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    case 'bool':
      return Boolean(value);
  }
}
