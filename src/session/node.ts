/**
 * A session under Node: what the CLI and the end-to-end unit tests use. The engine is DuckDB-WASM's
 * blocking Node build by default — the wasm and SQL dialect the browser runs — or native DuckDB
 * (`--engine native`, src/db/native/), which also reads local files in place (loadLocal).
 */
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { createNodeEngine } from '../db/node-engine.ts';
import { createNativeEngine, type NativeEngineOptions } from '../db/native/engine.ts';
import type { LoadedTable, LoadOptions } from '../ingest/api.ts';
import type { LoupeSession } from './api.ts';
import { createSession } from './session.ts';
import { loadLocalFile, localFiles } from '../ingest/native-files.ts';

export type EngineChoice =
  { readonly kind: 'wasm' } | { readonly kind: 'native'; readonly options?: NativeEngineOptions };

export async function createNodeSession(
  engine: EngineChoice = { kind: 'wasm' },
): Promise<LoupeSession> {
  if (engine.kind === 'native') {
    const native = await createNativeEngine(engine.options);
    let session: LoupeSession | undefined;
    /**
     * A path or a glob pattern: each file it names, in name order, read by native DuckDB where it
     * can (CSV, gzipped CSV, Parquet) and by Loupe's JavaScript readers otherwise (JSON, Entra
     * downloads, UTF-16), streamed from disk. The first file loads as `options.mode` says (replace by
     * default), the files after it append, so a month of daily exports becomes one table; a file
     * that fails stops the load with its error, the files before it staying loaded.
     */
    const loadLocal = async (path: string, options: LoadOptions = {}): Promise<LoadedTable[]> => {
      const loaded: LoadedTable[] = [];
      for (const [i, file] of localFiles(native, path).entries()) {
        const opts: LoadOptions = i === 0 ? options : { ...options, mode: 'append' };
        loaded.push(
          (await loadLocalFile(native, file, opts)) ??
            (await session!.load({ name: basename(file), blob: await openAsBlob(file) }, opts)),
        );
      }
      return loaded;
    };
    session = await createSession(native, { loadLocal });
    return session;
  }
  return createSession(await createNodeEngine());
}
