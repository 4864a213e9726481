/**
 * Where an ingest run's files are extracted: the local worker-thread pool (the default) or a job queue that
 * workers on any number of machines serve. The run (discovery, dedupe, resume, the single SQLite writer) is
 * the same for both; only this interface differs.
 */
import type { TaskOutcome } from './pool.js';
import type { IngestTask } from './worker.js';

/** An outcome, with the identity of the worker process that produced it when it came from elsewhere. */
export type Outcome = TaskOutcome & { worker?: string };

export interface Extraction {
  /** Files the run keeps in flight at once (read, hashed and handed over, not yet stored). */
  readonly window: number;
  /** Fails if the extraction cannot work at all (a broken build, an unreachable queue), before any file. */
  probe(): Promise<void>;
  /** Extracts one file; never rejects: every failure is an outcome. `sha256` is the content hash of `task.bytes`. */
  run(task: IngestTask, sha256: string): Promise<Outcome>;
  /** Called once the outcome is committed to the database: whatever held it for the run may let it go. */
  acknowledge?(path: string, sha256: string): Promise<void>;
  close(): Promise<void>;
}
