/**
 * Deciding, before any row is loaded, which table a file fills and how each of its fields maps onto
 * that table's columns (with the analyst's overrides). Shared by loadFile and previewFile, so that
 * what the UI shows is exactly what the load does.
 */
import { knownTable } from '../schema/catalog.ts';
import type { LoadOptions } from './api.ts';
import { planColumns, type ColumnMapping } from './column-mapping.ts';
import type { Wrapping } from './decode.ts';
import { ingestError } from './errors.ts';
import type { RawRelation } from './raw-relation.ts';
import { resolveTableName, type TableNameSource } from './table-name.ts';

export interface LoadPlan {
  readonly target: string;
  readonly nameSource: TableNameSource;
  /** The table the file names itself (Type column or record shape), if any. */
  readonly typeValue: string | undefined;
  readonly mapping: ColumnMapping[];
  readonly warnings: string[];
  /** e.g. 'la-portal-csv', 'graph-json+gzip'. */
  readonly format: string;
}

export function planLoad(
  file: string,
  raw: RawRelation,
  unwrapped: readonly Wrapping[],
  options: LoadOptions,
): LoadPlan {
  const typeValue = raw.firstTypeValue();
  const { name: target, source: nameSource } = resolveTableName(file, options.table, typeValue);
  const warnings: string[] = [...raw.warnings];
  const format = unwrapped.includes('gzip') ? `${raw.format}+gzip` : raw.format;
  if (nameSource === 'option' && typeValue && typeValue !== target) {
    warnings.push(`${file}: its Type column says ${typeValue}; loaded into ${target} as chosen.`);
  }
  const catalog = knownTable(target);
  if (!catalog)
    warnings.push(
      `${target} is not in Loupe's schema catalog: its columns are typed from the file (${raw.format}).`,
    );
  const mapping = planColumns(file, raw.fields, catalog, options.columns);
  if (
    catalog &&
    !mapping.some(
      (m) =>
        (m.origin === 'catalog' ||
          (m.origin === 'override' && catalog.columns.some((c) => c.name === m.column))) &&
        m.column !== 'Type' &&
        m.column !== 'TenantId',
    )
  ) {
    throw ingestError(
      'other-table',
      file,
      `none of its columns (${mapping
        .slice(0, 5)
        .map((m) => m.column)
        .join(
          ', ',
        )}${mapping.length > 5 ? ', …' : ''}) is a column of ${target}; expected a ${target} export such as ${catalog.columns
        .slice(0, 3)
        .map((c) => c.name)
        .join(', ')}, … Choose the table this file belongs to.`,
    );
  }
  if (
    typeValue &&
    typeValue !== target &&
    nameSource === 'option' &&
    (options.mode ?? 'replace') === 'append'
  ) {
    throw ingestError(
      'other-table',
      file,
      `${file} holds ${typeValue} records (its Type column); expected ${target} records to append to ${target}.`,
    );
  }
  return { target, nameSource, typeValue, mapping, warnings, format };
}
