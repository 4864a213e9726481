/** Option values and argument parsing shared by the commands. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { oneLine } from '../causes.js';

/** A positive integer written in digits, or undefined. */
export function positiveInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 ? n : undefined;
}

/** A usage error: the message and the command's usage on standard error; exit status 2. */
export function usageError(usageText: string, message: string): number {
  process.stderr.write(`xxgk: ${message}\n${usageText}\n`);
  return 2;
}

const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

type Config<O, P> = { args: string[]; options: O & typeof HELP; allowPositionals: P; strict: true };

/**
 * A command's arguments, with `--help`/`-h` added. A number when the command is already over: the usage
 * printed for --help (0) or a usage error (2).
 */
export function parseCommand<const O extends NonNullable<ParseArgsConfig['options']>, const P extends boolean>(
  args: string[],
  usageText: string,
  options: O,
  allowPositionals: P,
): ReturnType<typeof parseArgs<Config<O, P>>> | number {
  let parsed;
  try {
    parsed = parseArgs<Config<O, P>>({ args, options: { ...options, ...HELP }, allowPositionals, strict: true });
  } catch (e) {
    return usageError(usageText, oneLine(e));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usageText}\n`);
    return 0;
  }
  return parsed;
}
