/** The browser builds ship the generated catalog gzipped (build/catalog-gzip.ts); the worker inflates it to the same document. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogGzip } from '../../../build/catalog-gzip.ts';
import {
  generatedCatalog,
  inflateCatalog,
  type GzippedCatalog,
} from '../../../src/schema/catalog-data.ts';

const FILE = resolve('src/schema/catalog/sentinel-tables.json');

describe('the gzipped catalog', () => {
  it('is JSON holding the catalog gzipped, a fifth of its size or less, which inflates to the very document', () => {
    const load = catalogGzip().load as (id: string) => string | null;
    const shipped = load(FILE)!;
    const raw = readFileSync(FILE, 'utf8');
    expect(shipped.length).toBeLessThan(raw.length / 5);
    const m = JSON.parse(shipped) as GzippedCatalog;
    expect(inflateCatalog(m)).toEqual(JSON.parse(raw));
    expect(inflateCatalog(m)).toEqual(generatedCatalog());
  });

  it('leaves every other module alone', () => {
    const load = catalogGzip().load as (id: string) => string | null;
    expect(load(resolve('src/schema/tables/SigninLogs.json'))).toBeNull();
    expect(load(resolve('package.json'))).toBeNull();
  });
});
