/**
 * npm run eval: the accuracy figure every change is judged by. Runs the pipeline over every sample that has
 * a truth file (real and generated) and prints, per input kind: reports, cells, cell accuracy, silent
 * errors (wrong and not flagged), flagged errors, hard identities whose outcome differs from the truth,
 * and for the documents' own inconsistencies (sourceFailures, injected or real) recall and attribution to
 * the source. Exits 1 on any silent error or extraction error.   --verbose lists every wrong cell.
 */
import path from 'node:path';
import { samplesWithTruth } from './eval/discover.js';
import { evaluate, formatTable } from './eval/run.js';

const ROOT = path.join(import.meta.dirname, '..');
const verbose = process.argv.includes('--verbose');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));

const pairs = samplesWithTruth(path.join(ROOT, 'samples')).filter((p) => !filter || p.input.includes(filter));
const { rows, details } = await evaluate(pairs, ROOT);
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
