/**
 * The KQL front end (Kusto.Language, src/kql/syntax/) in Node: the time to load the library, the
 * first analysis (cold: Bridge.NET's runtime and the JIT warming up), then per published rule the
 * warm time to parse, bind and lower it and the whole translation to SQL.
 *
 *   npx tsx bench/kql-front-end.ts [REPS]
 *
 * Rules come from ../shared/rules/ when present, else from tests/fixtures/. Prints a table and
 * writes bench/results/kql-front-end.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';

const reps = Number(process.argv[2] ?? 20);
const root = join(import.meta.dirname, '..');

const t0 = performance.now();
const { kustoLanguage } = await import('../src/kql/syntax/kusto-language.ts');
kustoLanguage();
const loadMs = performance.now() - t0;
const { analyzeQuery } = await import('../src/kql/syntax/analyze.ts');
const { parseQuery } = await import('../src/kql/syntax/parse-query.ts');
const { translate } = await import('../src/kql/index.ts');
const { knownTable } = await import('../src/schema/catalog.ts');

const options = { resolveTable: knownTable };
const t1 = performance.now();
translate('print x = 1 | where x > 0 | summarize count() by x', options);
const coldMs = performance.now() - t1;

function ruleQueries(): { file: string; query: string }[] {
  const dirs = [
    join(root, '..', 'shared', 'rules', 'sentinel'),
    join(root, '..', 'shared', 'rules', 'sentinel-wide'),
    join(root, 'tests', 'fixtures', 'rules'),
  ];
  const out: { file: string; query: string }[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((x) => x.endsWith('.yaml'))) {
      try {
        const q = (parse(readFileSync(join(d, f), 'utf8')) as { query?: unknown }).query;
        if (typeof q === 'string') out.push({ file: f, query: q });
      } catch {
        // A rule broken as published: not a front-end measurement.
      }
    }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const rules = ruleQueries();
const analyse: number[] = [];
const lower: number[] = [];
const full: number[] = [];
let translated = 0;
for (const { query } of rules) {
  const a: number[] = [];
  const p: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < reps; i++) {
    let s = performance.now();
    try {
      analyzeQuery(query, options);
    } catch {
      break;
    }
    a.push(performance.now() - s);
    s = performance.now();
    parseQuery(query, options);
    p.push(performance.now() - s);
    s = performance.now();
    try {
      translate(query, options);
      f.push(performance.now() - s);
    } catch {
      // Rules Loupe cannot translate yet still measure the front end.
    }
  }
  if (a.length) analyse.push(median(a));
  if (p.length) lower.push(median(p));
  if (f.length) {
    full.push(median(f));
    translated++;
  }
}

const result = {
  node: process.version,
  loadMs: Math.round(loadMs),
  firstTranslationMs: Math.round(coldMs),
  rules: rules.length,
  translated,
  warm: {
    parseAndBindMedianMs: +median(analyse).toFixed(2),
    parseBindLowerMedianMs: +median(lower).toFixed(2),
    parseBindLowerMaxMs: +Math.max(...lower).toFixed(2),
    translateMedianMs: full.length ? +median(full).toFixed(2) : null,
    translateMaxMs: full.length ? +Math.max(...full).toFixed(2) : null,
  },
};
console.log(
  `Kusto.Language loaded in ${result.loadMs} ms; first translation ${result.firstTranslationMs} ms`,
);
console.log(
  `${rules.length} rules (${translated} translate), warm medians over ${reps} runs each:`,
);
console.log(`  parse + bind        ${result.warm.parseAndBindMedianMs} ms`);
console.log(
  `  + lower to the AST  ${result.warm.parseBindLowerMedianMs} ms (max ${result.warm.parseBindLowerMaxMs} ms)`,
);
console.log(
  `  whole translation   ${result.warm.translateMedianMs} ms (max ${result.warm.translateMaxMs} ms)`,
);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'kql-front-end.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
