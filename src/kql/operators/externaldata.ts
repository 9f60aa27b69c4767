/**
 * `externaldata(Col:type, …) [ "URL", … ] with (format=…)`: Kusto downloads the URL; Loupe is
 * offline, so the caller maps the URL to a table loaded from a file the user supplied
 * (`TranslateOptions.externalData`: CLI `--external URL=FILE`, UI prompt). The declared columns are
 * read from that table by position for delimited text, as Kusto reads CSV (the first record being
 * data unless `ignoreFirstRecord=true`), by name for other files; missing ones are null (`""` for
 * strings), other types converted. Several URLs are several files of one table: each is supplied
 * the same way, and their rows are read one file after the other.
 * Without a file the translation fails with an error naming the URL, its detail
 * (`externaldata-needs-file`, src/errors.ts) giving the URL and the declared columns.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, sqlStorageType } from '../../schema/kql-types.ts';
import type { SuppliedExternalData } from '../api.ts';
import { toStringSql } from '../convert.ts';
import { quoteIdent, sqlString } from '../sql.ts';
import { elementsOf } from '../syntax/kusto-language.ts';
import { rowSchema } from '../syntax/lower-clauses.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { defineSource } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

export const EXTERNALDATA = defineSource({
  kind: 'externaldata',
  syntax: ['ExternalDataExpression'],
  lower(node: Kusto.Language.Syntax.ExternalDataExpression, l) {
    l.rejectOtherParameters(l.parameters(node.Parameters), ['kind'], 'externaldata');
    const urls = elementsOf(node.URIs).map((u) => {
      const e = lowerExpr(u, l);
      if (e.kind !== 'literal' || e.type !== 'string')
        throw l.error('syntax', 'expected a URL string', e.span);
      return { text: String(e.value), span: e.span };
    });
    // with (format="csv", ignoreFirstRecord=true, …): the format is kept for messages, and whether
    // the first record is a header; the supplied file is already loaded as a table.
    const properties = elementsOf(node.WithClause?.Properties);
    const property = (name: string) =>
      properties.find((p) => l.nameOf(p.Name!).toLowerCase() === name.toLowerCase());
    const format = property('format');
    const ignoreFirstRecord = property('ignoreFirstRecord');
    return {
      kind: 'externaldata',
      columns: rowSchema(node.Schema, l),
      urls,
      ...(format && { format: l.parameterText(format.Expression!) }),
      ignoreFirstRecord:
        ignoreFirstRecord !== undefined &&
        l.parameterText(ignoreFirstRecord.Expression!).toLowerCase() === 'true',
      span: l.span(node),
    };
  },
  translate(src, ctx) {
    const columns: ColumnSchema[] = src.columns.map((c) => {
      const type = parseKqlType(c.type);
      if (!type) throw ctx.error('syntax', `unknown column type "${c.type}"`, c.span);
      return { name: c.name, type };
    });
    // Several URLs are several files of one table, read in their order (Kusto: the blobs of an
    // external table); each must be supplied, and the first that is not is the error.
    const out = sqlColumns(columns);
    const reads = src.urls.map((url) => {
      const supplied = ctx.options.externalData?.(url.text);
      if (!supplied) {
        // The detail carries the URL for the front ends' prompt (UI) and hint (CLI --external).
        throw ctx.error(
          'unknown-table',
          `externaldata needs the data of "${url.text}": Loupe cannot download it; supply a file for this URL`,
          url.span,
          {
            kind: 'externaldata-needs-file',
            url: url.text,
            columns,
            ...(src.format !== undefined && { format: src.format }),
          },
        );
      }
      if (!ctx.tables.includes(supplied.name)) ctx.tables.push(supplied.name);
      return readSupplied(supplied, columns, out, src.ignoreFirstRecord);
    });
    const sql = reads.length === 1 ? reads[0]! : reads.map((r) => `(${r})`).join(' UNION ALL ');
    const cte = ctx.addCte('externaldata', sql, src.span);
    return { cte, columns };
  },
});

/** One supplied file read as the declared columns (the rows of one URL). */
function readSupplied(
  supplied: SuppliedExternalData,
  columns: readonly ColumnSchema[],
  out: readonly string[],
  ignoreFirstRecord: boolean,
): string {
  const header = supplied.header;
  const select = columns.map((c, i) => {
    // Delimited text is read by position, as Kusto reads it. Other files by name: loading may
    // respell their fields (ingest PascalCases JSON fields with no catalog column: `values` →
    // `Values`), so a declared column falls back to a case-insensitive match.
    const positional = header?.[i]?.column;
    const have = header
      ? supplied.schema.columns.find((x) => x.name === positional)
      : (supplied.schema.columns.find((x) => x.name === c.name) ??
        supplied.schema.columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase()));
    const col = have ? quoteIdent(have.name) : 'NULL';
    let sql: string;
    if (!have) sql = c.type === 'string' ? `''` : `CAST(NULL AS ${sqlStorageType(c.type)})`;
    else if (have.type === c.type) sql = c.type === 'string' ? `coalesce(${col}, '')` : col;
    else if (c.type === 'string') sql = toStringSql({ sql: col, type: have.type });
    else if (c.type === 'dynamic' && have.type === 'string') sql = `kql_dyn_parse(${col})`;
    else
      sql = `TRY_CAST(${have.type === 'dynamic' ? `kql_dyn_tostring(${col})` : col} AS ${sqlStorageType(c.type)})`;
    return `${sql} AS ${out[i]}`;
  });
  let sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(supplied.name)}`;
  if (header && !ignoreFirstRecord) {
    // The loader took the first record for a header; without ignoreFirstRecord it is data.
    const first = columns.map((c, i) => {
      const text = header[i]?.text;
      const value =
        c.type === 'string'
          ? sqlString(text ?? '')
          : c.type === 'dynamic' && text !== undefined
            ? `kql_dyn_parse(${sqlString(text)})`
            : `TRY_CAST(${text === undefined ? 'NULL' : sqlString(text)} AS ${sqlStorageType(c.type)})`;
      return `${value} AS ${out[i]}`;
    });
    sql = `SELECT ${first.join(', ')} UNION ALL ${sql}`;
  }
  return sql;
}
