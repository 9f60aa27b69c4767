/**
 * The table a file supplied for an `externaldata` URL is loaded into, named the same way by the
 * command line (`--external URL=FILE`) and the page's prompt, so that a case worked in one reads
 * the same in the other: `externaldata_` + the file's name without its extensions (a `.gz` and the
 * format's), as an identifier.
 */
export function externalTableName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base
    .replace(/\.gz$/i, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9_]/g, '_');
  return `externaldata_${stem || 'file'}`;
}
