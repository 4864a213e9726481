/**
 * Every sample with a truth file: `<file>.json` beside it, samples/truth/<file>.json for samples/real, and
 * the original's truth for a scanned twin.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const INPUT = /\.(?:txt|md|pdf|html?|docx?)$/i;
/** samples/scanned/<name>-300dpi.pdf is the scan of samples/real/<name>.pdf: same truth. */
const SCANNED_TWIN = /^(.+)-\d+dpi\.pdf$/;

export function samplesWithTruth(samplesDir: string): { input: string; truth: string }[] {
  const out: { input: string; truth: string }[] = [];
  for (const e of readdirSync(samplesDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !INPUT.test(e.name)) continue;
    const input = path.join(e.parentPath, e.name);
    const beside = `${input}.json`;
    const central = path.join(samplesDir, 'truth', `${e.name}.json`);
    const twin = path.join(samplesDir, 'truth', e.name.replace(SCANNED_TWIN, '$1.pdf.json'));
    const truth = existsSync(beside)
      ? beside
      : path.dirname(input) === path.join(samplesDir, 'real') && existsSync(central)
        ? central
        : path.dirname(input) === path.join(samplesDir, 'scanned') && SCANNED_TWIN.test(e.name) && existsSync(twin)
          ? twin
          : undefined;
    if (truth) out.push({ input, truth });
  }
  return out.sort((a, b) => a.input.localeCompare(b.input));
}
