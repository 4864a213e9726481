/**
 * The files an ingest run reads: paths, directories (walked recursively) and glob patterns.
 *
 * - A file named on the command line is taken whatever its extension.
 * - A directory is walked recursively for report files (.pdf .txt .md .html .htm .docx .doc, any case);
 *   entries whose names start with '.' are skipped (.git, .DS_Store), symlinked directories are followed once.
 * - A pattern (an argument with `*`, `?`, `[...]` or `{a,b}` that is not an existing path) is matched against
 *   paths under its literal leading directories: `*` and `?` within one path segment, `**` across segments,
 *   `{pdf,txt}` alternatives. Matching files are taken if they are report files; matching directories are walked.
 *   Quote patterns so the shell leaves them to us (`xxgk ingest 'archive/**\/2023*.pdf'`); patterns the shell
 *   expanded arrive as plain paths and work the same.
 *
 * Paths come back absolute, each once, in argument order and sorted within an argument.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

export const REPORT_EXTENSIONS = ['.pdf', '.txt', '.md', '.html', '.htm', '.docx', '.doc'];

export function isReportFile(name: string): boolean {
  const lower = name.toLowerCase();
  return REPORT_EXTENSIONS.some((e) => lower.endsWith(e));
}

const MAGIC = /[*?[{]/;

export async function discover(args: string[], cwd = process.cwd()): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (p: string) => {
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isFile()) {
      add(abs);
      continue;
    }
    if (st?.isDirectory()) {
      for (const f of (await walk(abs)).sort()) add(f);
      continue;
    }
    if (!MAGIC.test(arg)) throw new InputError(`${arg}: no such file or directory`);
    const found = await expandGlob(arg, cwd);
    if (found.length === 0) throw new InputError(`${arg}: no file matches`);
    for (const f of found) add(f);
  }
  return out;
}

/** Report files under a directory, recursively. */
async function walk(dir: string, visited = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir).catch(() => dir);
  if (visited.has(real)) return [];
  visited.add(real);
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out; // unreadable directory: nothing to take from it
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await stat(p).catch(() => undefined);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) out.push(...(await walk(p, visited)));
    else if (isFile && isReportFile(e.name)) out.push(p);
  }
  return out;
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const abs = resolve(cwd, pattern);
  const parts = abs.split(sep);
  const firstMagic = parts.findIndex((p) => MAGIC.test(p));
  const base = parts.slice(0, firstMagic).join(sep) || sep;
  const re = globRegExp(parts.slice(firstMagic).join('/'));
  const out: string[] = [];
  const visit = async (dir: string, rel: string, visited: Set<string>) => {
    const real = await realpath(dir).catch(() => dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const st = await stat(p).catch(() => undefined);
        isDir = st?.isDirectory() ?? false;
        isFile = st?.isFile() ?? false;
      }
      if (re.test(r)) {
        if (isFile && isReportFile(e.name)) out.push(p);
        else if (isDir) out.push(...(await walk(p)));
        continue;
      }
      if (isDir) await visit(p, r, visited);
    }
  };
  await visit(base, '', new Set());
  return [...new Set(out)].sort();
}

/** `*` one segment, `**` any depth, `?` one character, `[...]` a class, `{a,b}` alternatives. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+^$()|\\{}\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}
