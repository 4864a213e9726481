/**
 * The Redis server behind a queue: a reachability check before anything starts, so a wrong address is one
 * line naming it rather than BullMQ retrying forever in silence.
 */
import { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import { shownUrl } from './url.js';

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
