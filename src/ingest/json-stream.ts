/**
 * Splits a stream of JSON text into records without parsing the whole file at once, so that a
 * gigabyte export never sits in memory as one string or one object tree. It recognises:
 * - NDJSON / concatenated documents: each top-level value is one item (`{…}\n{…}` or `{…}{…}`);
 * - a top-level array `[ {…}, {…} ]`: each element is an item;
 * - envelopes `{"value":[…]}` (Microsoft Graph pages) and `{"records":[…]}` (Event Hub batches,
 *   diagnostic blobs): each element of that array is an item, tagged with the envelope key.
 * Any other top-level object (e.g. a Log Analytics API response) is one item.
 * Items are JSON text slices with their line and column; the caller parses each one.
 */

export interface JsonItem {
  readonly text: string;
  /** 'top' (a top-level value), 'array' (element of a top-level array), or the envelope key. */
  readonly container: 'top' | 'array' | 'value' | 'records';
  /** 1-based position of the item's first character in the file. */
  readonly line: number;
  readonly column: number;
}

/**
 * Where the text stops being readable: a syntax error ('syntax', with what was expected there), an
 * item longer than its limit ('too-large') or nested deeper ('too-deep'). Line and column are
 * where the scan was.
 */
export class JsonStreamError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly kind: 'syntax' | 'too-large' | 'too-deep' = 'syntax',
    /** For 'too-large': where the item starts. */
    readonly start?: { readonly line: number; readonly column: number },
  ) {
    super(`expected ${expected}`);
  }
}

/**
 * How long and how deep an item may be (characters of its text, nesting levels). `itemChars`
 * bounds a record (an element of an array or envelope); `documentChars` a top-level value, which
 * may be a whole query response parsed at once. The scan stops at the first character past a
 * limit, so that memory holds at most one item of that size.
 */
export interface JsonStreamLimits {
  readonly itemChars: number;
  readonly documentChars: number;
  readonly depth: number;
}

const ENVELOPE_KEYS = new Set(['value', 'records']);

type Mode =
  | { kind: 'between' } // between top-level values
  | { kind: 'top-array' } // inside a top-level array: elements are items
  | { kind: 'envelope' } // inside a top-level object, scanning members
  | { kind: 'envelope-array'; key: 'value' | 'records' }; // inside its value/records array

export class JsonRecordStream {
  constructor(
    private readonly limits: JsonStreamLimits = {
      itemChars: Infinity,
      documentChars: Infinity,
      depth: Infinity,
    },
  ) {}

  private buf = '';
  /** Index in buf of the next character to scan. */
  private pos = 0;
  private line = 1;
  private column = 1;
  private mode: Mode = { kind: 'between' };
  /** Nesting depth of the value being scanned (relative to the current item). */
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Start (index in buf) and position of the item being scanned, or -1. */
  private itemStart = -1;
  private itemLine = 0;
  private itemColumn = 0;
  private envelopeText = '';
  /** In an envelope object: the last key read at depth 1 and whether a ':' followed it. */
  private lastKey: string | undefined;
  private stringStart = 0;
  private keyStart = -1;
  /** Whether the envelope/array expects an element next (after '[' or ','). */
  private awaitingValue = false;
  private sawEnvelopeArray = false;
  /** Elements seen in the array being streamed (to refuse a trailing comma). */
  private elements = 0;

  /** Feeds text; returns the items completed by it. */
  push(chunk: string): JsonItem[] {
    this.buf += chunk;
    const out: JsonItem[] = [];
    this.scan(out);
    this.compact();
    this.checkLength();
    return out;
  }

  /** The item (or top-level document) being scanned is not past its length limit. */
  private checkLength(): void {
    const start = this.itemStart >= 0 ? this.itemStart : this.keyStart;
    if (start < 0) return;
    const limit =
      this.mode.kind === 'top-array' || this.mode.kind === 'envelope-array'
        ? this.limits.itemChars
        : this.limits.documentChars;
    if (this.pos - start > limit) {
      const what =
        this.mode.kind === 'top-array' || this.mode.kind === 'envelope-array'
          ? 'record'
          : 'document';
      throw new JsonStreamError(this.line, this.column, what, 'too-large', {
        line: this.itemLine,
        column: this.itemColumn,
      });
    }
  }

  private tooDeep(): never {
    throw new JsonStreamError(
      this.line,
      this.column,
      `at most ${this.limits.depth} levels of nesting`,
      'too-deep',
    );
  }

  /** Ends the stream: anything unfinished is an error. */
  end(): JsonItem[] {
    const out: JsonItem[] = [];
    this.scan(out);
    if (this.mode.kind !== 'between' || this.itemStart >= 0) {
      throw new JsonStreamError(
        this.line,
        this.column,
        'more JSON: the file ends inside a value (truncated?)',
      );
    }
    return out;
  }

  private compact(): void {
    // Keep only what an unfinished item, envelope or envelope key still needs.
    let keepFrom = this.pos;
    if (this.itemStart >= 0) keepFrom = Math.min(keepFrom, this.itemStart);
    if (this.keyStart >= 0) keepFrom = Math.min(keepFrom, this.keyStart);
    if (this.mode.kind === 'envelope' && this.inString)
      keepFrom = Math.min(keepFrom, this.stringStart);
    if (keepFrom > 0) {
      this.buf = this.buf.slice(keepFrom);
      this.pos -= keepFrom;
      this.stringStart -= keepFrom;
      if (this.itemStart >= 0) this.itemStart -= keepFrom;
      if (this.keyStart >= 0) this.keyStart -= keepFrom;
    }
  }

  private advance(c: number): void {
    if (c === 0x0a) {
      this.line++;
      this.column = 1;
    } else this.column++;
  }

  private startItem(): void {
    this.itemStart = this.pos;
    this.itemLine = this.line;
    this.itemColumn = this.column;
    this.depth = 0;
  }

  private fail(expected: string): never {
    throw new JsonStreamError(this.line, this.column, expected);
  }

  private scan(out: JsonItem[]): void {
    const buf = this.buf;
    while (this.pos < buf.length) {
      if (this.inString && !this.escaped) {
        // Most of a log's bytes are inside strings: skip to the next quote, backslash or newline
        // in a tight loop instead of going through the state machine for every character.
        let p = this.pos;
        while (p < buf.length) {
          const ch = buf.charCodeAt(p);
          if (ch === 0x22 || ch === 0x5c || ch === 0x0a) break;
          p++;
        }
        if (p > this.pos) {
          this.column += p - this.pos;
          this.pos = p;
          continue;
        }
      }
      const c = buf.charCodeAt(this.pos);
      const ws = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;

      if (this.itemStart >= 0) {
        // Inside an item: find its end by tracking strings and nesting.
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 0x5c) this.escaped = true;
          else if (c === 0x22) {
            this.inString = false;
            if (this.depth === 0) {
              this.advance(c);
              this.pos++;
              this.finishItem(out);
              continue;
            }
          }
        } else if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) {
          if (++this.depth > this.limits.depth) this.tooDeep();
        } else if (c === 0x7d || c === 0x5d) {
          if (this.depth === 0) {
            // A bare scalar item ended by its container's closing bracket.
            this.finishItem(out);
            continue;
          }
          this.depth--;
          if (this.depth === 0) {
            this.advance(c);
            this.pos++;
            this.finishItem(out);
            continue;
          }
        } else if (this.depth === 0 && (ws || c === 0x2c)) {
          // A bare scalar (number, true, false, null) ends at whitespace or a comma.
          this.finishItem(out);
          continue;
        }
        this.advance(c);
        this.pos++;
        continue;
      }

      switch (this.mode.kind) {
        case 'between':
          if (ws) break;
          if (c === 0x5b) {
            this.mode = { kind: 'top-array' };
            this.awaitingValue = true;
            this.elements = 0;
            break;
          }
          if (c === 0x7b) {
            this.mode = { kind: 'envelope' };
            this.envelopeText = '{';
            this.itemLine = this.line;
            this.itemColumn = this.column;
            this.lastKey = undefined;
            this.awaitingValue = false;
            this.sawEnvelopeArray = false;
            this.depth = 0;
            this.advance(c);
            this.pos++;
            // An envelope that turns out to have no value/records array is re-read whole: keep its text.
            this.itemStart = -1;
            this.keyStart = this.pos - 1;
            continue;
          }
          // A closing bracket or a separator cannot start a value. (Taken as the start of a bare
          // scalar, it ended that scalar at once, unread, and the scan never moved on: a 25-byte
          // file such as `[1]}` looped until memory ran out.)
          if (c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a)
            this.fail(
              'a JSON value (an object, an array, a string, a number, true, false or null)',
            );
          this.startItem();
          continue; // a top-level scalar: scanned as an item
        case 'top-array':
        case 'envelope-array':
          if (ws) break;
          if (c === 0x5d) {
            if (this.awaitingValue && this.elements > 0)
              this.fail('another element after the comma');
            if (this.mode.kind === 'top-array') this.mode = { kind: 'between' };
            else this.mode = { kind: 'envelope' };
            this.awaitingValue = false;
            break;
          }
          if (c === 0x2c) {
            if (this.awaitingValue) this.fail('a value before the comma');
            this.awaitingValue = true;
            break;
          }
          if (!this.awaitingValue) this.fail("',' or ']' between array elements");
          this.awaitingValue = false;
          this.elements++;
          this.startItem();
          continue;
        case 'envelope':
          this.scanEnvelope(c, ws, out);
          continue;
      }
      this.advance(c);
      this.pos++;
    }
  }

  /** Members of a top-level object: find a "value"/"records" array and stream its elements. */
  private scanEnvelope(c: number, ws: boolean, out: JsonItem[]): void {
    const buf = this.buf;
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === 0x5c) this.escaped = true;
      else if (c === 0x22) {
        this.inString = false;
        if (this.depth === 0 && this.awaitingValue)
          this.awaitingValue = false; // a string value
        else if (this.depth === 0) {
          try {
            this.lastKey = JSON.parse(buf.slice(this.stringStart, this.pos + 1)) as string;
          } catch {
            this.fail('a property name in double quotes');
          }
        }
      }
    } else if (c === 0x22) {
      this.inString = true;
      this.stringStart = this.pos;
    } else if (c === 0x3a && this.depth === 0) {
      this.awaitingValue = true;
    } else if (this.depth === 0 && this.awaitingValue && !ws) {
      if (c === 0x5b && this.lastKey !== undefined && ENVELOPE_KEYS.has(this.lastKey)) {
        this.mode = { kind: 'envelope-array', key: this.lastKey as 'value' | 'records' };
        this.sawEnvelopeArray = true;
        this.awaitingValue = true;
        this.elements = 0;
        this.advance(c);
        this.pos++;
        return;
      }
      this.awaitingValue = false;
      if ((c === 0x7b || c === 0x5b) && ++this.depth >= this.limits.depth) this.tooDeep();
    } else if (c === 0x7b || c === 0x5b) {
      // The envelope object itself is the first level.
      if (++this.depth >= this.limits.depth) this.tooDeep();
    } else if (c === 0x7d || c === 0x5d) {
      if (this.depth === 0 && c === 0x7d) {
        // End of the top-level object.
        this.advance(c);
        this.pos++;
        const text = buf.slice(this.keyStart, this.pos);
        if (!this.sawEnvelopeArray)
          out.push({ text, container: 'top', line: this.itemLine, column: this.itemColumn });
        this.keyStart = -1;
        this.mode = { kind: 'between' };
        return;
      }
      this.depth--;
    } else if (c === 0x2c && this.depth === 0) {
      this.awaitingValue = false;
    }
    this.advance(c);
    this.pos++;
    // While streaming an envelope's array the envelope text is not kept (it can be gigabytes).
    if (this.sawEnvelopeArray) this.keyStart = -1;
  }

  private finishItem(out: JsonItem[]): void {
    const text = this.buf.slice(this.itemStart, this.pos);
    const container =
      this.mode.kind === 'top-array'
        ? 'array'
        : this.mode.kind === 'envelope-array'
          ? this.mode.key
          : 'top';
    out.push({ text, container, line: this.itemLine, column: this.itemColumn });
    this.itemStart = -1;
    this.depth = 0;
  }
}
