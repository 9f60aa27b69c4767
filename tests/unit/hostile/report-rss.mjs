// Loaded with `node --import` into a CLI child process by cli.property.test.ts: writes the
// process's peak resident memory (kB) to LOUPE_RSS_FILE when it exits, however it exits.
import { writeFileSync } from 'node:fs';

const out = process.env.LOUPE_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
