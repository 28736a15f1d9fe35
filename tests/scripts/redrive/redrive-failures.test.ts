/** The redrive's logic with a fake queue (SQS-like: received messages hidden until deleted) and a fake function. */
import { retriesExhaustedRecord } from "../../../scripts/local/invocation-record";
import { toS3NotificationEvent } from "../../../scripts/local/s3-notifications";
import { RedriveError } from "../../../scripts/redrive/errors";
import type { FailureMessage, FailureQueue } from "../../../scripts/redrive/failure-queue";
import { redriveFailures, type AsyncInvoker } from "../../../scripts/redrive/redrive-failures";

const FUNCTION = "event-photos-dev-process-upload";
const ARN = `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION}`;
const STARTED = new Date("2026-03-01T12:00:00.000Z");
const BEFORE = new Date("2026-03-01T11:00:00.000Z");

function s3Event(key: string) {
  return toS3NotificationEvent({ bucket: "photos", key, size: 10, eTag: "e" }, { region: "eu-west-1", sequencer: "1", now: BEFORE });
}

function recordBody(key: string, options: { functionArn?: string; at?: Date } = {}): string {
  const record = retriesExhaustedRecord({ functionArn: options.functionArn ?? ARN, requestId: `request-${key}`, event: s3Event(key), attempts: 3, error: new Error(`${key} failed`), now: options.at ?? BEFORE });
  return JSON.stringify(record);
}

/** What happened, in order: `invoke <key>`, `delete <message id>`, `release <message id>`. */
let history: string[];

function fakeQueue(bodies: readonly string[], options: { failDelete?: boolean; batch?: number } = {}): FailureQueue & { ids(): string[] } {
  const messages = new Map(bodies.map((body, index) => [`m${index + 1}`, body]));
  const hidden = new Set<string>();
  return {
    name: "the-queue",
    async receive() {
      const visible = [...messages].filter(([id]) => !hidden.has(id)).slice(0, options.batch ?? 2);
      for (const [id] of visible) hidden.add(id);
      return visible.map(([id, body]): FailureMessage => ({ id, body, receipt: `receipt-${id}` }));
    },
    async delete(message) {
      if (options.failDelete) throw new Error("AccessDenied");
      history.push(`delete ${message.id}`);
      messages.delete(message.receipt.replace("receipt-", ""));
    },
    async release(message) {
      history.push(`release ${message.id}`);
      hidden.delete(message.id);
    },
    ids: () => [...messages.keys()],
  };
}

function fakeFunction(options: { failOn?: string } = {}): AsyncInvoker & { payloads: unknown[] } {
  const payloads: unknown[] = [];
  return {
    functionName: FUNCTION,
    payloads,
    async invokeAsync(payload) {
      const key = (payload as ReturnType<typeof s3Event>).Records[0]!.s3.object.key;
      if (key === options.failOn) throw new Error("TooManyRequestsException: Rate exceeded");
      history.push(`invoke ${key}`);
      payloads.push(payload);
      return `lambda-${key}`;
    },
  };
}

beforeEach(() => {
  history = [];
});

test("invokes each record's event, deleting its message only once the invocation was accepted", async () => {
  const queue = fakeQueue([recordBody("uploads/e/a.png"), recordBody("uploads/e/b.png"), recordBody("uploads/e/c.png")]);
  const target = fakeFunction();
  const log: string[] = [];
  const summary = await redriveFailures({ queue, target, startedAt: STARTED, log: (line) => log.push(line) });

  expect(summary).toEqual({ redriven: 3, left: [] });
  expect(target.payloads).toEqual(["uploads/e/a.png", "uploads/e/b.png", "uploads/e/c.png"].map(s3Event));
  expect(history).toEqual(["invoke uploads/e/a.png", "delete m1", "invoke uploads/e/b.png", "delete m2", "invoke uploads/e/c.png", "delete m3"]);
  expect(queue.ids()).toEqual([]);
  expect(log).toEqual([
    "re-drove uploads/e/a.png (message m1, request lambda-uploads/e/a.png); it had failed 3 attempts: uploads/e/a.png failed",
    expect.stringContaining("re-drove uploads/e/b.png"),
    expect.stringContaining("re-drove uploads/e/c.png"),
  ]);
});

test("a second run finds nothing to re-drive", async () => {
  const queue = fakeQueue([recordBody("uploads/e/a.png")]);
  await redriveFailures({ queue, target: fakeFunction(), startedAt: STARTED, log: () => undefined });
  const target = fakeFunction();
  expect(await redriveFailures({ queue, target, startedAt: STARTED, log: () => undefined })).toEqual({ redriven: 0, left: [] });
  expect(target.payloads).toEqual([]);
});

test("leaves, without invoking anything, a message that is no record, a record of another function, and one kept since the run started", async () => {
  const queue = fakeQueue([
    "{not json",
    JSON.stringify({ Records: [] }),
    recordBody("uploads/e/other.png", { functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:event-photos-prod-process-upload" }),
    recordBody("uploads/e/again.png", { at: new Date(STARTED.getTime() + 1000) }),
    recordBody("uploads/e/good.png"),
  ]);
  const target = fakeFunction();
  const summary = await redriveFailures({ queue, target, startedAt: STARTED, log: () => undefined });

  expect(summary.redriven).toBe(1);
  expect(summary.left).toEqual([
    { id: "m1", reason: expect.stringContaining("its body is not JSON") },
    { id: "m2", reason: expect.stringContaining("it is not a Lambda invocation record") },
    { id: "m3", reason: expect.stringContaining(`a failure of event-photos-prod-process-upload, not of ${FUNCTION}`) },
    { id: "m4", reason: expect.stringContaining("recorded after this run started") },
  ]);
  // The ones left are visible again once the run is over, for inspection or the next run.
  expect(history).toEqual(["invoke uploads/e/good.png", "delete m5", "release m1", "release m2", "release m3", "release m4"]);
  expect(queue.ids()).toEqual(["m1", "m2", "m3", "m4"]);
  expect((await queue.receive()).map((message) => message.id)).toEqual(["m1", "m2"]);
});

test("stops at an invocation that was not accepted: that message and the rest stay, and the error says what was done", async () => {
  const queue = fakeQueue([recordBody("uploads/e/a.png"), recordBody("uploads/e/b.png"), recordBody("uploads/e/c.png")]);
  const run = redriveFailures({ queue, target: fakeFunction({ failOn: "uploads/e/b.png" }), startedAt: STARTED, log: () => undefined });

  await expect(run).rejects.toThrow(RedriveError);
  await expect(run).rejects.toThrow(
    `invoking ${FUNCTION} with uploads/e/b.png (message m2) failed: TooManyRequestsException: Rate exceeded. 1 re-driven so far; that message and the rest stay in the-queue`,
  );
  expect(queue.ids()).toEqual(["m2", "m3"]);
  // Visible again at once: a run after the fix re-drives them without waiting for a visibility timeout.
  const next = await redriveFailures({ queue, target: fakeFunction(), startedAt: STARTED, log: () => undefined });
  expect(next).toEqual({ redriven: 2, left: [] });
  expect(queue.ids()).toEqual([]);
});

test("says so when a message was re-driven but could not be deleted", async () => {
  const queue = fakeQueue([recordBody("uploads/e/a.png")], { failDelete: true });
  await expect(redriveFailures({ queue, target: fakeFunction(), startedAt: STARTED, log: () => undefined })).rejects.toThrow(
    "uploads/e/a.png was re-driven (request lambda-uploads/e/a.png) but message m1 could not be deleted from the-queue: AccessDenied. The next run re-drives it again",
  );
  expect(history).toEqual(["invoke uploads/e/a.png", "release m1"]);
});
