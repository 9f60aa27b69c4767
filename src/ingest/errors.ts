/**
 * The errors ingest raises. Every one names the file, and the line and column where they are known,
 * and says what was expected, because the analyst has to find the bad spot in a file of millions
 * of rows.
 */
import { LoupeError, type SourcePosition } from '../errors.ts';

export type IngestErrorCode =
  | 'empty-file'
  | 'binary-file'
  | 'header-only'
  | 'unknown-format'
  | 'unknown-table'
  | 'mixed-tables'
  | 'other-table'
  | 'duplicate-column'
  | 'ragged-row'
  | 'unbalanced-quote'
  | 'bad-csv'
  | 'bad-json'
  | 'bad-datetime'
  | 'bad-value'
  | 'schema-conflict'
  | 'bad-encoding'
  | 'bad-gzip'
  | 'bad-mapping'
  /** A record (a CSV line with its quoted cells, a JSON record) larger than the load's limit (limits.ts). */
  | 'record-too-large'
  /** A JSON value nested deeper than the load's limit. */
  | 'too-deep'
  /** A gzip that inflates far more than any log export does (a "gzip bomb"). */
  | 'inflates-too-much'
  /** A limit given out of its range (LoadOptions.limits). */
  | 'bad-limit'
  | 'cancelled';

export class IngestError extends LoupeError {
  constructor(
    readonly ingestCode: IngestErrorCode,
    message: string,
    position: SourcePosition,
  ) {
    super('ingest', ingestCode, message, position);
    this.name = 'IngestError';
  }
}

export function ingestError(
  code: IngestErrorCode,
  file: string,
  message: string,
  where: Omit<SourcePosition, 'file'> = {},
): IngestError {
  return new IngestError(code, message, { file, ...where });
}
