/** Runs `task` over `items` with at most `limit` in flight, and settles every one (like allSettled). */
export async function settleWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await task(items[index] as T) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * `task` wrapped so that at most `limit` calls run at once; the others wait, in call order. For
 * work whose memory adds up, like decoding images, inside a batch whose I/O should still overlap.
 */
export function limitConcurrency<A extends unknown[], R>(limit: number, task: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (...args) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task(...args);
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
