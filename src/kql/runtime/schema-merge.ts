/**
 * schema_merge's merge (plugins/schema-merge.ts, Kusto docs schema-merge-plugin.md): the input is
 * getschema rows of several schemas one after another (a schema starts where ColumnOrdinal falls
 * back); columns are joined by name and their types reduced to a common one (int < long < real
 * widen; other differences are an error entry). With PreserveOrder a column must keep the ordinal
 * of the first schema it appeared in, else it is an error entry (ordinal -1) after the others, as
 * the page's second example shows; without it the columns take the order of the latest schema
 * holding them (the page's third example: Uri, Referrer, HttpStatus).
 */
import { udf } from './udf.ts';

type Row = [name: string, ordinal: number, dataType: string, columnType: string];

const WIDENING = ['int', 'long', 'real'];
const DOTNET: Record<string, string> = {
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
};

interface Merged {
  name: string;
  dataType: string;
  columnType: string;
  /** Ordinal in the first schema holding it, and in the latest. */
  first: number;
  latest: number;
  seen: number;
  error?: string;
}

function reduce(a: Merged, r: Row): void {
  if (a.error || a.columnType === r[3]) return;
  const i = WIDENING.indexOf(a.columnType);
  const j = WIDENING.indexOf(r[3]);
  if (i >= 0 && j >= 0) {
    const t = WIDENING[Math.max(i, j)]!;
    a.columnType = t;
    a.dataType = DOTNET[t]!;
  } else a.error = 'column types are incompatible';
}

export function schemaMerge(rowsText: string | null, preserveOrder: number | null): string | null {
  if (rowsText === null) return null;
  const rows = JSON.parse(rowsText) as Row[];
  const byName = new Map<string, Merged>();
  let schema = 0;
  let previous = Infinity;
  rows.forEach((r) => {
    if (r[1] <= previous && previous !== Infinity) schema++;
    previous = r[1];
    const m = byName.get(r[0]);
    if (!m) {
      byName.set(r[0], {
        name: r[0],
        dataType: r[2],
        columnType: r[3],
        first: r[1],
        latest: r[1] + schema * 1e6,
        seen: byName.size,
      });
      return;
    }
    reduce(m, r);
    if (preserveOrder && r[1] !== m.first) m.error ??= 'columns are out of order';
    m.latest = r[1] + schema * 1e6;
  });
  const all = [...byName.values()];
  const ok = all.filter((m) => !m.error);
  if (!preserveOrder)
    ok.sort(
      (a, b) => (a.latest % 1e6) - (b.latest % 1e6) || b.latest - a.latest || a.seen - b.seen,
    );
  const out: Row[] = ok.map((m, k) => [m.name, k, m.dataType, m.columnType]);
  for (const m of all)
    if (m.error)
      out.push([m.name, -1, `ERROR(unknown CSL type:ERROR(${m.error}))`, `ERROR(${m.error})`]);
  return JSON.stringify(out);
}

export const SCHEMA_MERGE = udf('kql_schema_merge', ['VARCHAR', 'INTEGER'], 'VARCHAR', schemaMerge);
