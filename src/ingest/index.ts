/** Ingest: exported log files → typed Sentinel tables. Entry point: loadFile (./load.ts). */
export type { LoadedTable, LoadOptions, LoadProgress, LoadSource } from './api.ts';
export { loadFile } from './load.ts';
export { previewFile, PREVIEW_ROWS, type FilePreview } from './preview.ts';
export { dropTable, listTables, loadedTable, rejectedRowsOf } from './registry.ts';
export type { RejectedRow } from './raw-relation.ts';
export { IngestError, type IngestErrorCode } from './errors.ts';
export type { ColumnMapping, TypeOrigin } from './column-mapping.ts';
export type { IngestFormat } from './formats.ts';
