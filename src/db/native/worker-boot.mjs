// The native engine's worker starts here: Node does not load TypeScript in a worker thread by
// itself, so tsx (which runs the CLI and the tests) loads the worker's TypeScript.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
