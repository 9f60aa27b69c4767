import { describe, expect, it } from 'vitest';
import { countOf, formatCell, formatNumber, formatReportValue } from '../../../src/ui/format.ts';
import { formatName } from '../../../src/ui/format-name.ts';

describe('result values as Loupe shows them', () => {
  it('shows a datetime cell in UTC with the zone, whether it arrives as ISO text or epoch ms', () => {
    expect(formatCell('2026-06-15T09:56:49.975Z', 'datetime')).toBe('2026-06-15 09:56:49.975 UTC');
    expect(formatCell(Date.UTC(2026, 5, 15, 16), 'datetime')).toBe('2026-06-15 16:00:00 UTC');
  });

  it('separates thousands in number cells and keeps every fraction digit', () => {
    expect(formatCell(1234567, 'long')).toBe('1,234,567');
    expect(formatCell(1234.5678, 'real')).toBe('1,234.5678');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(NaN)).toBe('NaN');
  });

  it('leaves text as text: a string column holding digits or a date is not reformatted', () => {
    expect(formatCell('50126', 'string')).toBe('50126');
    expect(formatCell('2026-06-15T09:56:49.975Z', 'string')).toBe('2026-06-15T09:56:49.975Z');
    expect(formatCell('<img src=x onerror=alert(1)>', 'string')).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('shows a replay report row’s ISO datetimes in UTC form and its numbers with separators', () => {
    expect(formatReportValue('2026-06-15T16:47:43.778Z')).toBe('2026-06-15 16:47:43.778 UTC');
    expect(formatReportValue(12345)).toBe('12,345');
    expect(formatReportValue(['US'])).toBe('["US"]');
    // Only the report's exact ISO form is a time; other date-like text stays as written.
    expect(formatReportValue('2026-06-15 16:47')).toBe('2026-06-15 16:47');
  });

  it('counts with the noun in the singular for one', () => {
    expect(countOf(1, 'alert')).toBe('1 alert');
    expect(countOf(0, 'incident')).toBe('0 incidents');
    expect(countOf(1204, 'rule')).toBe('1,204 rules');
    expect(countOf(2, 'entity', 'entities')).toBe('2 entities');
  });
});

describe("formatName (what a file is, in the analyst's words)", () => {
  it('names the export a format code stands for, and says when it was gzipped', () => {
    expect(formatName('la-portal-csv')).toBe('Log Analytics portal CSV');
    expect(formatName('graph-json+gzip')).toBe('Microsoft Graph JSON, gzipped');
    expect(formatName('event-hub-json')).toBe('Event Hub batch');
    expect(formatName('something-new')).toBe('something-new');
  });
});
