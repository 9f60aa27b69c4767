/**
 * JSON files of every shape ingest knows, read in chunks: the file is decoded piece by piece,
 * split into records by JsonRecordStream, each record parsed and mapped onto table columns
 * (record-shapes.ts) and bound into a raw table in batches. Only a Log Analytics / Kusto query
 * response, a single document of positional rows, is parsed whole.
 */
import type { SqlEngine } from '../db/engine.ts';
import { ingestError } from './errors.ts';
import { quotedValue } from './shown-text.ts';
import type { IngestFormat } from './formats.ts';
import { DEFAULT_LIMITS, megabytes, RAISE_HINTS, type IngestLimits } from './limits.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { JsonRecordStream, JsonStreamError, type JsonItem } from './json-stream.ts';
import { isLaApiResponse, kustoToApiResponse, openLaApiJson } from './la-api-json.ts';
import { positionInText } from './positions.ts';
import type { RawRelation } from './raw-relation.ts';
import { RecordSink } from './record-sink.ts';
import { classifyRecord, mapRecord, tableOfRecord, type RecordKind } from './record-shapes.ts';
import type { ByteSource } from './source.ts';

/** Bytes decoded per step: small enough to keep memory flat, large enough to be fast. */
export const JSON_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ReadControl {
  readonly onChunk?: (bytesRead: number, rows: number) => void;
  readonly checkAborted?: () => void;
  /** Stop after about this many records (previews). */
  readonly maxRecords?: number;
  /** Size and depth limits (DEFAULT_LIMITS when absent). */
  readonly limits?: IngestLimits;
}

function formatOf(kind: RecordKind, container: JsonItem['container']): IngestFormat {
  if (kind === 'diagnostic')
    return container === 'records'
      ? 'event-hub-json'
      : container === 'array'
        ? 'diagnostic-json'
        : 'diagnostic-ndjson';
  if (kind === 'graph-signin' || kind === 'graph-risky-user' || kind === 'graph-risk-detection')
    return container === 'array' ? 'entra-json' : 'graph-json';
  return container === 'array' ? 'json-array' : container === 'top' ? 'ndjson' : 'graph-json';
}

function parseItem(file: string, item: JsonItem): unknown {
  try {
    return JSON.parse(item.text);
  } catch {
    const found = findJsonSyntaxError(item.text);
    const rel = positionInText(item.text, found?.offset ?? item.text.length);
    const line = item.line + rel.line - 1;
    const column = rel.line === 1 ? item.column + rel.column - 1 : rel.column;
    throw ingestError(
      'bad-json',
      file,
      `invalid JSON: expected ${found?.expected ?? 'a complete JSON value'}.`,
      { line, column },
    );
  }
}

function recordTooLarge(
  file: string,
  limits: IngestLimits,
  at: { line: number; column: number },
  what = 'record',
) {
  return ingestError(
    'record-too-large',
    file,
    `this JSON ${what} is longer than Loupe's limit of ${megabytes(limits.recordBytes)} ` +
      `(Kusto refuses records over 64 MB too); ${RAISE_HINTS.recordBytes}.`,
    { line: at.line, column: at.column },
  );
}

function streamError(file: string, limits: IngestLimits, e: JsonStreamError) {
  if (e.kind === 'too-large') return recordTooLarge(file, limits, e.start ?? e, e.expected);
  if (e.kind === 'too-deep') {
    return ingestError(
      'too-deep',
      file,
      `this JSON value is nested deeper than Loupe's limit of ${limits.jsonDepth} levels (Azure's exports stop at 64); ${RAISE_HINTS.jsonDepth}.`,
      { line: e.line, column: e.column },
    );
  }
  return ingestError('bad-json', file, `invalid JSON: expected ${e.expected}.`, {
    line: e.line,
    column: e.column,
  });
}

/** A piece of the file's bytes, and how far into the file (as stored, e.g. compressed) it reaches. */
export interface ByteChunk {
  readonly bytes: Uint8Array;
  readonly consumed: number;
}

/** A file read in JSON_CHUNK_BYTES pieces (a Blob is sliced, never read whole). */
export async function* chunksOf(src: ByteSource): AsyncGenerator<ByteChunk> {
  for (let offset = 0; offset < src.size; offset += JSON_CHUNK_BYTES) {
    yield {
      bytes: await src.read(offset, offset + JSON_CHUNK_BYTES),
      consumed: Math.min(src.size, offset + JSON_CHUNK_BYTES),
    };
  }
}

export async function openJson(
  engine: SqlEngine,
  src: ByteSource,
  control: ReadControl = {},
): Promise<RawRelation> {
  return openJsonChunks(engine, src.name, chunksOf(src), control);
}

/** JSON from a sequence of byte chunks (a file, or a gzip stream inflated as it is read). */
export async function openJsonChunks(
  engine: SqlEngine,
  file: string,
  chunks: AsyncIterable<ByteChunk>,
  control: ReadControl = {},
): Promise<RawRelation> {
  const limits = control.limits ?? DEFAULT_LIMITS;
  // A record's text is held as one string, then written to DuckDB as one CSV line: both are bounded
  // by the record limit, and so is a top-level document, which may be a whole query response
  // parsed at once (Kusto truncates a query's results at 64 MB).
  const stream = new JsonRecordStream({
    itemChars: limits.recordBytes,
    documentChars: limits.recordBytes,
    depth: limits.jsonDepth,
  });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  const sink = new RecordSink(engine, file, limits);
  let truncated = false;
  let kind: RecordKind | undefined;
  let format: IngestFormat | undefined;
  let table: string | undefined;
  let whole: { doc: unknown; item: JsonItem } | undefined;
  const frames: unknown[] = [];
  const warnings: string[] = [];

  const handle = (item: JsonItem) => {
    if (whole)
      throw ingestError(
        'unknown-format',
        file,
        `a query response must be the only JSON document in its file.`,
        { line: item.line, column: item.column },
      );
    const rec = parseItem(file, item);
    if (kind === undefined) {
      if (item.container === 'top' && (isLaApiResponse(rec) || kustoToApiResponse(rec))) {
        whole = { doc: rec, item };
        return;
      }
      if (
        item.container === 'array' &&
        typeof rec === 'object' &&
        rec !== null &&
        'FrameType' in rec
      ) {
        kind = 'flat';
        format = 'la-api-json';
      } else {
        kind = classifyRecord(rec, item.container);
        format = formatOf(kind, item.container);
      }
    }
    if (format === 'la-api-json') {
      frames.push(rec); // Kusto v2 frames: a handful of objects
      return;
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      throw ingestError(
        'bad-json',
        file,
        `expected a JSON object (one record), found ${Array.isArray(rec) ? 'an array' : quotedValue(JSON.stringify(rec))}.`,
        {
          line: item.line,
          column: item.column,
        },
      );
    }
    if (item.text.length > limits.recordBytes) throw recordTooLarge(file, limits, item);
    const record = rec as Record<string, unknown>;
    const recTable = tableOfRecord(kind!, record);
    if (sink.rows === 0) table = recTable;
    else if (recTable !== undefined && table !== undefined && recTable !== table) {
      throw ingestError(
        'mixed-tables',
        file,
        `this record belongs to ${recTable}, the first one to ${table}; expected one table per file: split the file by category.`,
        { line: item.line, column: item.column },
      );
    }
    sink.add(mapRecord(kind!, record, table), item.line);
  };

  try {
    for await (const chunk of chunks) {
      control.checkAborted?.();
      const text = decoder.decode(chunk.bytes, { stream: true });
      for (const item of stream.push(text)) handle(item);
      control.onChunk?.(chunk.consumed, sink.rows);
      if (control.maxRecords !== undefined && sink.rows >= control.maxRecords) {
        truncated = true;
        break;
      }
    }
    if (!truncated) {
      for (const item of stream.push(decoder.decode())) handle(item);
      for (const item of stream.end()) handle(item);
    }
  } catch (e) {
    sink.dispose();
    if (e instanceof JsonStreamError) throw streamError(file, limits, e);
    throw e;
  }

  if (whole) {
    const doc = isLaApiResponse(whole.doc) ? whole.doc : kustoToApiResponse(whole.doc);
    return openLaApiJson(engine, file, doc, limits);
  }
  if (format === 'la-api-json') {
    const doc = kustoToApiResponse(frames);
    if (!doc)
      throw ingestError(
        'unknown-format',
        file,
        `${file} is a Kusto v2 response without a PrimaryResult DataTable frame; expected one.`,
      );
    return openLaApiJson(engine, file, doc, limits);
  }
  if (sink.rows === 0) {
    sink.dispose();
    throw ingestError(
      'header-only',
      file,
      `${file} holds no records: expected JSON objects (one per line, in an array, or in a "value"/"records" list).`,
    );
  }
  if (
    kind === 'graph-signin' ||
    (kind === 'diagnostic' &&
      sink.fields.some(
        (f) => f.source === 'properties.createdDateTime' && f.column === 'TimeGenerated',
      ))
  ) {
    warnings.push(
      `${file}: Graph sign-ins carry no TimeGenerated; it was taken from createdDateTime (the sign-in time, a few minutes before Log Analytics would have stored it).`,
    );
  }
  return sink.relation(format!, table, warnings);
}
