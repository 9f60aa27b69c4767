/**
 * The conformance corpus: KQL examples from the Kusto documentation, each with the columns, column
 * types and rows that the real Kusto engine returned (tests/conformance/cases.json).
 */
import { LoupeError } from '../errors.ts';
import { parseJsonLossless } from './lossless-json.ts';

/** Kusto's CLR type names as the engine reports them (`SByte` is bool, `Object` is dynamic). */
export type KustoType =
  | 'Object'
  | 'String'
  | 'Int64'
  | 'Double'
  | 'SByte'
  | 'DateTime'
  | 'Int32'
  | 'TimeSpan'
  | 'Guid'
  | 'SqlDecimal';

const KUSTO_TYPES: readonly string[] = [
  'Object',
  'String',
  'Int64',
  'Double',
  'SByte',
  'DateTime',
  'Int32',
  'TimeSpan',
  'Guid',
  'SqlDecimal',
];

/** What Kusto returned. Integers beyond ±2^53 are kept exact as BigInt (see lossless-json.ts). */
export interface ExpectedResult {
  readonly columns: readonly string[];
  readonly columnTypes: readonly KustoType[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface ConformanceCase {
  readonly id: string;
  /** The documentation page the example comes from. */
  readonly source: string;
  readonly kql: string;
  /** Operators and functions the example uses, as the corpus tags them. */
  readonly operators: readonly string[];
  readonly functions: readonly string[];
  readonly expected: ExpectedResult;
}

function corpusError(file: string, message: string): LoupeError {
  return new LoupeError('cli', 'corpus', message, { file });
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Parses and validates the corpus file; a malformed case is an error naming it. */
export function parseCases(text: string, file: string): ConformanceCase[] {
  let doc: unknown;
  try {
    doc = parseJsonLossless(text);
  } catch (e) {
    throw corpusError(file, `${file} is not valid JSON: ${(e as Error).message}`);
  }
  const list = (doc as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(list))
    throw corpusError(file, `${file}: expected an object with a "cases" array`);
  const seen = new Set<string>();
  return list.map((raw: unknown, i): ConformanceCase => {
    const c = raw as Record<string, unknown>;
    const id = typeof c?.id === 'string' ? c.id : `#${i}`;
    const bad = (what: string) => corpusError(file, `${file}: case ${id}: ${what}`);
    if (typeof c?.id !== 'string' || !c.id) throw bad('missing "id"');
    if (seen.has(id)) throw bad('duplicate id');
    seen.add(id);
    if (typeof c.kql !== 'string') throw bad('missing "kql"');
    const tags = (c.tags ?? {}) as Record<string, unknown>;
    const operators = tags.operators ?? [];
    const functions = tags.functions ?? [];
    if (!stringList(operators) || !stringList(functions))
      throw bad('"tags.operators" and "tags.functions" must be lists of names');
    const e = c.expected as Record<string, unknown> | undefined;
    if (!e || !stringList(e.columns) || !stringList(e.column_types) || !Array.isArray(e.rows)) {
      throw bad('"expected" needs "columns", "column_types" and "rows"');
    }
    if (e.columns.length !== e.column_types.length)
      throw bad('"columns" and "column_types" differ in length');
    const unknownType = e.column_types.find((t) => !KUSTO_TYPES.includes(t));
    if (unknownType !== undefined) throw bad(`unknown column type "${unknownType}"`);
    const rows = e.rows as unknown[];
    const width = e.columns.length;
    rows.forEach((r, n) => {
      if (!Array.isArray(r) || r.length !== width)
        throw bad(`row ${n} does not have ${width} cells`);
    });
    return {
      id,
      source: typeof c.source === 'string' ? c.source : '',
      kql: c.kql,
      operators,
      functions,
      expected: {
        columns: e.columns,
        columnTypes: e.column_types as KustoType[],
        rows: rows as unknown[][],
      },
    };
  });
}
