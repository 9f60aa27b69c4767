/**
 * The child process of run-isolated.ts: one engine, the cases it is told to run, one message per
 * result as soon as it is known (so the parent can tell which case hangs).
 */
import { readFileSync } from 'node:fs';
import { createNodeEngine } from '../db/node-engine.ts';
import { parseCases } from './cases.ts';
import type { FromChild, ToChild } from './child-protocol.ts';
import { loadRunnableExamples } from './reference/fixtures.ts';
import { runExample } from './reference/run-example.ts';
import { runCase, type CaseResult } from './run-case.ts';
import { leftBehind, prepareEngine } from './run-corpus.ts';
import type { SqlEngine } from '../db/engine.ts';
import { warmUpKqlFrontEnd } from '../kql/syntax/warm-up.ts';

const send = (m: FromChild) =>
  new Promise<void>((resolve) => process.send!(m, undefined, undefined, () => resolve()));

/** How the child runs one example of the suite, by id. */
function runner(m: ToChild): (engine: SqlEngine, id: string) => CaseResult {
  if (m.suite === 'reference') {
    const byId = new Map(loadRunnableExamples().map((e) => [e.id, e]));
    return (engine, id) => {
      const e = byId.get(id);
      if (!e) throw new Error(`no reference example ${id}`);
      return runExample(engine, e);
    };
  }
  const byId = new Map(
    parseCases(readFileSync(m.casesPath, 'utf8'), m.casesPath).map((c) => [c.id, c]),
  );
  return (engine, id) => {
    const c = byId.get(id);
    if (!c) throw new Error(`no case ${id} in ${m.casesPath}`);
    return runCase(engine, c);
  };
}

async function run(m: ToChild): Promise<void> {
  const runOne = runner(m);
  const engine = await createNodeEngine();
  prepareEngine(engine, new Date(m.now));
  // Kusto.Language's loading and first analysis (seconds on a busy machine) happen before the
  // first example's timer starts, so a fresh child after a timeout does not time out its next
  // example too.
  warmUpKqlFrontEnd();
  engine.query('SELECT 1');
  await send({ type: 'ready' });
  for (const id of m.ids) await send({ type: 'result', result: runOne(engine, id) });
  await send({ type: 'done', leaked: leftBehind(engine) });
  engine.close();
}

process.once('message', (m: ToChild) => {
  run(m).then(
    () => process.disconnect(),
    async (e: unknown) => {
      await send({
        type: 'error',
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
      process.disconnect();
    },
  );
});
