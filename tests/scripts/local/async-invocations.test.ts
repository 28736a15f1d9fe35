import { createAsyncInvocations } from "../../../scripts/local/async-invocations";
import { parseInvocationRecord, type InvocationRecord } from "../../../scripts/local/invocation-record";

const ARN = "arn:aws:lambda:us-east-1:000000000000:function:process-upload";

function setup(failures: number, retryDelaysMs: readonly number[] = [1, 1]) {
  const runs: unknown[] = [];
  const records: InvocationRecord[] = [];
  const log: string[] = [];
  const invocations = createAsyncInvocations({
    functionName: "process-upload",
    functionArn: ARN,
    run: async (event) => {
      runs.push(event);
      if (runs.length <= failures) throw new TypeError(`transient ${runs.length}`);
    },
    retryDelaysMs,
    onFailure: async (record) => {
      records.push(record);
      return "the test's queue";
    },
    describe: () => "uploads/e/p.png",
    log: (line) => log.push(line),
    now: () => new Date("2026-03-01T12:00:00.000Z"),
  });
  return { runs, records, log, invocations };
}

test("accepts an event at once and runs it after the current turn", async () => {
  const { runs, invocations } = setup(0);
  const requestId = invocations.invoke({ n: 1 });
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(runs).toEqual([]);
  await invocations.idle();
  expect(runs).toEqual([{ n: 1 }]);
});

test("retries a failed run twice, like Lambda's asynchronous invocation, and keeps no record when one succeeds", async () => {
  const { runs, records, log, invocations } = setup(2);
  invocations.invoke({ n: 1 });
  await invocations.idle();
  expect(runs).toHaveLength(3);
  expect(records).toEqual([]);
  expect(log).toEqual([expect.stringContaining("uploads/e/p.png (attempt 1), retrying in 1 ms: transient 1"), expect.stringContaining("(attempt 2)")]);
});

test("sends an event that failed every attempt to the destination as Lambda's invocation record", async () => {
  const { runs, records, log, invocations } = setup(5);
  const requestId = invocations.invoke({ Records: ["the event"] });
  await invocations.idle();
  expect(runs).toHaveLength(3);
  expect(records).toEqual([
    {
      version: "1.0",
      timestamp: "2026-03-01T12:00:00.000Z",
      requestContext: { requestId, functionArn: `${ARN}:$LATEST`, condition: "RetriesExhausted", approximateInvokeCount: 3 },
      requestPayload: { Records: ["the event"] },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "TypeError", errorMessage: "transient 3", trace: expect.arrayContaining([expect.stringContaining("TypeError: transient 3")]) },
    },
  ]);
  // What the redrive reads back.
  expect(parseInvocationRecord(JSON.stringify(records[0]))).toEqual({ record: records[0] });
  expect(log.at(-1)).toBe("process-upload failed for uploads/e/p.png after 3 attempts, giving up: transient 3; the event is kept in the test's queue");
});

test("says the event is lost when its record cannot be kept", async () => {
  const log: string[] = [];
  const invocations = createAsyncInvocations({
    functionName: "process-upload",
    functionArn: ARN,
    run: () => Promise.reject(new Error("down")),
    retryDelaysMs: [],
    onFailure: () => Promise.reject(new Error("disk full")),
    describe: () => "uploads/e/p.png",
    log: (line) => log.push(line),
  });
  invocations.invoke({});
  await invocations.idle();
  expect(log).toEqual([expect.stringMatching(/after 1 attempts: down; the event is LOST, its record could not be kept: disk full$/)]);
});

test("on stop, retries waiting events at once instead of dropping them, and then takes no more", async () => {
  const { runs, records, invocations } = setup(5, [60_000, 60_000]);
  invocations.invoke({ n: 1 });
  while (runs.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const started = Date.now();
  await invocations.stop();
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(runs).toHaveLength(3);
  expect(records).toHaveLength(1);
  expect(() => invocations.invoke({ n: 2 })).toThrow("process-upload takes no more events: the local stack is stopping");
});
