/** Every type spelling the catalog's sources use maps to one KQL type; any other stops the generator. */
import { describe, expect, it } from 'vitest';
import {
  KNOWN_SOURCE_TYPE_SPELLINGS,
  kqlTypeOfSource,
  UnknownSourceTypeError,
} from '../../../scripts/catalog/source-types.ts';
import { isKqlType } from '../../../src/schema/kql-types.ts';

/** As the sources write them (the reference, the AzureDiagnostics page, CustomTables files). */
const SPELLINGS: readonly [string, string][] = [
  ['string', 'string'],
  ['String', 'string'],
  ['System.String', 'string'],
  ['datetime', 'datetime'],
  ['DateTime', 'datetime'],
  ['Datetime', 'datetime'],
  ['DateTIme', 'datetime'],
  ['Date/time', 'datetime'],
  ['date', 'datetime'],
  ['dynamic', 'dynamic'],
  ['Dynamic', 'dynamic'],
  ['Object', 'dynamic'],
  ['System.Object', 'dynamic'],
  ['bool', 'bool'],
  ['Bool', 'bool'],
  ['Boolean', 'bool'],
  ['boolean', 'bool'],
  ['SByte', 'bool'],
  ['System.SByte', 'bool'],
  ['int', 'int'],
  ['Int', 'int'],
  ['Int32', 'int'],
  ['System.Int32', 'int'],
  ['long', 'long'],
  ['Long', 'long'],
  ['Int64', 'long'],
  ['BigInt', 'long'],
  ['bigint', 'long'],
  ['System.Int64', 'long'],
  ['real', 'real'],
  ['Real', 'real'],
  ['Double', 'real'],
  ['Float', 'real'],
  ['System.Double', 'real'],
  ['decimal', 'decimal'],
  ['Decimal', 'decimal'],
  ['System.Decimal', 'decimal'],
  ['guid', 'guid'],
  ['Guid', 'guid'],
  ['GUID', 'guid'],
  ['uniqueid', 'guid'],
  ['System.Guid', 'guid'],
  ['timespan', 'timespan'],
  ['TimeSpan', 'timespan'],
  ['time', 'timespan'],
  ['System.TimeSpan', 'timespan'],
  [' String ', 'string'],
];

describe('source type spellings', () => {
  it.each(SPELLINGS)('%s is %s', (spelling, type) => {
    expect(kqlTypeOfSource(spelling, 'x.json')).toBe(type);
  });

  it('lists only spellings that map to a KQL type Loupe stores', () => {
    for (const s of KNOWN_SOURCE_TYPE_SPELLINGS)
      expect(isKqlType(kqlTypeOfSource(s, 'x'))).toBe(true);
  });

  it.each(['', 'varchar', 'Int128', 'Array', 'number', 'text'])(
    'refuses "%s", naming where it was found',
    (spelling) => {
      expect(() => kqlTypeOfSource(spelling, 'CustomTables/X_CL.json (col)')).toThrow(
        UnknownSourceTypeError,
      );
      expect(() => kqlTypeOfSource(spelling, 'CustomTables/X_CL.json (col)')).toThrow(
        `CustomTables/X_CL.json (col): unknown column type "${spelling}"`,
      );
    },
  );
});
