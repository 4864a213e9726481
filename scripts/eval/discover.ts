/**
 * Every sample with a truth file: `<file>.json` beside it, samples/truth/<file>.json for samples/real, and for
 * a scanned twin (samples/scanned/<name>-<dpi>dpi.pdf) its original's truth, samples/truth/<name>.pdf.json.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const INPUT = /\.(?:txt|md|pdf|html?|docx?)$/i;

export function samplesWithTruth(samplesDir: string): { input: string; truth: string }[] {
  const out: { input: string; truth: string }[] = [];
  for (const e of readdirSync(samplesDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !INPUT.test(e.name)) continue;
    const input = path.join(e.parentPath, e.name);
    const beside = `${input}.json`;
    const central = path.join(samplesDir, 'truth', `${e.name}.json`);
    const twin = /^(.+)-\d+dpi\.pdf$/.exec(e.name);
    const twinTruth = twin && path.dirname(input) === path.join(samplesDir, 'scanned') ? path.join(samplesDir, 'truth', `${twin[1]}.pdf.json`) : undefined;
    const truth = existsSync(beside)
      ? beside
      : path.dirname(input) === path.join(samplesDir, 'real') && existsSync(central)
        ? central
        : twinTruth && existsSync(twinTruth)
          ? twinTruth
          : undefined;
    if (truth) out.push({ input, truth });
  }
  return out.sort((a, b) => a.input.localeCompare(b.input));
}
