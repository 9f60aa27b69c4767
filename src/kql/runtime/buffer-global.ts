/**
 * mmdb-lib (the MaxMind DB reader, ./geoip.ts) reads its database through Node's `Buffer` and
 * refers to the global `Buffer` when its modules load. Node has one; a browser worker does not, so
 * there the `buffer` package (the same API in plain JavaScript) is installed as the global first.
 * Imported by ./geoip.ts before mmdb-lib, so that it runs first.
 */
import { Buffer as PortableBuffer } from 'buffer';

const g = globalThis as { Buffer?: unknown };
if (typeof g.Buffer === 'undefined') g.Buffer = PortableBuffer;
