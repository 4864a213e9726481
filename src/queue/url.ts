/**
 * The queue's address as users give it: checked and shown without its password. Apart from connection.ts so
 * the command line can check options without loading the Redis client.
 */

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
