/**
 * The Redis server behind a queue: its URL as users give it, and a reachability check before anything starts,
 * so a wrong address is one line naming it rather than BullMQ retrying forever in silence.
 */
import { Redis } from 'ioredis';
import { InputError } from '../errors.js';

/** The BullMQ queue both sides use unless told otherwise; one coordinator per queue name. */
export const DEFAULT_QUEUE_NAME = 'xxgk-ingest';

/** `redis://[user:password@]host:port[/db]` or `rediss://...` (TLS); anything else is a usage error (undefined). */
export function checkQueueUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return undefined;
  if (parsed.hostname === '') return undefined;
  return url;
}

/** The URL without its password, for messages and summaries. */
export function shownUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Connection options for BullMQ: reconnect forever during a run (a Redis restart is a pause, not the end). */
export function connection(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}

/** Connects once, without retries: InputError naming the URL and the cause when Redis cannot be used. */
export async function checkReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than the rejected connect ("Connection is closed").
  let socketError: Error | undefined;
  client.on('error', (e: Error) => (socketError ??= e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const cause = socketError ?? e;
    throw new InputError(`${shownUrl(url)}: cannot reach Redis: ${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0]}`);
  } finally {
    client.disconnect();
  }
}
