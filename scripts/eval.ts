/**
 * npm run eval: the accuracy figure every change is judged by. Runs the pipeline over every sample that has
 * a truth file (real, their scanned twins, generated) and prints, per input kind: reports, cells, cell accuracy, silent
 * errors (wrong and not flagged), flagged errors, hard identities whose outcome differs from the truth,
 * and for the documents' own inconsistencies (sourceFailures, injected or real) recall and attribution to
 * the source. Exits 1 on any silent error or extraction error.   --verbose lists every wrong cell.
 *
 *   npm run eval [-- FILTER] [--verbose] [--ingest[=JOBS]]
 * FILTER keeps the inputs whose path contains it (e.g. `scanned`). --ingest scores the records that
 * `xxgk ingest --jobs JOBS` (default 2; the built CLI) stores, instead of extracting here.
 */
import path from 'node:path';
import { samplesWithTruth } from './eval/discover.js';
import { ingestedRecords } from './eval/ingested.js';
import { evaluate, formatTable } from './eval/run.js';

const ROOT = path.join(import.meta.dirname, '..');
const verbose = process.argv.includes('--verbose');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));

const ingest = process.argv.find((a) => a === '--ingest' || a.startsWith('--ingest='));

const pairs = samplesWithTruth(path.join(ROOT, 'samples')).filter((p) => !filter || p.input.includes(filter));
const read = ingest ? ingestedRecords(pairs.map((p) => p.input), ROOT, Number(ingest.split('=')[1] ?? 2)) : undefined;
if (ingest) console.log(`records from xxgk ingest --jobs ${ingest.split('=')[1] ?? 2}`);
const { rows, details } = await evaluate(pairs, ROOT, read);
for (const d of details) {
  const bad = d.error || (d.score && (d.score.wrong.length || d.score.identityMismatches.length || !d.score.templateOk));
  if (!bad && !verbose) continue;
  if (d.error) console.log(`${d.input}: ERROR ${d.error}`);
  else {
    const s = d.score!;
    console.log(`${d.input}: ${s.correct}/${s.cells} correct, ${s.silentWrong} silent, ${s.flaggedWrong} flagged${s.templateOk ? '' : ', TEMPLATE WRONG'}`);
    for (const w of s.wrong) console.log(`    ${w}`);
    for (const m of s.identityMismatches) console.log(`    identity differs: ${m}`);
  }
}
console.log(formatTable(rows));
const silent = rows.reduce((a, r) => a + r.silentWrong, 0);
const errors = rows.reduce((a, r) => a + r.errors, 0);
if (silent || errors) {
  console.log(`FAIL: ${silent} silent errors, ${errors} extraction errors`);
  process.exitCode = 1;
}
