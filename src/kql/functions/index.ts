/**
 * The function registry: every family's entries, looked up by name (KQL names are case-sensitive).
 * A name the registry lacks is looked up in the refused built-ins (../catalog/refusals.ts), whose
 * calls fail with their typed reason.
 *
 * How to add a built-in (docs/kql-coverage.md lists every one still missing):
 * 1. Read its page in the Kusto documentation and its entry in src/kql/catalog/kusto-builtins.json
 *    (signatures, result type). Kusto's semantics are the target, not what a test happens to show.
 * 2. Run its reference examples: `npm run --silent loupe -- reference --filter <page-stem> --details`
 *    (the page's examples with their documented tables, tests/fixtures/kql-reference/).
 * 3. Implement it:
 *    - scalar function: an entry in the family file of this folder (`{ name, aliases, minArgs,
 *      maxArgs, translate(args, site) }`; arguments arrive translated and typed: `expectType`,
 *      `site.fail`), listed in SCALARS below; SQL where SQL can do it, else a UDF declared once in
 *      ../runtime/ and used by import;
 *    - aggregate: an entry in aggregates.ts (`defaultName` gives Kusto's automatic column name);
 *    - window function: ../window.ts; operator: a module of ../operators/ listed in its table;
 *      plugin: a module listed with the `evaluate` plugins (their files' comments say how).
 *    Or, when Loupe cannot give Kusto's answer by design, refuse it: add it to
 *    ../catalog/refusals.ts under a reason (a new reason is documented in docs/kql.md's "Refused
 *    built-ins" first). "Not done yet" is not a reason: that is the coverage table's "missing".
 * 4. Pin its semantics with trap tests (tests/unit/kql/functions-<family>.test.ts: KQL → rows).
 * 5. `npm run --silent loupe -- reference --update-known-failures` (its examples leave the list),
 *    `npm run --silent loupe -- conformance --update-known-failures`, then regenerate the table:
 *    `npx tsx scripts/kql-coverage.ts`. Its row must read "implemented": an example of its page
 *    with a documented result passes (tests/unit/kql/catalog.test.ts checks it).
 * 6. Update docs/kql.md where it lists what is supported, and commit the lists with the change.
 */
import { AGGREGATE_FUNCTIONS } from './aggregates.ts';
import { MORE_AGGREGATES } from './aggregates-more.ts';
import { CONVERSION_FUNCTIONS } from './conversion.ts';
import { DATETIME_FUNCTIONS } from './datetime.ts';
import { ARRAY_FUNCTIONS, DYNAMIC_FUNCTIONS } from './dynamic.ts';
import { IP_FUNCTIONS } from './ip.ts';
import { LOGIC_FUNCTIONS } from './logic.ts';
import { MATH_FUNCTIONS } from './math.ts';
import { SERIES_ELEMENTWISE_FUNCTIONS, SERIES_FUNCTIONS } from './series.ts';
import type { AggregateFunction, ScalarFunction } from './registry.ts';
import { STRING_FUNCTIONS, TEXT_FUNCTIONS } from './strings.ts';
import { UNIT_FUNCTIONS } from './units.ts';
import { SERIES_FILTER_FUNCTIONS } from './series-filters.ts';
import { COMPRESSION_FUNCTIONS } from './compression.ts';
import { GEO_FUNCTIONS } from './geo.ts';
import { TDIGEST_FUNCTIONS } from './tdigest-more.ts';
import { GEO_CELL_FUNCTIONS } from './geo-cells.ts';
import { XML_FUNCTIONS } from './xml.ts';
import { SERIES_ANALYSIS_FUNCTIONS } from './series-analysis.ts';
import { GEO_SHAPE_FUNCTIONS } from './geo-shapes.ts';
import { GEO_OPS_FUNCTIONS } from './geo-ops.ts';
import { GEOIP_FUNCTIONS } from './geoip.ts';
import { USER_AGENT_FUNCTIONS } from './user-agent.ts';
import { refusedAggregateFunction, refusedScalarFunction } from '../catalog/refuse.ts';

export type { AggregateFunction, CallSite, ScalarFunction } from './registry.ts';

function byName<T extends { name: string; aliases?: readonly string[] }>(
  entries: readonly T[],
): Map<string, T> {
  const m = new Map<string, T>();
  for (const e of entries) {
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      if (m.has(n)) throw new Error(`KQL function registry: "${n}" is defined twice`);
      m.set(n, e);
    }
  }
  return m;
}

const SCALARS = byName([
  ...STRING_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...DYNAMIC_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...SERIES_FUNCTIONS,
  ...SERIES_ELEMENTWISE_FUNCTIONS,
  ...IP_FUNCTIONS,
  ...UNIT_FUNCTIONS,
  ...SERIES_FILTER_FUNCTIONS,
  ...COMPRESSION_FUNCTIONS,
  ...GEO_FUNCTIONS,
  ...TDIGEST_FUNCTIONS,
  ...GEO_CELL_FUNCTIONS,
  ...XML_FUNCTIONS,
  ...SERIES_ANALYSIS_FUNCTIONS,
  ...GEO_SHAPE_FUNCTIONS,
  ...GEO_OPS_FUNCTIONS,
  ...GEOIP_FUNCTIONS,
  ...USER_AGENT_FUNCTIONS,
]);
const AGGREGATES = byName([...AGGREGATE_FUNCTIONS, ...MORE_AGGREGATES]);

/**
 * The scalar function called `name`: the registry's, else — for a Kusto built-in Loupe refuses by
 * design (../catalog/refusals.ts) — an entry whose translation throws the typed refusal.
 */
export function scalarFunction(name: string): ScalarFunction | undefined {
  return SCALARS.get(name) ?? refusedScalarFunction(name);
}

export function aggregateFunction(name: string): AggregateFunction | undefined {
  return AGGREGATES.get(name) ?? refusedAggregateFunction(name);
}

/** Every scalar function name the registry translates, aliases included (for the coverage table). */
export function scalarFunctionNames(): string[] {
  return [...SCALARS.keys()];
}

/** Every aggregate name the registry translates, aliases included (for the coverage table). */
export function aggregateFunctionNames(): string[] {
  return [...AGGREGATES.keys()];
}
