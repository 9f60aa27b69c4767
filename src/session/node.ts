/** A session on the Node engine: what the CLI and the end-to-end unit tests use. */
import { createNodeEngine } from '../db/node-engine.ts';
import type { LoupeSession } from './api.ts';
import { createSession } from './session.ts';

export async function createNodeSession(): Promise<LoupeSession> {
  return createSession(await createNodeEngine());
}
