/**
 * Property: any hostile log file loads, or is refused (or partly set aside) with a typed
 * LoupeError, within a bounded time; Object.prototype is never touched and a table loaded before
 * never changes (issue 16). Files come from ./generators.ts; the limits are lowered so that small
 * files cross them.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { LoupeError } from '../../../src/errors.ts';
import { loadFile, rejectedRowsOf } from '../../../src/ingest/index.ts';
import { snapshot } from '../ingest/helpers.ts';
import { hostileLogFile, LOWERED_LIMITS } from './generators.ts';

let db: SqlEngine;
let before: string;
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

beforeAll(async () => {
  db = await createNodeEngine();
  await loadFile(db, {
    name: 'AuditLogs.csv',
    bytes: new TextEncoder().encode('TimeGenerated,OperationName\n2026-06-15T10:00:00Z,Add user\n'),
  });
  before = snapshot(db, 'AuditLogs');
});
afterAll(() => db.close());

/** How long one generated file may take to load or be refused (a hang detector, not a benchmark). */
const PER_FILE_MS = 20_000;

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p,
    new Promise<T>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

describe('hostile log files', () => {
  it(
    'load, or end in a typed error, in bounded time; nothing else changes',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileLogFile,
          fc.constantFrom('refuse', 'set-aside') as fc.Arbitrary<'refuse' | 'set-aside'>,
          async (file, badRows) => {
            const outcome = await within(
              PER_FILE_MS,
              file.kind,
              loadFile(db, file, { limits: LOWERED_LIMITS, badRows }).then(
                (t) => ({ ok: true as const, t }),
                (e: unknown) => ({ ok: false as const, e }),
              ),
            );
            if (outcome.ok) {
              expect(outcome.t.rowCount, file.kind).toBeGreaterThanOrEqual(0);
              // Rows set aside are counted, and at most the first 1,000 are kept with a short text.
              expect(rejectedRowsOf(db, outcome.t.name).length).toBeLessThanOrEqual(
                Math.max(outcome.t.rejectedRows, 0),
              );
              for (const r of rejectedRowsOf(db, outcome.t.name))
                expect(r.text.length).toBeLessThanOrEqual(2001);
            } else {
              expect(outcome.e, `${file.kind}: ${String(outcome.e)}`).toBeInstanceOf(LoupeError);
              expect((outcome.e as LoupeError).message.length, file.kind).toBeLessThan(4000);
            }
            expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(protoBefore);
            expect(snapshot(db, 'AuditLogs')).toBe(before);
          },
        ),
        { numRuns: 120, seed: Number(process.env.LOUPE_HOSTILE_SEED ?? 16), endOnFailure: true },
      );
    },
  );
});
