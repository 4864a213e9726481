#!/usr/bin/env node
// `xxgk ingest` runs itself again in a child with V8's single-threaded collector (src/ingest/gc.ts): decided
// here, before the CLI is loaded, so the parent does not load it for nothing.
// Other commands bound the heap's growth (src/cli/heap.ts).
import { relaunchWithSingleThreadedGc } from '../dist/src/ingest/gc.js';
import { boundHeapGrowth } from '../dist/src/cli/heap.js';

const relaunched = process.argv[2] === 'ingest' ? relaunchWithSingleThreadedGc() : undefined;
if (process.argv[2] !== 'ingest' && process.argv[2] !== 'worker') boundHeapGrowth();
process.exitCode = relaunched ? await relaunched : await (await import('../dist/src/cli/main.js')).main(process.argv.slice(2));
