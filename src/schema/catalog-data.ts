/**
 * The generated catalog document, read once. In the browser builds the JSON module is the gzipped
 * catalog (build/catalog-gzip.ts): it is inflated here on first use, not when the worker starts.
 * Under Node it is the JSON itself.
 */
import { gunzipSync, strFromU8 } from 'fflate';
import type { CatalogDocument } from './catalog-format.ts';
import shipped from './catalog/sentinel-tables.json';

/** The catalog as build/catalog-gzip.ts ships it to the browser. */
export interface GzippedCatalog {
  readonly gzipBase64: string;
}

/** The catalog document from what the JSON module holds, gzipped or not. */
export function inflateCatalog(m: CatalogDocument | GzippedCatalog): CatalogDocument {
  if (!('gzipBase64' in m)) return m;
  const bytes = Uint8Array.from(atob(m.gzipBase64), (c) => c.charCodeAt(0));
  return JSON.parse(strFromU8(gunzipSync(bytes))) as CatalogDocument;
}

let doc: CatalogDocument | undefined;

export function generatedCatalog(): CatalogDocument {
  doc ??= inflateCatalog(shipped as unknown as CatalogDocument | GzippedCatalog);
  return doc;
}
