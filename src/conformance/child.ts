/**
 * The child process of run-isolated.ts: one engine, the cases it is told to run, one message per
 * result as soon as it is known (so the parent can tell which case hangs).
 */
import { readFileSync } from 'node:fs';
import { createNodeEngine } from '../db/node-engine.ts';
import { parseCases } from './cases.ts';
import type { FromChild, ToChild } from './child-protocol.ts';
import { runCase } from './run-case.ts';
import { leftBehind, prepareEngine } from './run-corpus.ts';

const send = (m: FromChild) => new Promise<void>((resolve) => process.send!(m, undefined, undefined, () => resolve()));

async function run(m: ToChild): Promise<void> {
  const byId = new Map(parseCases(readFileSync(m.casesPath, 'utf8'), m.casesPath).map((c) => [c.id, c]));
  const engine = await createNodeEngine();
  prepareEngine(engine, new Date(m.now));
  await send({ type: 'ready' });
  for (const id of m.ids) {
    const c = byId.get(id);
    if (!c) throw new Error(`no case ${id} in ${m.casesPath}`);
    await send({ type: 'result', result: runCase(engine, c) });
  }
  await send({ type: 'done', leaked: leftBehind(engine) });
  engine.close();
}

process.once('message', (m: ToChild) => {
  run(m).then(
    () => process.disconnect(),
    async (e: unknown) => {
      await send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.disconnect();
    },
  );
});
