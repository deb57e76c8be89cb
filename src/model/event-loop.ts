/**
 * For long loops of awaits that may all settle as microtasks (a backend that answers at once, a test fake): now
 * and then the returned function waits for a macrotask, so that timers and messages (a Cancel, an abort) get to
 * run between steps.
 */
export function eventLoopYielder(everyMs = 10): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}
