/**
 * The `evaluate` plugins beyond bag_unpack/pivot: each with the examples of its Kusto reference
 * page and the documented results (where the page's input is given in full), else rows built to
 * follow the page's definitions, plus traps; and the refused plugins with their typed reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

const IP6_DATA = `let IP_Data = datatable(network:string, continent_code:string ,continent_name:string, country_iso_code:string, country_name:string)
[
  "2001:0db8:85a3::/48","NA","North America","US","United States",
  "2404:6800:4001::/48","AS","Asia","JP","Japan",
  "2a00:1450:4001::/48","EU","Europe","DE","Germany",
  "2800:3f0:4001::/48","SA","South America","BR","Brazil",
  "2c0f:fb50:4001::/48","AF","Africa","ZA","South Africa",
  "2607:f8b0:4001::/48","NA","North America","CA","Canada",
  "2a02:26f0:4001::/48","EU","Europe","FR","France",
  "2400:cb00:4001::/48","AS","Asia","IN","India",
  "2801:0db8:85a3::/48","SA","South America","AR","Argentina",
  "2a03:2880:4001::/48","EU","Europe","GB","United Kingdom"
];
let IPs = datatable(ip:string)
[
  "2001:0db8:85a3:0000:0000:8a2e:0370:7334", // United States
  "2404:6800:4001:0001:0000:8a2e:0370:7334", // Japan
  "2a02:26f0:4001:0006:0000:8a2e:0370:7334", // France
  "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd",  // N/A
  "a5e:f127:8a9d:146d:e102:b5d3:c755:abce"   // N/A
];
`;
const ip6 = (
  network: string,
  code: string,
  continent: string,
  iso: string,
  country: string,
  ip: string,
) => ({
  network,
  continent_code: code,
  continent_name: continent,
  country_iso_code: iso,
  country_name: country,
  ip,
});
const IP6_MATCHED = [
  ip6(
    '2001:0db8:85a3::/48',
    'NA',
    'North America',
    'US',
    'United States',
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
  ),
  ip6(
    '2404:6800:4001::/48',
    'AS',
    'Asia',
    'JP',
    'Japan',
    '2404:6800:4001:0001:0000:8a2e:0370:7334',
  ),
  ip6(
    '2a02:26f0:4001::/48',
    'EU',
    'Europe',
    'FR',
    'France',
    '2a02:26f0:4001:0006:0000:8a2e:0370:7334',
  ),
];
const IP6_COLUMNS =
  'network:string, continent_code:string, continent_name:string, country_iso_code:string, country_name:string, ip:string';

const SCHEMAS = (
  second: string,
) => `let schema1 = datatable(Uri:string, HttpStatus:int)[] | getschema;
let schema2 = datatable(${second})[] | getschema;
union schema1, schema2`;

const ROLLING = `let T =
    range idx from 0 to 24 * 10 - 1 step 1
    | project Timestamp = datetime(2018-01-01) + 1h * idx, val=idx + 1
    | extend EvenOrOdd = iff(val % 2 == 0, "Even", "Odd");
T`;
const day = (d: string) => `2018-01-${d}T00:00:00.000Z`;

/** new-activity-metrics-plugin.md's Users: users seen on each day of 2019-11-01 … 11-05. */
const USERS = `let Users = datatable(user:long, Timestamp:datetime)[
  0, datetime(2019-11-01), 2, datetime(2019-11-01), 3, datetime(2019-11-01), 4, datetime(2019-11-01),
  0, datetime(2019-11-02), 1, datetime(2019-11-02), 3, datetime(2019-11-02), 4, datetime(2019-11-02), 5, datetime(2019-11-02),
  0, datetime(2019-11-03), 2, datetime(2019-11-03), 4, datetime(2019-11-03), 5, datetime(2019-11-03),
  0, datetime(2019-11-04), 1, datetime(2019-11-04), 2, datetime(2019-11-04), 3, datetime(2019-11-04),
  0, datetime(2019-11-05), 1, datetime(2019-11-05), 2, datetime(2019-11-05), 3, datetime(2019-11-05), 4, datetime(2019-11-05)];
`;
const nov = (d: number) => `2019-11-0${d}T00:00:00.000Z`;
const nam = (f: number, t: number, fresh: number, kept: number, churn: number, rate: number) => ({
  from_Timestamp: nov(f),
  to_Timestamp: nov(t),
  dcount_new_values: fresh,
  dcount_retained_values: kept,
  dcount_churn_values: churn,
  retention_rate: rate,
  churn_rate: 1 - rate,
});

const REFERENCE: TableCase[] = [
  {
    rule: 'ipv6-lookup-plugin.md "matching rows only": the lookup columns first, then the input',
    kql: `${IP6_DATA}IPs | evaluate ipv6_lookup(IP_Data, ip, network)`,
    columns: IP6_COLUMNS,
    rows: IP6_MATCHED,
  },
  {
    rule: 'ipv6-lookup-plugin.md "both matching and nonmatching rows" (return_unmatched as a bare true): unmatched lookup strings are empty',
    kql: `${IP6_DATA}IPs | evaluate ipv6_lookup(IP_Data, ip, network, true)`,
    columns: IP6_COLUMNS,
    rows: [
      ...IP6_MATCHED,
      ip6('', '', '', '', '', 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd'),
      ip6('', '', '', '', '', 'a5e:f127:8a9d:146d:e102:b5d3:c755:abce'),
    ],
  },
  {
    rule: 'rows-near-plugin.md: 2 rows before and after the Error row, in order',
    kql: `datatable (Timestamp:datetime, Value:long, State:string )
[
    datetime(2021-06-01), 1, "Success",
    datetime(2021-06-02), 4, "Success",
    datetime(2021-06-03), 3, "Success",
    datetime(2021-06-04), 11, "Success",
    datetime(2021-06-05), 15, "Success",
    datetime(2021-06-06), 2, "Success",
    datetime(2021-06-07), 19, "Error",
    datetime(2021-06-08), 12, "Success",
    datetime(2021-06-09), 7, "Success",
    datetime(2021-06-10), 9, "Success",
    datetime(2021-06-11), 4, "Success",
    datetime(2021-06-12), 1, "Success",
]
| sort by Timestamp asc
| evaluate rows_near(State == "Error", 2)`,
    columns: 'Timestamp:datetime, Value:long, State:string',
    rows: [
      { Timestamp: '2021-06-05T00:00:00.000Z', Value: 15, State: 'Success' },
      { Timestamp: '2021-06-06T00:00:00.000Z', Value: 2, State: 'Success' },
      { Timestamp: '2021-06-07T00:00:00.000Z', Value: 19, State: 'Error' },
      { Timestamp: '2021-06-08T00:00:00.000Z', Value: 12, State: 'Success' },
      { Timestamp: '2021-06-09T00:00:00.000Z', Value: 7, State: 'Success' },
    ],
    ordered: true,
  },
  {
    rule: 'schema-merge-plugin.md: a schema with a new column appended',
    kql: `${SCHEMAS('Uri:string, HttpStatus:int, Referrer:string')} | evaluate schema_merge()`,
    columns: 'ColumnName:string, ColumnOrdinal:long, DataType:string, ColumnType:string',
    rows: [
      { ColumnName: 'Uri', ColumnOrdinal: 0, DataType: 'System.String', ColumnType: 'string' },
      { ColumnName: 'HttpStatus', ColumnOrdinal: 1, DataType: 'System.Int32', ColumnType: 'int' },
      { ColumnName: 'Referrer', ColumnOrdinal: 2, DataType: 'System.String', ColumnType: 'string' },
    ],
    ordered: true,
  },
  {
    rule: 'schema-merge-plugin.md: a column out of order is an error entry (ordinal -1) after the others',
    kql: `${SCHEMAS('Uri:string, Referrer:string, HttpStatus:int')} | evaluate schema_merge()`,
    columns: 'ColumnName:string, ColumnOrdinal:long, DataType:string, ColumnType:string',
    rows: [
      { ColumnName: 'Uri', ColumnOrdinal: 0, DataType: 'System.String', ColumnType: 'string' },
      { ColumnName: 'Referrer', ColumnOrdinal: 1, DataType: 'System.String', ColumnType: 'string' },
      {
        ColumnName: 'HttpStatus',
        ColumnOrdinal: -1,
        DataType: 'ERROR(unknown CSL type:ERROR(columns are out of order))',
        ColumnType: 'ERROR(columns are out of order)',
      },
    ],
    ordered: true,
  },
  {
    rule: 'schema-merge-plugin.md: PreserveOrder = false takes the later order',
    kql: `${SCHEMAS('Uri:string, Referrer:string, HttpStatus:int')} | evaluate schema_merge(PreserveOrder = false)`,
    columns: 'ColumnName:string, ColumnOrdinal:long, DataType:string, ColumnType:string',
    rows: [
      { ColumnName: 'Uri', ColumnOrdinal: 0, DataType: 'System.String', ColumnType: 'string' },
      { ColumnName: 'Referrer', ColumnOrdinal: 1, DataType: 'System.String', ColumnType: 'string' },
      { ColumnName: 'HttpStatus', ColumnOrdinal: 2, DataType: 'System.Int32', ColumnType: 'int' },
    ],
    ordered: true,
  },
  {
    rule: 'activity-counts-metrics-plugin.md: count, dcount, new_dcount and aggregated_dcount per day',
    kql: `let start=datetime(2017-08-01);
let end=datetime(2017-08-04);
let window=1d;
let T = datatable(UserId:string, Timestamp:datetime)
[
'A', datetime(2017-08-01), 'D', datetime(2017-08-01), 'J', datetime(2017-08-01), 'B', datetime(2017-08-01),
'C', datetime(2017-08-02), 'T', datetime(2017-08-02), 'J', datetime(2017-08-02),
'H', datetime(2017-08-03), 'T', datetime(2017-08-03), 'T', datetime(2017-08-03), 'J', datetime(2017-08-03), 'B', datetime(2017-08-03), 'S', datetime(2017-08-03),
'S', datetime(2017-08-04),
];
T | evaluate activity_counts_metrics(UserId, Timestamp, start, end, window)`,
    columns: 'Timestamp:datetime, count:long, dcount:long, new_dcount:long, aggregated_dcount:long',
    rows: [
      {
        Timestamp: '2017-08-01T00:00:00.000Z',
        count: 4,
        dcount: 4,
        new_dcount: 4,
        aggregated_dcount: 4,
      },
      {
        Timestamp: '2017-08-02T00:00:00.000Z',
        count: 3,
        dcount: 3,
        new_dcount: 2,
        aggregated_dcount: 6,
      },
      {
        Timestamp: '2017-08-03T00:00:00.000Z',
        count: 6,
        dcount: 5,
        new_dcount: 2,
        aggregated_dcount: 8,
      },
      {
        Timestamp: '2017-08-04T00:00:00.000Z',
        count: 1,
        dcount: 1,
        new_dcount: 0,
        aggregated_dcount: 8,
      },
    ],
  },
  {
    rule: 'sliding-window-counts-plugin.md: counts over the 3 days ending with each day (datetime(2017 - 08 - 01) as written there)',
    kql: `let start = datetime(2017 - 08 - 01);
let end = datetime(2017 - 08 - 07);
let lookbackWindow = 3d;
let bin = 1d;
let T = datatable(UserId: string, Timestamp: datetime)
    [
    'Bob', datetime(2017 - 08 - 01), 'David', datetime(2017 - 08 - 01), 'David', datetime(2017 - 08 - 01), 'John', datetime(2017 - 08 - 01), 'Bob', datetime(2017 - 08 - 01),
    'Ananda', datetime(2017 - 08 - 02), 'Atul', datetime(2017 - 08 - 02), 'John', datetime(2017 - 08 - 02),
    'Ananda', datetime(2017 - 08 - 03), 'Atul', datetime(2017 - 08 - 03), 'Atul', datetime(2017 - 08 - 03), 'John', datetime(2017 - 08 - 03), 'Bob', datetime(2017 - 08 - 03),
    'Betsy', datetime(2017 - 08 - 04),
    'Bob', datetime(2017 - 08 - 05),
];
T | evaluate sliding_window_counts(UserId, Timestamp, start, end, lookbackWindow, bin)`,
    columns: 'Timestamp:datetime, Count:long, Dcount:long',
    rows: [
      ['01', 5, 3],
      ['02', 8, 5],
      ['03', 13, 5],
      ['04', 9, 5],
      ['05', 7, 5],
      ['06', 2, 2],
      ['07', 1, 1],
    ].map(([d, c, dc]) => ({ Timestamp: `2017-08-${d}T00:00:00.000Z`, Count: c, Dcount: dc })),
  },
  {
    rule: 'rolling-percentile-plugin.md: 3-day rolling median per day',
    kql: `${ROLLING} | evaluate rolling_percentile(val, 50, Timestamp, 1d, 3)`,
    columns: 'Timestamp:datetime, rolling_3_percentile_val_50:long',
    rows: [
      [1, 12],
      [2, 24],
      [3, 36],
      [4, 60],
      [5, 84],
      [6, 108],
      [7, 132],
      [8, 156],
      [9, 180],
      [10, 204],
    ].map(([d, v]) => ({
      Timestamp: day(String(d).padStart(2, '0')),
      rolling_3_percentile_val_50: v,
    })),
  },
  {
    rule: 'rolling-percentile-plugin.md: by a dimension',
    kql: `${ROLLING} | evaluate rolling_percentile(val, 50, Timestamp, 1d, 3, EvenOrOdd)`,
    columns: 'Timestamp:datetime, EvenOrOdd:string, rolling_3_percentile_val_50:long',
    rows: [12, 24, 36, 60, 84, 108, 132, 156, 180, 204].flatMap((v, i) => [
      {
        Timestamp: day(String(i + 1).padStart(2, '0')),
        EvenOrOdd: 'Even',
        rolling_3_percentile_val_50: v,
      },
      {
        Timestamp: day(String(i + 1).padStart(2, '0')),
        EvenOrOdd: 'Odd',
        rolling_3_percentile_val_50: v - 1,
      },
    ]),
  },
  {
    rule: 'dcount-intersect-plugin.md: |S1|, |S1 ∩ S2|, |S1 ∩ S2 ∩ S3| of hll() sets',
    kql: `range x from 1 to 100 step 1
| extend isEven = (x % 2 == 0), isMod3 = (x % 3 == 0), isMod5 = (x % 5 == 0)
| summarize hll_even = hll(iif(isEven, x, 0), 2),
            hll_mod3 = hll(iif(isMod3, x, 0), 2),
            hll_mod5 = hll(iif(isMod5, x, 0), 2)
| evaluate dcount_intersect(hll_even, hll_mod3, hll_mod5)
| project evenNumbers = s0 - 1, even_and_mod3 = s1 - 1, even_and_mod3_and_mod5 = s2 - 1`,
    columns: 'evenNumbers:long, even_and_mod3:long, even_and_mod3_and_mod5:long',
    rows: [{ evenNumbers: 50, even_and_mod3: 16, even_and_mod3_and_mod5: 3 }],
  },
  {
    // The page ends the range at EndDate-1tick; Loupe's datetimes are microseconds (1tick rounds to 0,
    // docs/kql.md "Known divergences"), so the same bound is written EndDate-1ms here.
    rule: 'new-activity-metrics-plugin.md: the worked example, records R=1…11',
    kql: `${USERS}let StartDate = datetime(2019-11-01 00:00:00);
let EndDate = datetime(2019-11-07 00:00:00);
Users
| evaluate new_activity_metrics(user, Timestamp, StartDate, EndDate-1ms, 1d)
| where from_Timestamp < datetime(2019-11-03 00:00:00.0000000)`,
    columns:
      'from_Timestamp:datetime, to_Timestamp:datetime, dcount_new_values:long, dcount_retained_values:long, dcount_churn_values:long, retention_rate:real, churn_rate:real',
    rows: [
      nam(1, 1, 4, 4, 0, 1),
      nam(1, 2, 2, 3, 1, 0.75),
      nam(1, 3, 1, 3, 1, 0.75),
      nam(1, 4, 1, 3, 1, 0.75),
      nam(1, 5, 1, 4, 0, 1),
      nam(1, 6, 0, 0, 4, 0),
      nam(2, 2, 2, 2, 0, 1),
      nam(2, 3, 0, 1, 1, 0.5),
      nam(2, 4, 0, 1, 1, 0.5),
      nam(2, 5, 0, 1, 1, 0.5),
      nam(2, 6, 0, 0, 2, 0),
    ],
  },
  {
    rule: 'active-users-count-plugin.md: users seen on 3 distinct days within the 8 days before an appearance, per week',
    kql: `let Start = datetime(2018-07-01);
let End = datetime(2018-07-31);
let LookbackWindow = 8d;
let Period = 1d;
let ActivePeriods = 3;
let Bin = 7d;
let T =  datatable(User:string, Timestamp:datetime)
[
    "B",      datetime(2018-06-29),
    "B",      datetime(2018-06-30),
    "A",      datetime(2018-07-02),
    "B",      datetime(2018-07-04),
    "B",      datetime(2018-07-08),
    "A",      datetime(2018-07-10),
    "A",      datetime(2018-07-14),
    "A",      datetime(2018-07-17),
    "A",      datetime(2018-07-20),
    "B",      datetime(2018-07-24)
];
T | evaluate active_users_count(User, Timestamp, Start, End, LookbackWindow, Period, ActivePeriods, Bin)`,
    columns: 'Timestamp:datetime, dcount:long',
    rows: [
      { Timestamp: '2018-07-01T00:00:00.000Z', dcount: 1 },
      { Timestamp: '2018-07-15T00:00:00.000Z', dcount: 1 },
    ],
  },
];

/** The reference pages' definitions on small constructed inputs. */
const DEFINITIONS: TableCase[] = [
  {
    rule: 'basket: closed frequent patterns (threshold 0.3 of 6 rows), ordered by count × values; {NO} is absorbed by {NO, 0}',
    kql: `datatable(State:string, EventType:string, Damage:string, DamageCrops:int)
["TX","Hail","NO",0, "TX","Hail","NO",0, "OK","Hail","YES",5, "OK","Wind","YES",0, "KS","Hail","NO",0, "KS","Wind","NO",0]
| evaluate basket(0.3)`,
    columns:
      'SegmentId:long, Count:long, Percent:real, State:string, EventType:string, Damage:string, DamageCrops:int',
    rows: [
      [3, 'Hail', 'NO', 0],
      [4, '', 'NO', 0],
      [2, 'TX', 'Hail', 'NO', 0],
      [2, 'KS', '', 'NO', 0],
      [5, '', '', '', 0],
      [4, '', 'Hail', '', null],
      [2, 'OK', '', 'YES', null],
      [2, '', 'Wind', '', 0],
    ].map((r, i) => {
      const [count, ...rest] = r as [number, ...unknown[]];
      const [State, EventType, Damage, DamageCrops] = rest.length === 3 ? ['', ...rest] : rest;
      return {
        SegmentId: i,
        Count: count,
        Percent: (count * 100) / 6,
        State,
        EventType,
        Damage,
        DamageCrops,
      };
    }),
    ordered: true,
  },
  {
    rule: "basket: custom wildcards replace the defaults of their type ('*' for strings, int(-1))",
    kql: `datatable(State:string, EventType:string, DamageCrops:int)["TX","Hail",0, "TX","Hail",0, "OK","Wind",5]
| evaluate basket(0.5, '~', '~', '*', int(-1))`,
    columns:
      'SegmentId:long, Count:long, Percent:real, State:string, EventType:string, DamageCrops:int',
    rows: [
      {
        SegmentId: 0,
        Count: 2,
        Percent: (2 * 100) / 3,
        State: 'TX',
        EventType: 'Hail',
        DamageCrops: 0,
      },
    ],
    ordered: true,
  },
  {
    rule: 'basket with a weight column counts each row that many times; MaxDimensions caps the pattern size',
    kql: `datatable(a:string, b:string, w:long)["x","y",3, "x","z",1] | evaluate basket(0.5, w, 1)`,
    columns: 'SegmentId:long, Count:long, Percent:real, a:string, b:string, w:long',
    rows: [
      { SegmentId: 0, Count: 4, Percent: 100, a: 'x', b: '', w: null },
      { SegmentId: 1, Count: 3, Percent: 75, a: '', b: 'y', w: null },
    ],
    ordered: true,
  },
  {
    rule: 'sequence_detect: every combination of a heat step followed by a wildfire step within the windows, per state (the StormEvents example)',
    kql: `datatable(StartTime:datetime, EventType:string, State:string)
[
  datetime(2007-05-08), "Excessive Heat", "CALIFORNIA",
  datetime(2007-05-08 16:02), "Wildfire", "CALIFORNIA",
  datetime(2007-05-10 11:30), "Wildfire", "CALIFORNIA",
  datetime(2007-08-31 08:00), "Excessive Heat", "CALIFORNIA",
  datetime(2007-09-02 12:00), "Excessive Heat", "CALIFORNIA",
  datetime(2007-09-02 13:30), "Wildfire", "CALIFORNIA",
  datetime(2007-09-20), "Wildfire", "CALIFORNIA",
  datetime(2007-05-09), "Wildfire", "TEXAS",
]
| evaluate sequence_detect(StartTime, 5d, 5d, heat=(EventType == "Excessive Heat"), wildfire=(EventType == 'Wildfire'), State)`,
    columns:
      'State:string, heat_StartTime:datetime, wildfire_StartTime:datetime, Duration:timespan',
    rows: [
      {
        State: 'CALIFORNIA',
        heat_StartTime: '2007-05-08T00:00:00.000Z',
        wildfire_StartTime: '2007-05-08T16:02:00.000Z',
        Duration: '16:02:00',
      },
      {
        State: 'CALIFORNIA',
        heat_StartTime: '2007-05-08T00:00:00.000Z',
        wildfire_StartTime: '2007-05-10T11:30:00.000Z',
        Duration: '2.11:30:00',
      },
      {
        State: 'CALIFORNIA',
        heat_StartTime: '2007-08-31T08:00:00.000Z',
        wildfire_StartTime: '2007-09-02T13:30:00.000Z',
        Duration: '2.05:30:00',
      },
      {
        State: 'CALIFORNIA',
        heat_StartTime: '2007-09-02T12:00:00.000Z',
        wildfire_StartTime: '2007-09-02T13:30:00.000Z',
        Duration: '01:30:00',
      },
    ],
  },
  {
    rule: 'sequence_detect: three steps, the step window bounds each gap and the span the whole',
    kql: `datatable(t:long, e:string)[1, "a", 3, "b", 4, "c", 10, "b", 12, "c"] | evaluate sequence_detect(t, 2, 5, x=(e == "a"), y=(e == "b"), z=(e == "c"))`,
    columns: 'x_t:long, y_t:long, z_t:long, Duration:long',
    rows: [{ x_t: 1, y_t: 3, z_t: 4, Duration: 3 }],
  },
  {
    rule: 'activity_metrics: new ids against the previous window only; retention = (ids − new) / ids before; the first window 1/0',
    kql: `datatable(id:string, t:datetime)["a", datetime(2020-01-01), "b", datetime(2020-01-01), "a", datetime(2020-01-02), "c", datetime(2020-01-02), "b", datetime(2020-01-03)]
| evaluate activity_metrics(id, t, datetime(2020-01-01), datetime(2020-01-03), 1d)`,
    columns:
      't:datetime, dcount_values:long, dcount_newvalues:long, retention_rate:real, churn_rate:real',
    rows: [
      {
        t: '2020-01-01T00:00:00.000Z',
        dcount_values: 2,
        dcount_newvalues: 2,
        retention_rate: 1,
        churn_rate: 0,
      },
      {
        t: '2020-01-02T00:00:00.000Z',
        dcount_values: 2,
        dcount_newvalues: 1,
        retention_rate: 0.5,
        churn_rate: 0.5,
      },
      {
        t: '2020-01-03T00:00:00.000Z',
        dcount_values: 1,
        dcount_newvalues: 1,
        retention_rate: 0,
        churn_rate: 1,
      },
    ],
  },
  {
    rule: 'activity_engagement: DAU over distinct ids of the outer window ending that day',
    kql: `datatable(id:string, t:datetime)["a", datetime(2020-01-01), "b", datetime(2020-01-01), "a", datetime(2020-01-02), "c", datetime(2020-01-03), "d", datetime(2020-01-04)]
| evaluate activity_engagement(id, t, datetime(2020-01-01), datetime(2020-01-04), 1d, 2d)`,
    columns:
      't:datetime, dcount_activities_inner:long, dcount_activities_outer:long, activity_ratio:real',
    rows: [
      {
        t: '2020-01-01T00:00:00.000Z',
        dcount_activities_inner: 2,
        dcount_activities_outer: 2,
        activity_ratio: 1,
      },
      {
        t: '2020-01-02T00:00:00.000Z',
        dcount_activities_inner: 1,
        dcount_activities_outer: 2,
        activity_ratio: 0.5,
      },
      {
        t: '2020-01-03T00:00:00.000Z',
        dcount_activities_inner: 1,
        dcount_activities_outer: 2,
        activity_ratio: 0.5,
      },
      {
        t: '2020-01-04T00:00:00.000Z',
        dcount_activities_inner: 1,
        dcount_activities_outer: 2,
        activity_ratio: 0.5,
      },
    ],
  },
  {
    rule: 'funnel_sequence_completion: ids reaching each step within each period of their first step',
    kql: `datatable(id:string, t:datetime, s:string)
["u1", datetime(2020-01-01 00:00), "Hail", "u1", datetime(2020-01-01 00:30), "Tornado", "u1", datetime(2020-01-01 03:00), "Wind",
 "u2", datetime(2020-01-01 00:00), "Hail", "u2", datetime(2020-01-01 02:00), "Tornado",
 "u3", datetime(2020-01-01 05:00), "Tornado", "u3", datetime(2020-01-01 06:00), "Hail"]
| evaluate funnel_sequence_completion(id, t, datetime(2020-01-01), datetime(2020-01-02), 1d, s, dynamic(['Hail', 'Tornado', 'Wind']), dynamic([1h, 4h]))`,
    columns: 't:datetime, s:string, Period:timespan, dcount:long',
    rows: [
      ['Hail', '01:00:00', 3],
      ['Tornado', '01:00:00', 1],
      ['Wind', '01:00:00', 0],
      ['Hail', '04:00:00', 3],
      ['Tornado', '04:00:00', 2],
      ['Wind', '04:00:00', 1],
    ].map(([s, p, d]) => ({ t: '2020-01-01T00:00:00.000Z', s, Period: p, dcount: d })),
    ordered: true,
  },
  {
    rule: 'narrow: Row, Column and Value as text, row by row and column by column',
    kql: `datatable(a:long, b:string, c:dynamic)[1, "x", dynamic({"k":1}), 2, "", dynamic(null)] | sort by a asc | evaluate narrow()`,
    columns: 'Row:long, Column:string, Value:string',
    rows: [
      { Row: 0, Column: 'a', Value: '1' },
      { Row: 0, Column: 'b', Value: 'x' },
      { Row: 0, Column: 'c', Value: '{"k":1}' },
      { Row: 1, Column: 'a', Value: '2' },
      { Row: 1, Column: 'b', Value: '' },
      { Row: 1, Column: 'c', Value: '' },
    ],
    ordered: true,
  },
  {
    rule: 'preview(N): its first result table, the first N rows',
    kql: `datatable(a:long)[3, 1, 2] | sort by a asc | evaluate preview(2)`,
    columns: 'a:long',
    rows: [{ a: 1 }, { a: 2 }],
    ordered: true,
  },
];

describe('evaluate plugins, from their reference pages', () => {
  it.each(REFERENCE)('$rule', (c) => checkCase(h, c));
});

describe('evaluate plugins, by their definitions', () => {
  it.each(DEFINITIONS)('$rule', (c) => checkCase(h, c));

  it('sequence_detect refuses an unnamed step (Kusto does not document its name)', () => {
    const e = h.translationError(
      `datatable(t:long, e:string)[] | evaluate sequence_detect(t, 2, 5, e == "a", e == "b")`,
    );
    expect([e.code, e.message]).toEqual([
      'unsupported',
      expect.stringMatching(/unnamed sequence_detect step/),
    ]);
  });

  it('basket: a threshold outside 0.015–1 is a type error', () => {
    expect(h.translationError(`datatable(a:string)["x"] | evaluate basket(0.001)`).code).toBe(
      'type',
    );
  });

  it('calendar steps (week/month/year) are refused by name, not misread', () => {
    const e = h.translationError(
      `datatable(id:string, t:datetime)[] | evaluate activity_counts_metrics(id, t, datetime(2020-01-01), datetime(2020-02-01), 'week')`,
    );
    expect([e.code, e.message]).toEqual([
      'unsupported',
      expect.stringMatching(/calendar step 'week'/),
    ]);
  });
});

describe('refused plugins carry their typed reason (catalog/refusals.ts)', () => {
  it.each([
    ['http_request("https://example.com")', 'needs-network-service'],
    ['python(typeof(*), "result = df")', 'runs-user-code'],
    ['autocluster()', 'machine-learning-plugin'],
    ['diffpatterns(a, "x", "y")', 'machine-learning-plugin'],
    ['session_count(a, a, 1, 2, 1, 1)', 'undocumented-algorithm'],
    ['funnel_sequence(a, a, 1, 2, 1, 1, a, dynamic(["x"]))', 'undocumented-algorithm'],
    ['estimate_rows_count()', 'cluster-metadata'],
  ])('%s → %s', (call, reason) => {
    const e = h.translationError(`datatable(a:string)["x"] | evaluate ${call}`);
    expect(e.code).toBe('unsupported');
    expect(e.detail).toEqual({
      kind: 'builtin-refused',
      builtin: { kind: 'plugin', name: call.slice(0, call.indexOf('(')) },
      reason,
    });
  });
});
