/**
 * A turn of the event loop. The OCR engine runs in worker threads fed by this one: between long steps of
 * preparing a page (decoding, straightening, finding the ruling lines), this lets the engine's answers in
 * and the next jobs out, so the engine is not left idle while this thread works.
 */
export function yieldToEngine(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
