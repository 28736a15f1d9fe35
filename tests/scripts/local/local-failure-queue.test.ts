import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { retriesExhaustedRecord } from "../../../scripts/local/invocation-record";
import { FAILURE_QUEUES_DIR, LocalFailureQueue, failureQueueDirectory } from "../../../scripts/local/local-failure-queue";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "failure-queue-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const record = (n: number) =>
  retriesExhaustedRecord({ functionArn: "arn:aws:lambda:us-east-1:000000000000:function:process-upload", requestId: `r${n}`, event: { n }, attempts: 3, error: new Error("down"), now: new Date(n) });

test("keeps one file per record in the data directory, whose content is the SQS message body Lambda would send", async () => {
  const directory = failureQueueDirectory(dataDir, "process-upload");
  expect(directory).toBe(join(dataDir, FAILURE_QUEUES_DIR, "process-upload"));
  const kept = record(1);
  const file = await new LocalFailureQueue(directory).send(kept);
  expect(readdirSync(directory)).toEqual([file.slice(directory.length + 1)]);
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(kept);
});

test("a new reader (after a restart) receives what an earlier one kept, oldest first, in batches of at most 10", async () => {
  const writer = new LocalFailureQueue(failureQueueDirectory(dataDir, "process-upload"));
  for (let n = 0; n < 12; n += 1) await writer.send(record(n));

  const reader = new LocalFailureQueue(failureQueueDirectory(dataDir, "process-upload"));
  const first = await reader.receive();
  const second = await reader.receive();
  expect(first).toHaveLength(10);
  expect(second).toHaveLength(2);
  expect([...first, ...second].map((message) => (JSON.parse(message.body) as { requestPayload: { n: number } }).requestPayload.n)).toEqual([...Array(12).keys()]);
  // Received messages stay in the queue, hidden from this reader, until deleted.
  expect(await reader.receive()).toEqual([]);
  expect(await new LocalFailureQueue(failureQueueDirectory(dataDir, "process-upload")).receive()).toHaveLength(10);

  await reader.release(second[0]!);
  expect((await reader.receive()).map((message) => message.id)).toEqual([second[0]!.id]);

  for (const message of [...first, ...second]) await reader.delete(message);
  expect(await new LocalFailureQueue(failureQueueDirectory(dataDir, "process-upload")).receive()).toEqual([]);
});

test("deleting a message twice, or receiving from a queue never written, is no error", async () => {
  const queue = new LocalFailureQueue(failureQueueDirectory(dataDir, "process-upload"));
  expect(await queue.receive()).toEqual([]);
  await queue.send(record(1));
  const [message] = await queue.receive();
  await queue.delete(message!);
  await queue.delete(message!);
  expect(await queue.messageIds()).toEqual([]);
});

test("ignores files being written (a temporary name) and hands over any other message as it is, for the redrive to judge", async () => {
  const directory = failureQueueDirectory(dataDir, "process-upload");
  const queue = new LocalFailureQueue(directory);
  await queue.send(record(1));
  writeFileSync(join(directory, ".half-written.tmp"), '{"vers');
  writeFileSync(join(directory, "000000000000000-junk.json"), "not a record");
  const bodies = (await queue.receive()).map((message) => message.body);
  expect(bodies).toEqual(["not a record", expect.stringContaining('"requestId": "r1"')]);
});
