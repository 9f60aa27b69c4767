/**
 * Generators of hostile input for the property tests (issue 16): log files of every shape Loupe
 * reads and rule files, written the way an attacker controlling the tenant (or a damaged export)
 * would write them: names that are Object.prototype's, control characters and formulas in values,
 * quotes that never end, ragged rows, records longer than the limit, JSON nested past the limit,
 * gzip layers (truncated or not), UTF-16, and regexes built to make a backtracking engine hang.
 * Sizes stay small: the limits are lowered where a test needs to cross them (LOWERED_LIMITS).
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** Limits a run lowers so that small generated files cross them (1 MB records, depth 32). */
export const LOWERED_LIMITS = { recordBytes: 1024 * 1024, jsonDepth: 32 } as const;

export interface HostileFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** What the generator meant to make (shown when a property fails). */
  readonly kind: string;
}

const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  '__defineGetter__',
  'hasOwnProperty',
  'prototype',
];
const CONTROL = [
  '\u001b[2J',
  '\u001b[31m',
  '\r',
  '\u0000',
  '\u0007',
  '\u009b',
  '\u202e',
  '\u2028',
  '\t',
];
const FORMULA = ['=HYPERLINK("http://evil","x")', '+cmd|/C calc', '-2+3', '@SUM(A1)'];

/** A string a log value could hold, hostile or not. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    ...PROTO_NAMES,
    ...CONTROL,
    ...FORMULA,
    '',
    '"',
    '""',
    '\n',
    '\r\n',
    ',',
    '{}',
    '[]',
    'null',
    '\\',
  ),
  fc
    .tuple(fc.constantFrom(...FORMULA), fc.constantFrom('\n', '\r\n', ''))
    .map(([f, nl]) => `${f}${nl}second line`),
  fc.integer({ min: 1, max: 400 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.integer({ min: 1, max: 3 }).map((mb) => 'x'.repeat(mb * 600 * 1024)),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A column name: a real one, a hostile one, or anything. */
const columnName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'TimeGenerated',
    'UserPrincipalName',
    'IPAddress',
    'ResultType',
    'DeviceDetail',
    'Type',
    'TimeGenerated [UTC]',
  ),
  fc.constantFrom(...PROTO_NAMES),
  fc.string({ maxLength: 12 }),
);

const csvCell = (v: string, quote: boolean) =>
  quote || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;

const TIME = fc.constantFrom(
  '2026-06-15T10:00:00Z',
  '6/15/2026, 9:56:49.975 AM',
  'yesterday',
  '',
  '2026-06-15T10:00:00.1234567+02:00',
);

/** A CSV export, with a hostile header, hostile cells, and maybe a broken record. */
export const hostileCsv: fc.Arbitrary<HostileFile> = fc
  .record({
    header: fc
      .uniqueArray(columnName, {
        minLength: 1,
        maxLength: 6,
        selector: (c) =>
          c
            .replace(/ \[UTC\]$/, '')
            .trim()
            .toLowerCase(),
      })
      .map((h) => h.filter((c) => !/^TimeGenerated/.test(c))),
    rows: fc.array(fc.tuple(TIME, fc.array(hostileText, { maxLength: 7 }), fc.boolean()), {
      maxLength: 6,
    }),
    breakage: fc.oneof(
      {
        arbitrary: fc.constantFrom('none', 'no-final-newline', 'crlf', 'bom', 'blank-lines'),
        weight: 3,
      },
      {
        arbitrary: fc.constantFrom('unterminated-quote', 'ragged', 'long-line', 'mixed-endings'),
        weight: 1,
      },
    ),
    delimiter: fc.constantFrom(',', '\t'),
  })
  .map(({ header, rows, breakage, delimiter }) => {
    const cols = ['TimeGenerated', ...header];
    const lines = [cols.map((c) => csvCell(c, false)).join(delimiter)];
    for (const [time, cells, quote] of rows) {
      const values = [time, ...cols.slice(1).map((_, i) => cells[i] ?? '')];
      lines.push(values.map((v) => csvCell(v, quote)).join(delimiter));
    }
    if (breakage === 'unterminated-quote')
      lines.push(`2026-06-15T10:00:00Z${delimiter}"never ends`);
    if (breakage === 'ragged')
      lines.push(`2026-06-15T10:00:00Z${delimiter.repeat(cols.length + 3)}x`);
    if (breakage === 'long-line')
      lines.push(`2026-06-15T10:00:00Z${delimiter}${'L'.repeat(LOWERED_LIMITS.recordBytes + 10)}`);
    if (breakage === 'blank-lines') lines.push('', '', '');
    const nl = breakage === 'crlf' || breakage === 'mixed-endings' ? '\r\n' : '\n';
    let text =
      lines.join(nl) +
      (breakage === 'no-final-newline' ? '' : breakage === 'mixed-endings' ? '\n' : nl);
    if (breakage === 'bom') text = `\uFEFF${text}`;
    return {
      name: 'SigninLogs.csv',
      bytes: new TextEncoder().encode(text),
      kind: `csv (${breakage})`,
    };
  });

/** A JSON value of a record field: scalars, hostile strings, objects with hostile keys, deep nesting. */
const jsonField: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(
    fc.oneof(fc.constantFrom(...PROTO_NAMES), fc.string({ maxLength: 8 })),
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    { maxKeys: 4 },
  ),
  fc.integer({ min: 1, max: 80 }).map((n) => {
    let v: unknown = 'leaf';
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { toString: v };
    return v;
  }),
);

/** JSON text of a record with hostile keys (written by hand, so that `__proto__` stays a key). */
function recordText(fields: readonly (readonly [string, unknown])[]): string {
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

const jsonRecord = fc
  .array(fc.tuple(fc.oneof(columnName, fc.constantFrom(...PROTO_NAMES)), jsonField), {
    maxLength: 6,
  })
  .map((fields) => recordText([['TimeGenerated', '2026-06-15T10:00:00Z'], ...fields]));

/** A JSON export in one of the shapes Loupe reads, maybe broken. */
export const hostileJson: fc.Arbitrary<HostileFile> = fc
  .record({
    records: fc.array(jsonRecord, { maxLength: 5 }),
    shape: fc.constantFrom(
      'ndjson',
      'array',
      'value',
      'records',
      'api',
      'deep-record',
      'not-objects',
    ),
    breakage: fc.oneof(
      { arbitrary: fc.constant('none'), weight: 3 },
      { arbitrary: fc.constantFrom('truncated', 'trailing-comma', 'garbage'), weight: 1 },
    ),
  })
  .map(({ records, shape, breakage }) => {
    let text: string;
    if (shape === 'ndjson') text = records.join('\n');
    else if (shape === 'array') text = `[${records.join(',')}]`;
    else if (shape === 'value' || shape === 'records')
      text = `{${JSON.stringify(shape)}:[${records.join(',')}]}`;
    else if (shape === 'deep-record')
      text = `{"TimeGenerated":"2026-06-15T10:00:00Z","DeviceDetail":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    else if (shape === 'not-objects') text = '[1, "two", [3], null]';
    else {
      const names = ['TimeGenerated', ...PROTO_NAMES.slice(0, 3)];
      const rows = records.map((_, i) => [`2026-06-15T10:0${i % 10}:00Z`, 'a', 'b', 'c']);
      text = `{"tables":[{"name":"PrimaryResult","columns":[${names.map((n, i) => `{"name":${JSON.stringify(n)},"type":${JSON.stringify(i ? PROTO_NAMES[i] : 'datetime')}}`).join(',')}],"rows":${JSON.stringify(rows)}}]}`;
    }
    if (breakage === 'truncated') text = text.slice(0, Math.max(1, Math.floor(text.length * 0.7)));
    if (breakage === 'trailing-comma') text = text.replace(/]$/, ',]');
    if (breakage === 'garbage') text += '\n}{"';
    return {
      name: `SigninLogs.${shape === 'ndjson' ? 'ndjson' : 'json'}`,
      bytes: new TextEncoder().encode(text),
      kind: `json (${shape}, ${breakage})`,
    };
  });

/** Any hostile log file, maybe wrapped in gzip (whole or truncated) or UTF-16. */
export const hostileLogFile: fc.Arbitrary<HostileFile> = fc
  .tuple(
    fc.oneof(hostileCsv, hostileJson),
    fc.oneof(
      { arbitrary: fc.constantFrom('plain', 'gzip'), weight: 4 },
      { arbitrary: fc.constantFrom('gzip-truncated', 'utf-16le', 'binary'), weight: 1 },
    ),
  )
  .map(([file, wrap]) => {
    if (wrap === 'gzip')
      return {
        name: `${file.name}.gz`,
        bytes: new Uint8Array(gzipSync(file.bytes)),
        kind: `${file.kind}, gzip`,
      };
    if (wrap === 'gzip-truncated') {
      const gz = gzipSync(file.bytes);
      return {
        name: `${file.name}.gz`,
        bytes: new Uint8Array(gz.subarray(0, Math.max(10, gz.length - 8))),
        kind: `${file.kind}, truncated gzip`,
      };
    }
    if (wrap === 'utf-16le') {
      const text = new TextDecoder().decode(file.bytes);
      const out = new Uint8Array(2 + text.length * 2);
      out.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++)
        out.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
      return { name: file.name, bytes: out, kind: `${file.kind}, UTF-16` };
    }
    if (wrap === 'binary')
      return {
        name: file.name,
        bytes: new Uint8Array([...file.bytes.subarray(0, 20), 0, 1, 2, ...file.bytes.subarray(20)]),
        kind: `${file.kind}, NUL bytes`,
      };
    return file;
  });

/** Regex patterns a backtracking engine takes exponential time on, and patterns Kusto refuses. */
export const hostilePattern: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '((a+)+)$',
    '(a|aa)+$',
    '(a|a)*$',
    '^(\\w+\\s?)*$',
    '(.*a){12}',
    '(a*)*b',
    '([a-zA-Z]+)*$',
    '(x+x+)+y',
  ),
  fc.constantFrom(
    '(a)\\1',
    'a(?=b)',
    '(?<=a)b',
    '[a&&b]',
    '\\<a',
    '(',
    '[',
    'a{99999}',
    '(?R)a',
    '\\',
  ),
  fc.string({ maxLength: 12 }),
);

/** A value to run a hostile pattern against: long runs of what it almost matches. */
export const almostMatching: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'x', 'ab', ' a'),
    fc.integer({ min: 1, max: 2000 }),
    fc.constantFrom('!', 'b', '', 'y'),
  )
  .map(([unit, n, end]) => unit.repeat(n) + end);

/** A rule file: YAML with alias bombs, deep nesting, prototype keys; or bare KQL with hostile parts. */
export const hostileRule: fc.Arbitrary<{ name: string; text: string; kind: string }> = fc.oneof(
  fc.integer({ min: 2, max: 9 }).map((levels) => {
    const names = 'abcdefghij'.split('').slice(0, levels);
    const lines = [`${names[0]}: &${names[0]} ["x","x","x","x","x","x","x","x","x"]`];
    for (let i = 1; i < names.length; i++)
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(',')}]`,
      );
    return {
      name: 'bomb.yaml',
      text: `${lines.join('\n')}\nname: x\nquery: SigninLogs\n`,
      kind: `yaml alias bomb, ${levels} levels`,
    };
  }),
  fc.integer({ min: 10, max: 20000 }).map((n) => ({
    name: 'deep.yaml',
    text: `name: x\nquery: ${'['.repeat(n)}${']'.repeat(n)}\n`,
    kind: `yaml nested ${n}`,
  })),
  fc.constantFrom(...PROTO_NAMES).map((k) => ({
    name: 'proto.yaml',
    text: `id: r\nname: n\nseverity: Low\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: SigninLogs | project ${k} = UserPrincipalName\n${k}: {polluted: 1}\ncustomDetails:\n  ${k}: UserPrincipalName\n`,
    kind: `yaml with a ${k} key`,
  })),
  fc
    .tuple(
      hostilePattern,
      fc.constantFrom(
        'extract_all(@"P", UserPrincipalName)',
        'countof(UserPrincipalName, @"P", "regex")',
        'replace_regex(UserPrincipalName, @"P", "x")',
        'extract(@"P", 0, UserPrincipalName)',
        'tostring(UserPrincipalName matches regex @"P")',
      ),
    )
    .map(([p, call]) => ({
      name: 'q.kql',
      text: `SigninLogs | extend x = ${call.replace('P', p.replaceAll('"', '""'))}`,
      kind: `kql regex ${p}`,
    })),
  fc.integer({ min: 1, max: 200000 }).map((n) => ({
    name: 'deep.kql',
    text: `SigninLogs | extend d = parse_json(strcat(strrep("[", ${n}), strrep("]", ${n}))) | extend x = tostring(d[0]), y = array_length(d), z = dynamic_to_json(d)`,
    kind: `kql dynamic nested ${n}`,
  })),
);
