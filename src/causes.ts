/** Turning thrown things into the one-line causes the command line prints after a file's name. */

/** The first line of an error's message: a user sees one line, never a stack. */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** A file-system failure in words. */
export function fsCause(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EACCES') return 'permission denied';
  return oneLine(e);
}
