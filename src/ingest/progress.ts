/**
 * Progress of an ingest run on standard error: on a terminal one line redrawn in place (a bar, files/s, ETA,
 * ok / check failures / errors); in a pipe or a log file a plain line every few seconds.
 */

export interface Counts {
  total: number;
  /** Files finished this run, whatever the outcome (including skipped). */
  done: number;
  ok: number;
  duplicates: number;
  skipped: number;
  failed: number;
  /** Reports with at least one failing hard identity. */
  checkFailures: number;
  pages: number;
  ocrPages: number;
  errorsByKind: Record<string, number>;
  /** Queue mode: files extracted by each worker process (its name), and their time in extraction. */
  byWorker: Record<string, { files: number; extractMs: number }>;
}

export function emptyCounts(total: number): Counts {
  return { total, done: 0, ok: 0, duplicates: 0, skipped: 0, failed: 0, checkFailures: 0, pages: 0, ocrPages: 0, errorsByKind: {}, byWorker: {} };
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Force the mode; default: a bar when the stream is a TTY. */
  tty?: boolean;
  /** Plain mode: seconds between lines. */
  intervalS?: number;
  quiet?: boolean;
}

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private readonly quiet: boolean;
  private readonly t0 = performance.now();
  private lastDraw = 0;
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;
  private counts: Counts;

  constructor(counts: Counts, options: ProgressOptions = {}) {
    this.counts = counts;
    this.stream = options.stream ?? process.stderr;
    this.tty = options.tty ?? this.stream.isTTY === true;
    this.intervalMs = (options.intervalS ?? 5) * 1000;
    this.quiet = options.quiet ?? false;
    if (!this.quiet) {
      this.timer = setInterval(() => this.tick(true), this.tty ? 250 : this.intervalMs);
      this.timer.unref();
    }
  }

  elapsedS(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** After each file. */
  update(): void {
    this.tick(false);
  }

  private tick(fromTimer: boolean): void {
    if (this.quiet) return;
    const now = performance.now();
    if (this.tty) {
      if (now - this.lastDraw < 100 && !fromTimer) return;
      this.lastDraw = now;
      this.stream.write(`\r\x1b[2K${this.line(true)}`);
      this.drawn = true;
    } else if (fromTimer) {
      this.stream.write(`${this.line(false)}\n`);
    }
  }

  /** Writes a message line (an error) without breaking the bar. */
  message(text: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(`${text}\n`);
    if (this.tty && this.drawn) this.stream.write(this.line(true));
  }

  private line(bar: boolean): string {
    const c = this.counts;
    const s = this.elapsedS();
    const rate = c.done / Math.max(s, 1e-3);
    const left = c.total - c.done;
    const eta = rate > 0 ? left / rate : NaN;
    const pct = c.total === 0 ? 100 : (100 * c.done) / c.total;
    const width = 24;
    const filled = Math.round((width * pct) / 100);
    const head = bar ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : 'ingest: ';
    const errs = c.failed;
    return (
      `${head}${c.done}/${c.total} (${pct.toFixed(0)}%) ${rate.toFixed(1)} files/s ETA ${duration(eta)} | ` +
      `ok ${c.ok}, check failures ${c.checkFailures}, errors ${errs}` +
      (c.duplicates ? `, duplicates ${c.duplicates}` : '') +
      (c.skipped ? `, skipped ${c.skipped}` : '') +
      (Object.keys(c.byWorker).length ? ` | ${Object.keys(c.byWorker).length} workers` : '')
    );
  }

  end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty && this.drawn && !this.quiet) {
      this.stream.write(`\r\x1b[2K${this.line(true)}\n`);
      this.drawn = false;
    }
  }
}

export function duration(s: number): string {
  if (!Number.isFinite(s)) return '--';
  s = Math.round(s);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/** The closing summary, several lines. */
export function summary(c: Counts, elapsedS: number, cross: { rows: number; failing: number } | null, db: string): string {
  const processed = c.done - c.skipped;
  const kinds = Object.entries(c.errorsByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const lines = [
    `files        ${c.total} (${c.ok} ok, ${c.duplicates} duplicates, ${c.failed} errors, ${c.skipped} already in the database)`,
    `pages        ${c.pages} (${c.ocrPages} through OCR)`,
    `identities   ${c.checkFailures} report${c.checkFailures === 1 ? '' : 's'} with failing hard identities`,
    `errors       ${c.failed === 0 ? 'none' : kinds}`,
  ];
  if (cross) lines.push(`cross-report ${cross.rows} checks, ${cross.failing} failing (table cross_checks)`);
  lines.push(`elapsed      ${elapsedS.toFixed(1)} s, ${(processed / Math.max(elapsedS, 1e-3)).toFixed(2)} files/s`);
  lines.push(...workerLines(c, elapsedS));
  lines.push(`database     ${db}`);
  return lines.join('\n') + '\n';
}

/**
 * Queue mode: one line per worker process, files/s over the whole run (the lines add up to the run's rate) and
 * files/s while extracting (its speed per job slot, whatever the wait for jobs).
 */
function workerLines(c: Counts, elapsedS: number): string[] {
  return Object.entries(c.byWorker)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(
      ([name, w]) =>
        `worker       ${name}: ${w.files} files, ${(w.files / Math.max(elapsedS, 1e-3)).toFixed(2)} files/s over the run, ` +
        `${(w.files / Math.max(w.extractMs / 1000, 1e-3)).toFixed(2)} files/s per busy job slot`,
    );
}
