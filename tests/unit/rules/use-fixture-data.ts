/**
 * The set-up the replay test files share: a Node engine with Loupe's KQL runtime (created once
 * per file), FixtureData over it, the tables a test made dropped after it, the engine closed after
 * the file. Call at the top level of a test file.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import { installKqlRuntime } from '../../../src/kql/index.ts';
import { FixtureData } from './fixture-data.ts';

export function useFixtureData(): FixtureData {
  let engine: SqlEngine | undefined;
  const data = new FixtureData(() => {
    if (!engine) throw new Error('useFixtureData: the engine exists only inside tests and hooks');
    return engine;
  });
  beforeAll(async () => {
    engine = await createNodeEngine();
    installKqlRuntime(engine);
  });
  afterEach(() => data.clear());
  afterAll(() => engine?.close());
  return data;
}
