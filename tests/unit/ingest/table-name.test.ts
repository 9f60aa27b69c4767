import { describe, expect, it } from 'vitest';
import { fileStem, resolveTableName, tableFromFileName } from '../../../src/ingest/table-name.ts';

describe('which table a file fills', () => {
  it.each([
    ['AADNonInteractiveUserSignInLogs.csv', 'AADNonInteractiveUserSignInLogs'],
    ['AADNonInteractiveUserSignInLogs_2026-06-15T10_00_00.csv', 'AADNonInteractiveUserSignInLogs'],
    ['exports/SigninLogs (1).csv', 'SigninLogs'],
    ['signinlogs.json', 'SigninLogs'],
    ['AuditLogs.csv.gz', 'AuditLogs'],
    ['MyApp_CL_2026.csv', 'MyApp_CL'],
    ['SigninLogsExtra.csv', undefined], // a longer word is not the table
    ['sign-in_adelete.csv', undefined],
  ])('%s → %s', (file, table) => {
    expect(tableFromFileName(file)).toBe(table);
  });

  it('strips the extensions ingest reads', () => {
    expect(fileStem('C:\\logs\\SigninLogs.ndjson.gz')).toBe('SigninLogs');
  });

  it('prefers the analyst choice, then the Type column, then the file name', () => {
    expect(
      resolveTableName('SigninLogs.csv', 'AuditLogs', 'AADNonInteractiveUserSignInLogs'),
    ).toEqual({ name: 'AuditLogs', source: 'option' });
    expect(
      resolveTableName('SigninLogs.csv', undefined, 'AADNonInteractiveUserSignInLogs'),
    ).toEqual({ name: 'AADNonInteractiveUserSignInLogs', source: 'type-column' });
    expect(resolveTableName('SigninLogs.csv', undefined, undefined)).toEqual({
      name: 'SigninLogs',
      source: 'file-name',
    });
    expect(() => resolveTableName('data.csv', undefined, '')).toThrow(
      /Cannot tell which Sentinel table this file holds/,
    );
    expect(() => resolveTableName('data.csv', 'Bad Name', undefined)).toThrow(
      /not a valid table name/,
    );
  });
});
