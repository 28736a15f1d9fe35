import { limitConcurrency } from "../../../functions/shared/concurrency";

test("limitConcurrency runs at most `limit` calls at once, the rest in call order, and passes results and errors through", async () => {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const limited = limitConcurrency(2, async (value: number) => {
    started.push(value);
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    if (value === 3) throw new Error("three");
    return value * 10;
  });
  const results = await Promise.allSettled([1, 2, 3, 4, 5].map((value) => limited(value)));
  expect(peak).toBe(2);
  expect(started).toEqual([1, 2, 3, 4, 5]);
  expect(results.map((result) => (result.status === "fulfilled" ? result.value : (result.reason as Error).message))).toEqual([10, 20, "three", 40, 50]);
});
