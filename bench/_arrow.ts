import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { typedSelectSql, readerTypingOf } from '../src/ingest/typed-staging.ts';
import { guessedCsvRange } from '../src/ingest/csv-parts.ts';
import { sourceOfBytes } from '../src/ingest/decode.ts';
const require = createRequire(import.meta.url);
async function mk() {
  const duckdb = require('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  const id = conn.useUnsafe((_: any, id: number) => id);
  return { db, conn, id };
}
const A = await mk();
const B = await mk();
const bytes = readFileSync(process.argv[2]!);
const src = sourceOfBytes('f', bytes);
const r0 = await guessedCsvRange(src, 0);
const r1 = await guessedCsvRange(src, r0.end);
const header = [
  'TimeGenerated [UTC]',
  'IPAddress',
  'UserPrincipalName',
  'UserDisplayName',
  'UserId',
  'AppDisplayName',
  'AppId',
  'ResultType',
  'ResultDescription',
  'DurationMs',
  'CreatedDateTime [UTC]',
  'IsInteractive',
  'LocationDetails',
  'DeviceDetail',
  'Status',
  'RiskLevelDuringSignIn',
  'UserAgent',
  'CorrelationId',
  'Id',
  'Type',
];
const types: any = { 0: 'datetime', 9: 'long', 10: 'datetime', 11: 'bool' };
const mapping = header.map((h, i) => ({
  index: i,
  column: h.replace(' [UTC]', ''),
  type: types[i] ?? 'string',
  source: h,
}));
const F = '%m/%d/%Y, %I:%M:%S.%g %p';
const formats = new Map([
  [0, F],
  [10, F],
]);
const typed = readerTypingOf(formats)!;
const cols = (t: boolean) =>
  `{${header.map((_, i) => `'c${i}': '${t && typed.fields.has(i) ? 'TIMESTAMP' : 'VARCHAR'}'`).join(', ')}}`;
const rc = (name: string, hdr: boolean) =>
  `read_csv('${name}', header = ${hdr}, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${cols(true)}, timestampformat = '${F}', new_line = '\\n')`;
A.db.registerFileBuffer('p0.csv', bytes.subarray(r0.start, r0.end));
B.db.registerFileBuffer('p1.csv', bytes.subarray(r1.start, r1.end));
let t = performance.now();
A.db.runQuery(
  A.id,
  `CREATE TABLE s AS ${typedSelectSql({ fromSql: rc('p0.csv', true) } as any, mapping as any, formats, typed)}`,
);
console.log('A part0 create', ((performance.now() - t) / 1000).toFixed(2));
t = performance.now();
const ipc: Uint8Array = B.db.runQuery(
  B.id,
  typedSelectSql({ fromSql: rc('p1.csv', false) } as any, mapping as any, formats, typed),
);
console.log(
  'B part1 to IPC',
  ((performance.now() - t) / 1000).toFixed(2),
  'IPC MB',
  (ipc.byteLength / 1e6).toFixed(0),
);
t = performance.now();
A.db.insertArrowFromIPCStream(A.id, ipc, { name: 's', create: false });
console.log('A insert IPC', ((performance.now() - t) / 1000).toFixed(2));
t = performance.now();
A.db.runQuery(
  A.id,
  `INSERT INTO s ${typedSelectSql({ fromSql: rc('p0.csv', true) } as any, mapping as any, formats, typed)}`,
);
console.log('A part0 again insert from CSV', ((performance.now() - t) / 1000).toFixed(2));
console.log(
  new TextDecoder().decode(A.db.runQuery(A.id, 'SELECT count(*) FROM s').slice(0, 0)),
  'ok',
);
