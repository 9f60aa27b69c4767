/**
 * How the CLI ends: with everything it wrote delivered, whatever standard output is.
 *
 * Node writes to a pipe asynchronously: `process.stdout.write` returns at once and the bytes
 * beyond the pipe's buffer (64 KiB on Linux) wait in the stream. `process.exit` right after
 * drops them, so `loupe replay --json … | jq` read 65,536 bytes of an 867 KB report while a
 * redirect to a file (written synchronously) got all of it. Every command therefore ends here:
 * wait until both streams have handed their last byte to the operating system, then exit.
 */

/** Resolves once every write queued on `stream` so far is flushed (or the reader has gone). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  // Writes complete in order: the callback of an empty write runs after every earlier one.
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * A reader that stops early (`loupe … | head`) closes the pipe: the next write fails with EPIPE.
 * That is the reader's choice, not an error of Loupe's: the output is abandoned quietly.
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

ignoreClosedPipe(process.stdout);
ignoreClosedPipe(process.stderr);

/** Exits with `code` once standard output and standard error are flushed. */
export async function exitAfterOutput(code: number): Promise<never> {
  await flushed(process.stdout);
  await flushed(process.stderr);
  process.exit(code);
}
