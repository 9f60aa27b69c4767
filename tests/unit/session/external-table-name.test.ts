import { describe, expect, it } from 'vitest';
import { externalTableName } from '../../../src/session/external-table-name.ts';

describe('externalTableName (the CLI and the page name a supplied externaldata file alike)', () => {
  it('drops the directory, the format extension and a .gz before it', () => {
    expect(externalTableName('ServiceTags_Public.json')).toBe('externaldata_ServiceTags_Public');
    expect(externalTableName('/cases/feeds/ServiceTags_Public.json.gz')).toBe(
      'externaldata_ServiceTags_Public',
    );
    expect(externalTableName('C:\\feeds\\ranges.csv')).toBe('externaldata_ranges');
  });

  it('makes any other character an underscore, so the name is a plain identifier', () => {
    expect(externalTableName('tor exit-nodes (2026).txt')).toBe(
      'externaldata_tor_exit_nodes__2026_',
    );
    expect(externalTableName("x'; DROP TABLE t; --.csv")).toMatch(/^externaldata_[A-Za-z0-9_]+$/);
  });

  it('names a file with no stem', () => {
    expect(externalTableName('.json')).toBe('externaldata_file');
  });
});
