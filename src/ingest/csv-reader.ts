/**
 * CSV through DuckDB's own reader (`read_csv` over a registered file): it is several times faster
 * than parsing in JavaScript, reads browser files in place, and handles quoted multi-line cells,
 * doubled quotes, BOM and CRLF. Every field is read as VARCHAR with the column list fixed by Loupe
 * (no sniffing), so that typing follows the schema catalog, not DuckDB's guesses. The header row
 * itself is read with papaparse: it is tiny, and DuckDB would rename duplicate names silently.
 */
import Papa from 'papaparse';
import type { SqlEngine } from '../db/engine.ts';
import type { SourceField } from './column-mapping.ts';
import { ingestError } from './errors.ts';
import { isEntraSignInHeader, openEntraCsv } from './entra-csv.ts';
import { HEAD_BYTES, hasUtf8Bom } from './formats.ts';
import type { ReadControl } from './json-reader.ts';
import {
  csvLineOptions,
  DEFAULT_LIMITS,
  megabytes,
  narrowLineBytes,
  narrowLineOptions,
  RAISE_HINTS,
} from './limits.ts';
import {
  countRecords,
  fieldCount,
  firstOtherLineEnding,
  lastLineLength,
  lineStartAt,
  linesOfRecords,
  offsetOfRecord,
  positionOfOffset,
  recordTextAt,
} from './positions.ts';
import { SHOWN_RECORD_CHARS, shownRecord } from './shown-text.ts';
import {
  guessedCsvRange,
  isCutInParts,
  lastRecordEnd,
  provenCsvRange,
  streamParts,
  type CsvRange,
} from './csv-parts.ts';
import { sourceOfBytes, type UnwrappedText } from './decode.ts';
import {
  MAX_REJECT_DETAILS,
  rawColumn,
  type PartReading,
  type RawRelation,
  type ReaderTyping,
  type RejectedRow,
  type RelationPart,
} from './raw-relation.ts';
import type { ByteSource } from './source.ts';
import { quoteIdent, quoteString } from './sql-text.ts';

let counter = 0;

/**
 * DuckDB's errors that concern one record alone: the records after it are where they were, so a
 * part holding such a record can set it aside and the load go on in parts.
 */
const RECORD_LOCAL_ERRORS = new Set([
  'TOO MANY COLUMNS',
  'MISSING COLUMNS',
  'LINE SIZE OVER MAXIMUM',
]);

/**
 * The header record's text (everything up to the first newline outside double quotes), and whether
 * that newline is CRLF. A header longer than the record limit is refused rather than read on.
 */
async function readHeaderText(
  src: ByteSource,
  maxBytes: number,
): Promise<{ text: string; crlf: boolean }> {
  let inQuotes = false;
  const textOf = (bytes: Uint8Array) => {
    const text = new TextDecoder().decode(bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0));
    return { text: text.replace(/\r$/, ''), crlf: text.endsWith('\r') };
  };
  for (let end = HEAD_BYTES; ; end *= 4) {
    const head = await src.read(0, end);
    for (let i = 0; i < head.length; i++) {
      const b = head[i];
      if (b === 0x22) inQuotes = !inQuotes;
      else if (b === 0x0a && !inQuotes) return textOf(head.subarray(0, i));
    }
    if (end >= src.size) return { ...textOf(head), crlf: false };
    if (end > maxBytes) {
      throw ingestError(
        'record-too-large',
        src.name,
        `the header row goes on for more than ${megabytes(maxBytes)}, over Loupe's limit for one record; ${RAISE_HINTS.recordBytes}.`,
        { line: 1, column: 1 },
      );
    }
    inQuotes = false;
  }
}

/**
 * Comma, or tab for Excel's "Unicode text" / "Text (tab delimited)" saves: whichever the header
 * row uses outside quotes (a header of one column is comma-separated by convention).
 */
export function delimiterOf(headerText: string): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  let inQuotes = false;
  for (const ch of headerText) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/** CSV from a file read in place (or bytes): DuckDB reads it directly, in parts when it is large. */
export async function openCsv(
  engine: SqlEngine,
  src: ByteSource,
  control: ReadControl = {},
): Promise<RawRelation> {
  return openCsvInput(engine, src, undefined, control);
}

/** How many bytes of an unwrapped stream are read to find the header row and the first Type value. */
const STREAM_HEAD_BYTES = 1024 * 1024;

/**
 * CSV inside a gzip or UTF-16 file: the text is unwrapped chunk by chunk and handed to DuckDB in
 * parts of csvPartSize.streamBytes, each dropped once read, so that neither the unwrapped file nor
 * a copy of it is ever held whole. Only a load that fails (a bad record, a value that does not
 * convert) unwraps the whole file again, to report positions exactly as for a plain file.
 */
export async function openCsvText(
  engine: SqlEngine,
  text: UnwrappedText,
  control: ReadControl = {},
): Promise<RawRelation> {
  const head = await text.head(STREAM_HEAD_BYTES);
  const headSrc = sourceOfBytes(text.name, head);
  if (control.maxRecords !== undefined) {
    // A preview: the first records are enough, and they are in the head (cut after its last whole record).
    return openCsvInput(
      engine,
      sourceOfBytes(text.name, head.subarray(0, lastRecordEnd(head) || head.length)),
      undefined,
      control,
    );
  }
  return openCsvInput(engine, headSrc, text, control);
}

/**
 * `src` is the file itself, or (with `stream`) the head of an unwrapped stream: then the whole text
 * is only unwrapped into memory when an error needs random access to it.
 */
async function openCsvInput(
  engine: SqlEngine,
  src: ByteSource,
  stream: UnwrappedText | undefined,
  control: ReadControl,
): Promise<RawRelation> {
  const { text: headerText, crlf } = await readHeaderText(
    src,
    (control.limits ?? DEFAULT_LIMITS).recordBytes,
  );
  const delimiter = delimiterOf(headerText);
  const parsed = Papa.parse<string[]>(headerText, { header: false, delimiter, quoteChar: '"' });
  const header = parsed.data[0] ?? [];
  if (parsed.errors.length > 0 || header.length === 0) {
    const e = parsed.errors[0];
    throw ingestError(
      'bad-csv',
      src.name,
      `the header row cannot be read as CSV${e ? ` (${e.message})` : ''}; expected comma- or tab-separated column names.`,
      { line: 1 },
    );
  }
  // An Entra download is a transform in JavaScript over the whole text (limited to 250,000 rows by the portal).
  if (isEntraSignInHeader(header))
    return openEntraCsv(
      engine,
      stream ? sourceOfBytes(stream.name, await stream.whole()) : src,
      header,
      control,
    );
  const fields: SourceField[] = header.map((h) => ({ source: h }));
  const format = header.some((h) => / \[UTC\]\s*$/.test(h)) ? 'la-portal-csv' : 'csv';

  const id = ++counter;
  const fileName = `loupe_ingest_${id}.csv`;
  // A browser File is read in place through DuckDB-WASM's file-reader protocol, which the blocking
  // build implements with FileReaderSync (a worker-only API); elsewhere (Node) the bytes are copied.
  const canReadInPlace =
    typeof (globalThis as { FileReaderSync?: unknown }).FileReaderSync !== 'undefined';
  const inPlace =
    !stream && src.blob && engine.registerFileHandle && canReadInPlace ? src.blob : undefined;
  let bytes = inPlace || stream ? undefined : (src.bytes ?? (await src.read(0, src.size)));
  /** The whole text with random access (a stream's is unwrapped into memory on first need). */
  let full: ByteSource | undefined = stream ? undefined : src;
  const fullSource = async (): Promise<ByteSource> => {
    if (!full) {
      bytes = await stream!.whole();
      full = sourceOfBytes(src.name, bytes);
    }
    return full;
  };
  const registered = new Set<string>();
  const register = (name: string, start: number, end: number) => {
    if (inPlace)
      engine.registerFileHandle!(
        name,
        start === 0 && end === src.size ? inPlace : inPlace.slice(start, end),
      );
    else if (bytes) engine.registerFileBuffer(name, bytes.subarray(start, end));
    else
      throw new Error(
        `${src.name}: the unwrapped text was read before it was prepared (RawRelation.prepareWhole)`,
      );
    registered.add(name);
  };
  const unregister = (name: string) => {
    if (registered.delete(name)) engine.dropFile(name);
  };
  // The whole file is registered when first read: a file loaded in parts is never read whole unless
  // a part fails (Node copies registered bytes into the wasm heap, so this also spares a copy).
  const whole = () => {
    if (!registered.has(fileName)) register(fileName, 0, bytes ? bytes.byteLength : src.size);
    return fileName;
  };

  const rejects = `loupe_ingest_rejects_${id}`;
  const rejectScans = `loupe_ingest_reject_scans_${id}`;
  const limits = control.limits ?? DEFAULT_LIMITS;
  const columnsOf = (typed?: ReaderTyping) =>
    `{${fields.map((_, i) => `${quoteString(rawColumn(i))}: '${typed?.fields.has(i) ? 'TIMESTAMP' : 'VARCHAR'}'`).join(', ')}}`;
  // max_line_size is the record limit: with DuckDB's default (2 MB) a longer record failed the
  // file, and one longer than the reader's buffer (~32 MB) was dropped without a word when rows
  // were set aside (measured on DuckDB-WASM 1.32: a 40 MB unquoted field, "2 rows" of 3, no
  // reject). At the limit the reader sets such a record aside as LINE SIZE OVER MAXIMUM.
  const optionsOf = (typed?: ReaderTyping, narrow = false) =>
    `header = true, auto_detect = false, delim = ${quoteString(delimiter)}, quote = '"', escape = '"', ` +
    `${narrow ? narrowLineOptions(limits.recordBytes) : csvLineOptions(limits.recordBytes)}, columns = ${columnsOf(typed)}` +
    (typed ? `, timestampformat = ${quoteString(typed.format)}` : '');
  const baseOptions = optionsOf();
  const reader = (extra: string) => `read_csv(${quoteString(whole())}, ${baseOptions}${extra})`;
  const scanOptions = `, store_rejects = true, rejects_table = ${quoteString(rejects)}, rejects_scan = ${quoteString(rejectScans)}`;
  const tableExists = (table: string) =>
    (engine.queryParams(`SELECT count(*) FROM duckdb_tables() WHERE table_name = ?`, [table])
      .rows[0]?.[0] as number) > 0;
  /**
   * Where DuckDB set unreadable records aside: the rejects table of the whole read, or one per part
   * read 'setting-aside', with the offset in the text where that part starts (`base`, added to its
   * byte positions) and the records before it (`recordBase`, added to its record numbers).
   */
  interface RejectSource {
    readonly table: string;
    readonly scans: string;
    readonly base: number;
    readonly recordBase: number;
  }
  const partRejects: RejectSource[] = [];
  const rejectSources = (): RejectSource[] =>
    partRejects.length > 0
      ? partRejects.filter((s) => tableExists(s.table))
      : tableExists(rejects)
        ? [{ table: rejects, scans: rejectScans, base: 0, recordBase: 0 }]
        : [];
  const dropRejects = (sources: readonly { table: string; scans: string }[]) => {
    for (const s of sources)
      for (const t of [s.table, s.scans]) engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
  };

  const typeIndex = fields.findIndex((f) => f.source.trim() === 'Type');
  /** 0-based indices (the header is 0) of the records the scan set aside, ascending. */
  let skipped: number[] | undefined;
  /** The file record (header = 0) of loaded row `index`: loaded rows skip the records set aside. */
  const recordOf = (index: number): number => {
    // (No rejects table: nothing was set aside.)
    skipped ??= rejectSources()
      .flatMap((s) =>
        engine
          .query(`SELECT DISTINCT line - 1 + ${s.recordBase} FROM ${quoteIdent(s.table)}`)
          .rows.map((r) => Number(r[0])),
      )
      .sort((a, b) => a - b);
    let rec = index + 1;
    for (const r of skipped) {
      if (r <= rec) rec++;
      else break;
    }
    return rec;
  };

  // The records of the file's first megabyte, read with papaparse: where the Type value of a stream
  // or of a file large enough to be read in parts comes from (asking DuckDB would register and scan
  // the whole file, which a load in parts never does otherwise: Node would copy 530 MB into the wasm
  // heap for it), and the sample values the datetime columns' typing is chosen by (typing.ts).
  const headRecords = recordsOfHead(
    stream ? src : sourceOfBytes(src.name, await src.read(0, STREAM_HEAD_BYTES)),
    delimiter,
  );
  const headTypeValue =
    typeIndex >= 0 && (stream || isCutInParts(src))
      ? firstValue(headRecords, typeIndex)
      : undefined;
  /** Throws for a strict reading of a text whose last line is longer than that reading takes (PartReading). */
  const trustStrict = (lastLine: number, how: Extract<PartReading, { kind: 'strict' }>) => {
    const longest = how.wide ? limits.recordBytes : narrowLineBytes(limits.recordBytes);
    if (lastLine > longest)
      throw new Error(`the last line is longer than a strict read of ${longest} bytes takes`);
  };
  /**
   * Whether DuckDB read any of the text setting unreadable records aside (store_rejects): then its
   * rows and rejects are checked against Loupe's own count of the records (checkScan).
   */
  let readWithRejects = false;
  return {
    format,
    fields,
    get fromSql() {
      readWithRejects = true;
      return reader(scanOptions);
    },
    async strictFromSql() {
      const src = await fullSource();
      if (
        (await lastLineLength(src, 0, src.size, limits.recordBytes)) >
        narrowLineBytes(limits.recordBytes)
      )
        return undefined;
      return `read_csv(${quoteString(whole())}, ${optionsOf(undefined, true)})`;
    },
    async parts() {
      // Parts are read strictly (no rejects table): an unreadable record, or a value of a typed
      // datetime column not in its form, throws, and the loader reads the part again another way
      // (as text; cut exactly; setting rows of the wrong length aside in a rejects table of the
      // part's own), the whole file with store_rejects as the last resort (typed-staging.ts).
      // A part may start inside a record whose quoted cell holds a bare LF: DuckDB takes the line
      // ending from the first newline it meets, so the header's is stated explicitly.
      const partSql = (name: string, k: number, how: PartReading, start: number) => {
        const options = how.kind === 'strict' ? optionsOf(how.typed, !how.wide) : optionsOf();
        let aside = '';
        if (how.kind === 'setting-aside') {
          readWithRejects = true;
          // The first part's record numbers count its header already.
          const source = {
            table: `${rejects}_${k}`,
            scans: `${rejectScans}_${k}`,
            base: start,
            recordBase: k === 0 ? 0 : how.recordsBefore,
          };
          partRejects.push(source);
          aside = `, store_rejects = true, rejects_table = ${quoteString(source.table)}, rejects_scan = ${quoteString(source.scans)}`;
        }
        return `read_csv(${quoteString(name)}, ${k === 0 ? options : options.replace('header = true', 'header = false')}, new_line = ${quoteString(crlf ? '\\r\\n' : '\\n')}${aside})`;
      };
      if (stream)
        return streamParts(
          engine,
          stream,
          `loupe_ingest_${id}_part`,
          partSql,
          limits.recordBytes,
          trustStrict,
        );
      if (!isCutInParts(src)) return undefined;
      /** Where the next part starts: the end of the last part read (moved back by a recut). */
      let start = 0;
      let k = 0;
      const partOf = async (range: CsvRange): Promise<RelationPart> => {
        const name = `loupe_ingest_${id}_part${k}.csv`;
        const index = k;
        const lastLine = await lastLineLength(src, range.start, range.end, limits.recordBytes);
        return {
          end: range.end,
          bytes: range.end - range.start,
          open: (how = { kind: 'strict' }) => {
            if (how.kind === 'strict') trustStrict(lastLine, how);
            register(name, range.start, range.end);
            return partSql(name, index, how, range.start);
          },
          close: () => unregister(name),
          ...(range.proven
            ? {}
            : {
                recut: async () => {
                  const proven = await provenCsvRange(src, range.start);
                  if (proven.end === range.end) return undefined;
                  start = proven.end;
                  return await partOf(proven);
                },
              }),
        };
      };
      return (async function* (): AsyncGenerator<RelationPart> {
        while (start < src.size) {
          const range = await guessedCsvRange(src, start);
          start = range.end;
          yield await partOf(range);
          k++;
        }
      })();
    },
    partSetAside() {
      const last = partRejects.at(-1);
      if (!last || !tableExists(last.table)) return 0;
      const kinds = engine
        .query(`SELECT DISTINCT CAST(error_type AS VARCHAR) FROM ${quoteIdent(last.table)}`)
        .rows.map((r) => String(r[0]));
      // A ragged row, or a record over the size limit, leaves the records after it where they
      // were; any other reason (an unterminated quote above all) may not, and the whole read decides.
      if (kinds.some((k) => !RECORD_LOCAL_ERRORS.has(k))) return undefined;
      // Records, not errors: DuckDB reports a row with three fields too many three times.
      return Number(
        engine.query(`SELECT count(DISTINCT line) FROM ${quoteIdent(last.table)}`).rows[0]?.[0] ??
          0,
      );
    },
    async prepareWhole() {
      // The whole read sets aside every record itself: what parts set aside is forgotten.
      dropRejects(partRejects.splice(0));
      skipped = undefined;
      await fullSource();
    },
    warnings: [],
    headSample(field) {
      return firstValue(headRecords, field);
    },
    async explainReadFailure(e) {
      const src = await fullSource();
      const line = await firstOtherLineEnding(src, crlf);
      if (line !== undefined) {
        return ingestError(
          'bad-csv',
          src.name,
          `this line ends with ${crlf ? 'LF' : 'CRLF'} where the header's ends with ${crlf ? 'CRLF' : 'LF'}: ` +
            `DuckDB's CSV reader needs one line ending throughout (outside quoted values); convert the file's line endings and load it again.`,
          { line },
        );
      }
      const why = e instanceof Error ? shownRecord(e.message.split('\n')[0], 300) : String(e);
      return ingestError('bad-csv', src.name, `DuckDB's CSV reader cannot read this file: ${why}`);
    },
    firstTypeValue() {
      if (typeIndex < 0) return undefined;
      if (headTypeValue !== undefined || stream) return headTypeValue;
      try {
        // The first readable record: a malformed one is the full scan's to report (or set aside).
        const r = engine.query(
          `SELECT ${quoteIdent(rawColumn(typeIndex))} FROM ${reader(', ignore_errors = true')} WHERE ${quoteIdent(rawColumn(typeIndex))} <> '' LIMIT 1`,
        );
        const v = r.rows[0]?.[0];
        return typeof v === 'string' ? v.trim() : undefined;
      } catch {
        return undefined; // e.g. an unbalanced quote: the full scan reports it
      }
    },
    async checkScan(setAside, loadedRows) {
      const sources = rejectSources();
      // Records, not DuckDB's errors: a row with three fields too many is three errors of one record.
      const count = sources.reduce(
        (n, s) =>
          n +
          Number(
            engine.query(`SELECT count(DISTINCT line) FROM ${quoteIdent(s.table)}`).rows[0]?.[0] ??
              0,
          ),
        0,
      );
      // After a quoted value that never ends, quotes no longer say where records end: the count
      // could not be trusted, and that value is what is reported (or set aside) anyway.
      const unterminated = sources.some(
        (s) =>
          engine.query(
            `SELECT 1 FROM ${quoteIdent(s.table)} WHERE CAST(error_type AS VARCHAR) = 'UNQUOTED VALUE' LIMIT 1`,
          ).rows.length > 0,
      );
      if (readWithRejects && !unterminated)
        await checkRecordCount(await fullSource(), limits.recordBytes, loadedRows, count);
      if (!count) return { count: 0, details: [] };
      // In file order: the sources are in file order, and each one's records by position (the
      // first error of each record).
      const limit = setAside ? MAX_REJECT_DETAILS : 1;
      const rows: [number, number, number, string, string, string][] = [];
      for (const s of sources) {
        if (rows.length >= limit) break;
        rows.push(
          ...(engine.query(
            `SELECT line_byte_position + ${s.base}, byte_position + ${s.base}, column_idx, CAST(error_type AS VARCHAR), error_message, left(csv_line, ${SHOWN_RECORD_CHARS + 1}) ` +
              `FROM (SELECT *, row_number() OVER (PARTITION BY line ORDER BY byte_position) AS loupe_nth FROM ${quoteIdent(s.table)}) WHERE loupe_nth = 1 ` +
              `ORDER BY byte_position LIMIT ${limit - rows.length}`,
          ).rows as [number, number, number, string, string, string][]),
        );
      }
      const src = await fullSource();
      const delimiterByte = delimiter.charCodeAt(0);
      const describe = async ([lineStart, bytePos, columnIdx, errorType, message]: [
        number,
        number,
        number,
        string,
        string,
        string,
      ]) => {
        if (errorType === 'UNQUOTED VALUE') {
          const at = await positionOfOffset(src, Math.max(bytePos - 1, lineStart));
          // DuckDB says the same of a quoted value longer than the record limit: when the record
          // goes on past the limit, that is what is said (a 40 MB cell is not "never ends").
          // (From the quote: DuckDB's line_byte_position may name the line before.)
          const record = await recordTextAt(
            src,
            Math.max(bytePos - 1, lineStart),
            limits.recordBytes + 1,
          );
          if (!record.complete) {
            return {
              code: 'record-too-large' as const,
              at,
              text:
                `the quoted value that starts here goes on for more than Loupe's limit of ${megabytes(limits.recordBytes)} for one record ` +
                `(or never ends: expected a closing double quote); ${RAISE_HINTS.recordBytes}`,
            };
          }
          return {
            code: 'unbalanced-quote' as const,
            at,
            text: `a quoted value that starts here never ends: expected a closing double quote (") before the end of the file`,
          };
        }
        const { line } = await positionOfOffset(src, lineStart);
        if (errorType === 'LINE SIZE OVER MAXIMUM') {
          const size = /Actual Size:\s*(\d+)/.exec(message)?.[1];
          return {
            code: 'record-too-large' as const,
            at: { line, column: 1 },
            text:
              `this record is ${size ? megabytes(Number(size)) : 'larger than the limit'} long, over Loupe's limit of ${megabytes(limits.recordBytes)} for one record ` +
              `(a line with its quoted values; Kusto refuses records over 64 MB too); ${RAISE_HINTS.recordBytes}`,
          };
        }
        if (errorType === 'TOO MANY COLUMNS' || errorType === 'MISSING COLUMNS') {
          // DuckDB's "Found: N" is where it stopped reading the row, not the row's field count.
          const record = await recordTextAt(
            src,
            await lineStartAt(src, lineStart),
            limits.recordBytes,
          );
          const found = record.complete
            ? `${fieldCount(record.bytes, delimiterByte)} fields`
            : 'more fields';
          return {
            code: 'ragged-row' as const,
            at: { line, column: 1 },
            text: `this row has ${found}; expected ${fields.length}, one per header column`,
          };
        }
        const at = await positionOfOffset(src, Math.max(bytePos - 1, lineStart));
        return {
          code: 'bad-csv' as const,
          at,
          text: `${shownRecord(message)}${columnIdx === null || columnIdx === undefined ? '' : ` (field ${columnIdx})`}`,
        };
      };
      if (!setAside) {
        const d = await describe(rows[0]!);
        const more =
          count > 1
            ? ` (${count} records in all could not be read; nothing was loaded)`
            : ' (nothing was loaded)';
        throw ingestError(d.code, src.name, `${d.text}${more}.`, d.at);
      }
      const details: RejectedRow[] = [];
      for (const r of rows) {
        const d = await describe(r);
        details.push({
          file: src.name,
          line: d.at.line,
          column: r[2] === null || r[2] === undefined ? 'record' : `field ${r[2]}`,
          error: d.text,
          text: shownRecord(r[5]),
        });
      }
      return { count, details };
    },
    async locateAll(indices) {
      const src = await fullSource();
      const lines = await linesOfRecords(src, indices.map(recordOf));
      return lines.map((line) => ({ position: { line }, label: `line ${line}` }));
    },
    async locate(index) {
      const src = await fullSource();
      const offset = await offsetOfRecord(src, recordOf(index));
      const { line } = await positionOfOffset(src, offset);
      return { position: { line }, label: `line ${line}` };
    },
    rawCell(index, field) {
      // ignore_errors skips the records set aside, so that the offset counts loaded rows only.
      const r = engine.query(
        `SELECT ${quoteIdent(rawColumn(field))} FROM ${reader(', ignore_errors = true')} LIMIT 1 OFFSET ${Math.trunc(index)}`,
      );
      const v = r.rows[0]?.[0];
      return typeof v === 'string' ? v : null;
    },
    dispose() {
      dropRejects([{ table: rejects, scans: rejectScans }, ...partRejects]);
      for (const name of [...registered]) unregister(name);
    },
  };
}

/**
 * Proves that the rows read and the records set aside are all the file's records, by a count of
 * its own (one pass over the text, only after a read that set records aside). DuckDB's reader,
 * setting records aside, was measured dropping a record longer than about its buffer without
 * reporting it; such a record is refused here with its line, and any other difference too.
 */
async function checkRecordCount(
  src: ByteSource,
  maxRecordBytes: number,
  loadedRows: number,
  setAside: number,
): Promise<void> {
  const counted = await countRecords(src, maxRecordBytes);
  const expected = Math.max(0, counted.records - 1);
  if (loadedRows + setAside === expected) return;
  const tooLong = counted.firstTooLong;
  if (tooLong) {
    throw ingestError(
      'record-too-large',
      src.name,
      `this record is ${megabytes(tooLong.bytes)} long, over Loupe's limit of ${megabytes(maxRecordBytes)} for one record ` +
        `(a line with its quoted values; Kusto refuses records over 64 MB too); ${RAISE_HINTS.recordBytes}. Nothing was loaded.`,
      { line: tooLong.line, column: 1 },
    );
  }
  throw ingestError(
    'bad-csv',
    src.name,
    `the file has ${expected} records after its header, but DuckDB's reader returned ${loadedRows} rows and set aside ${setAside}: ` +
      `${Math.abs(expected - loadedRows - setAside)} records would have been lost without a reason, so nothing was loaded.`,
  );
}

/** The whole records in a head of the text (the header row first). */
function recordsOfHead(head: ByteSource, delimiter: string): string[][] {
  const bytes = head.bytes!;
  const text = new TextDecoder().decode(
    bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0, lastRecordEnd(bytes) || bytes.length),
  );
  return Papa.parse<string[]>(text, {
    header: false,
    delimiter,
    quoteChar: '"',
    skipEmptyLines: true,
  }).data;
}

/** The first non-empty value of column `index` in the data records of a head (trimmed). */
function firstValue(records: readonly string[][], index: number): string | undefined {
  for (const row of records.slice(1)) {
    const v = row[index]?.trim();
    if (v) return v;
  }
  return undefined;
}
