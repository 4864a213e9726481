/**
 * Queue throughput (`npm run bench:queue`): the same inputs through `xxgk ingest` with the local pool and through
 * `xxgk ingest --queue` with one and with two `xxgk worker` processes, on a private Redis. Not a test: prints a
 * table and what it predicts for N machines.
 *
 *   tsx scripts/bench-queue.ts [--reports=120] [--kinds=pdf] [--jobs=1] [--repeat=1] [--no-build]
 *
 * `--jobs` is each worker's (and the local pool's per-worker) thread count: the local pool runs with --jobs J
 * and 2J beside 1 and 2 workers of J threads, the same parallelism side by side. Workers are services that
 * outlive a run: they are started, and ready, before the coordinator; the local pool's thread spin-up (about a
 * second) is inside its timing. Every side writes a fresh database; the time is the coordinator's, from its
 * start to its exit. With --repeat=R the four
 * sides run R times, every other round in reverse order (load from elsewhere tends to drift during a run), and
 * each side's fastest run is kept.
 *
 * The prediction: each worker machine adds what the workers here add, until the coordinator (one process whose
 * main thread reads, hashes and sends the files, then decodes and writes every result: the single SQLite
 * writer) has a CPU busy all the time. In queue mode the coordinator has no worker threads, so its process CPU
 * time per file gives that ceiling (its startup and the cross-report checks at the end count in, so the
 * ceiling is a lower bound). Its event-loop busy share is printed too; on a machine whose CPUs are shared (the
 * workers run beside it here) that share counts the time it waits for a CPU, and overstates the load.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { makeCorpus } from './ingest-corpus.js';
import { startRedis } from './redis-server.js';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'xxgk.js');
const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const want = Number(arg('reports', '120'));
const kinds = arg('kinds', 'pdf').split(',');
const jobs = Number(arg('jobs', '1'));
const repeat = Number(arg('repeat', '1'));

if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });

const work = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-queue-'));
const input = path.join(work, 'in');
const corpus = makeCorpus(input, want, { corrupt: 0, kinds });
const redis = await startRedis();

interface Row {
  side: string;
  threads: number;
  seconds: number;
  /** The coordinator's main thread busy share and its process CPU seconds (XXGK_DEBUG line). */
  busy: number;
  cpuS: number;
  workers: string[];
  redisPeakMb?: number;
}

/** Runs the coordinator to its end; returns its wall time and summary. */
function coordinator(args: string[]): Promise<{ seconds: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args, '--quiet'], { cwd: ROOT, env: { ...process.env, XXGK_DEBUG: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) reject(new Error(`xxgk ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ seconds, stdout, stderr });
    });
  });
}

function checkAllOk(stdout: string): void {
  const m = /files\s+(\d+) \((\d+) ok/.exec(stdout);
  if (!m || Number(m[2]) !== corpus.files.length) throw new Error(`not every file was stored:\n${stdout}`);
}

const busyOf = (stderr: string) => Number(/main thread busy ([\d.]+)%/.exec(stderr)?.[1] ?? NaN) / 100;
const cpuOf = (stderr: string) => Number(/process CPU ([\d.]+) s/.exec(stderr)?.[1] ?? NaN);

let runs = 0;

async function local(threads: number): Promise<Row> {
  const r = await coordinator(['ingest', input, '--db', path.join(work, `local-${threads}-${runs++}.sqlite`), '--jobs', String(threads)]);
  checkAllOk(r.stdout);
  return { side: 'local pool', threads, seconds: r.seconds, busy: busyOf(r.stderr), cpuS: cpuOf(r.stderr), workers: [] };
}

async function queued(workers: number): Promise<Row> {
  const name = `bench-${workers}-${runs}`;
  const admin = new Redis(redis.url);
  const procs = Array.from({ length: workers }, (_, i) =>
    spawn(process.execPath, [BIN, 'worker', '--queue', redis.url, '--queue-name', name, '--jobs', String(jobs), '--name', `w${i + 1}`], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  const exits = procs.map((p) => new Promise((resolve) => p.once('close', resolve)));
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          let err = '';
          p.stderr!.on('data', (d: Buffer) => {
            err += d.toString();
            if (err.includes('serving queue')) resolve();
          });
          p.once('close', (code) => reject(new Error(`xxgk worker exited ${code}: ${err}`)));
        }),
    ),
  );
  const peak = { mb: 0 };
  const sampler = setInterval(() => {
    void admin.info('memory').then((info) => {
      const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1024 / 1024;
      peak.mb = Math.max(peak.mb, used);
    });
  }, 100);
  try {
    const r = await coordinator(['ingest', input, '--db', path.join(work, `queue-${workers}-${runs++}.sqlite`), '--queue', redis.url, '--queue-name', name]);
    checkAllOk(r.stdout);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('worker '));
    return {
      side: `queue, ${workers} worker${workers === 1 ? '' : 's'}`,
      threads: workers * jobs,
      seconds: r.seconds,
      busy: busyOf(r.stderr),
      cpuS: cpuOf(r.stderr),
      workers: lines,
      redisPeakMb: peak.mb,
    };
  } finally {
    clearInterval(sampler);
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(exits);
    admin.disconnect();
  }
}

const before = loadavg()[0]!;
const sides = [() => local(jobs), () => local(2 * jobs), () => queued(1), () => queued(2)];
const rows: Row[] = [];
try {
  for (let round = 0; round < repeat; round++) {
    const order = round % 2 === 0 ? [0, 1, 2, 3] : [3, 2, 1, 0];
    for (const i of order) {
      const r = await sides[i]!();
      if (rows[i] === undefined || r.seconds < rows[i]!.seconds) rows[i] = r;
    }
  }
} finally {
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}
const after = loadavg()[0]!;

const rate = (r: Row) => corpus.files.length / r.seconds;
const pdfs = corpus.files.filter((f) => f.toLowerCase().endsWith('.pdf')).length;
console.log(
  `${corpus.files.length} files (${pdfs} PDF)${repeat > 1 ? `, best of ${repeat} runs each` : ''} from ${corpus.originals.length} samples; ${availableParallelism()} CPUs; node ${process.version}; ` +
    `redis ${spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.match(/v=(\S+)/)?.[1] ?? '?'}; ` +
    `load average ${before.toFixed(2)} before, ${after.toFixed(2)} after`,
);
console.log(
  `${'side'.padEnd(20)} ${'threads'.padStart(7)} ${'seconds'.padStart(8)} ${'reports/s'.padStart(10)} ${'coord loop'.padStart(10)} ` +
    `${'coord CPU s'.padStart(11)} ${'redis MB'.padStart(9)}`,
);
for (const r of rows) {
  console.log(
    `${r.side.padEnd(20)} ${String(r.threads).padStart(7)} ${r.seconds.toFixed(2).padStart(8)} ${rate(r).toFixed(2).padStart(10)} ` +
      `${(100 * r.busy).toFixed(1).padStart(9)}% ${r.cpuS.toFixed(2).padStart(11)} ${(r.redisPeakMb === undefined ? '-' : r.redisPeakMb.toFixed(1)).padStart(9)}`,
  );
  for (const w of r.workers) console.log(`  ${w}`);
}
const [l1, l2, q1, q2] = rows as [Row, Row, Row, Row];
console.log(`queue 1 worker / local --jobs ${jobs}: ${(rate(q1) / rate(l1)).toFixed(2)}x; queue 2 workers / local --jobs ${2 * jobs}: ${(rate(q2) / rate(l2)).toFixed(2)}x`);
console.log(`queue 2 workers / 1 worker: ${(rate(q2) / rate(q1)).toFixed(2)}x (local --jobs ${2 * jobs} / --jobs ${jobs}: ${(rate(l2) / rate(l1)).toFixed(2)}x)`);
// A worker machine like this one runs as many workers as the two here (its CPUs full); N of them give N times
// that, until the coordinator's CPU is busy all the time: files / its CPU seconds.
const perMachine = rate(q2);
const ceiling = corpus.files.length / q2.cpuS;
console.log(
  `prediction: N machines like this one, each running 2 workers of ${jobs} thread${jobs === 1 ? '' : 's'}: ~N x ${perMachine.toFixed(2)} reports/s, ` +
    `until the coordinator's CPU saturates at ~${ceiling.toFixed(1)} reports/s (${((1000 * q2.cpuS) / corpus.files.length).toFixed(0)} ms of CPU per report), ` +
    `i.e. about ${Math.max(1, Math.floor(ceiling / perMachine))} machines for these inputs; inputs that take longer per file (OCR: seconds a page) allow proportionally more`,
);
if (before > availableParallelism() * 0.5) {
  console.log(`note: the machine was busy before the run (load average ${before.toFixed(2)} on ${availableParallelism()} CPUs); the ratios are not reliable`);
}
