/**
 * Translate-only sweep of the Kusto documentation examples the harvest left out as
 * `needs-cluster` (tests/fixtures/kql-reference/_harvest.json): they query the documentation's
 * sample-cluster tables, whose data Loupe does not have, so their results cannot be checked, but
 * each must still translate. Each example's KQL is read again from its page (the id is
 * `<page-stem>-NN`, NN counting the page's ```` ```kusto ```` blocks from 00, as the harvest counts
 * them) and translated with the sample tables' schemas below (from the pages and the help
 * cluster's Samples database). Examples naming cluster()/database() or holding a management
 * command are skipped; failures are grouped by message (docs/conformance.md, "Sample-cluster
 * examples").
 *
 *   npx tsx scripts/sweep-needs-cluster.ts [--repo PATH] [--json FILE]
 *
 * PATH: a clone (bare is fine) of MicrosoftDocs/dataexplorer-docs, as for the harvest script.
 * `--json` writes every example's status and message.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { codeBlocks } from '../src/conformance/reference/markdown.ts';
import { translate } from '../src/kql/index.ts';
import type { TableSchema } from '../src/schema/catalog.ts';
import { parseKqlType } from '../src/schema/kql-types.ts';

/** The commit scripts/harvest-kql-reference.ts reads. */
const COMMIT = '1bbb122cebcea58faa906a914030367551762a8c';
const QUERY_DIR = 'data-explorer/kusto/query/';
const HARVEST = resolve(import.meta.dirname, '..', 'tests/fixtures/kql-reference/_harvest.json');

const SCHEMAS: Readonly<Record<string, string>> = {
  StormEvents:
    'StartTime:datetime,EndTime:datetime,EpisodeId:int,EventId:int,State:string,EventType:string,InjuriesDirect:int,InjuriesIndirect:int,DeathsDirect:int,DeathsIndirect:int,DamageProperty:int,DamageCrops:int,Source:string,BeginLocation:string,EndLocation:string,BeginLat:real,BeginLon:real,EndLat:real,EndLon:real,EpisodeNarrative:string,EventNarrative:string,StormSummary:dynamic',
  PopulationData: 'State:string,Population:long',
  demo_make_series1: 'TimeStamp:datetime,BrowserVer:string,OsVer:string,Country:string',
  demo_make_series2: 'TimeStamp:datetime,sid:string,num:real',
  demo_many_series1: 'TIMESTAMP:datetime,Loc:string,Op:string,DB:string,DataRead:long',
  demo_clustering1:
    'PreciseTimeStamp:datetime,Region:string,ScaleUnit:string,DeploymentId:string,Tracepoint:string,ServiceHost:string',
  demo_series3: 't:dynamic,num:dynamic',
  nyc_taxi:
    'vendor_id:string,pickup_datetime:datetime,dropoff_datetime:datetime,passenger_count:int,trip_distance:real,pickup_longitude:real,pickup_latitude:real,dropoff_longitude:real,dropoff_latitude:real,fare_amount:real,tip_amount:real,total_amount:real,payment_type:string',
  ConferenceSessions:
    'conference:string,sessionid:string,session_title:string,session_type:string,owner:string,participants:string,URL:string,level:int,session_location:string,starttime:datetime,duration:int,time_and_duration:string,kusto_affinity:string',
  US_States: 'features:dynamic',
  US_Counties: 'features:dynamic',
  NY_Manhattan_Roads: 'features:dynamic',
};

function schema(name: string): TableSchema | undefined {
  const columns = SCHEMAS[name];
  if (!columns) return undefined;
  return {
    name,
    columns: columns.split(',').map((pair) => {
      const [column, type] = pair.split(':') as [string, string];
      return { name: column, type: parseKqlType(type)! };
    }),
  };
}

type Status = 'translated' | 'failed' | 'failed-no-schema' | 'skipped-cross-database';
interface Outcome {
  readonly id: string;
  readonly tables: string;
  readonly status: Status;
  readonly message?: string;
}

function main(): void {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const repo = option('--repo') ?? '/work/.mirror/MicrosoftDocs+dataexplorer-docs/repo';
  const harvest = JSON.parse(readFileSync(HARVEST, 'utf8')) as {
    skipped: { id: string; reason: string; detail?: string }[];
  };
  const pages = new Map<string, string[]>();
  const kustoBlocks = (stem: string) => {
    let blocks = pages.get(stem);
    if (!blocks) {
      const md = execFileSync('git', [
        '--git-dir',
        repo,
        'show',
        `${COMMIT}:${QUERY_DIR}${stem}.md`,
      ]);
      blocks = codeBlocks(md.toString())
        .filter((b) => b.lang === 'kusto')
        .map((b) => b.code.replace(/\s+$/, ''));
      pages.set(stem, blocks);
    }
    return blocks;
  };

  const outcomes: Outcome[] = [];
  for (const s of harvest.skipped.filter((x) => x.reason === 'needs-cluster')) {
    const kql = kustoBlocks(s.id.slice(0, -3))[Number(s.id.slice(-2))]!;
    const tables = s.detail ?? '';
    if (/\b(?:cluster|database)\s*\(/i.test(kql) || /^\s*\./m.test(kql)) {
      outcomes.push({ id: s.id, tables, status: 'skipped-cross-database' });
      continue;
    }
    try {
      // Plugins whose columns depend on the data (bag_unpack, pivot) see no rows.
      translate(kql, { resolveTable: schema, discoverRows: () => [] });
      outcomes.push({ id: s.id, tables, status: 'translated' });
    } catch (e) {
      const known = tables.split(/,\s*/).every((t) => SCHEMAS[t]);
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      outcomes.push({ id: s.id, tables, status: known ? 'failed' : 'failed-no-schema', message });
    }
  }

  const count = (status: Status) => outcomes.filter((o) => o.status === status).length;
  console.log(
    `${outcomes.length} needs-cluster examples: ${count('translated')} translated, ${count('failed')} failed, ` +
      `${count('failed-no-schema')} failed naming a table without a schema here, ${count('skipped-cross-database')} skipped (cluster()/database()/management command)`,
  );
  const groups = new Map<string, string[]>();
  for (const o of outcomes.filter((x) => x.status === 'failed')) {
    const key = o.message!.replace(/ \(line \d+, column \d+\)/g, '');
    groups.set(key, [...(groups.get(key) ?? []), o.id]);
  }
  for (const [message, ids] of [...groups].sort((a, b) => b[1].length - a[1].length))
    console.log(`${ids.length}\t${message.slice(0, 200)}\n\t${ids.join(' ')}`);
  const json = option('--json');
  if (json) writeFileSync(json, `${JSON.stringify(outcomes, null, 1)}\n`);
}

main();
