/**
 * The SQS failure queue through the real SQSClient, against a fake SQS endpoint that speaks SQS's
 * JSON protocol for the three calls the redrive makes, and keeps what it was asked.
 */
import { createHash } from "node:crypto";
import { SQSClient } from "@aws-sdk/client-sqs";
import { RedriveError } from "../../../scripts/redrive/errors";
import { SqsFailureQueue } from "../../../scripts/redrive/sqs-failure-queue";
import { startFakeEndpoint, type FakeEndpoint, type FakeReply, type FakeRequest } from "../../helpers/fake-endpoint";

const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/event-photos-dev-process-upload-failures";
let endpoint: FakeEndpoint;
let client: SQSClient;
/** Each call: its operation (X-Amz-Target) and its JSON input. */
const calls: { operation: string; input: Record<string, unknown> }[] = [];
let messages: { MessageId: string; ReceiptHandle: string; Body: string }[] = [];

function answer(request: FakeRequest): FakeReply {
  const operation = String(request.headers["x-amz-target"]).replace("AmazonSQS.", "");
  const input = JSON.parse(request.body) as Record<string, unknown>;
  calls.push({ operation, input });
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): FakeReply => ({
    status,
    headers: { "content-type": "application/x-amz-json-1.0", ...headers },
    body: JSON.stringify(body),
  });
  if (operation === "GetQueueUrl") {
    if (input.QueueName === "event-photos-dev-process-upload-failures") return reply(200, { QueueUrl: QUEUE_URL });
    return reply(400, { __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "The specified queue does not exist." }, { "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender" });
  }
  if (operation === "ReceiveMessage") {
    // The SDK checks each body against its MD5, as SQS sends it.
    const batch = messages.splice(0, 10).map((message) => ({ ...message, MD5OfBody: createHash("md5").update(message.Body).digest("hex") }));
    return reply(200, batch.length > 0 ? { Messages: batch } : {});
  }
  if (operation === "DeleteMessage" || operation === "ChangeMessageVisibility") return reply(200, {});
  return reply(400, { __type: "com.amazonaws.sqs#InvalidAction", message: `no ${operation} here` });
}

beforeAll(async () => {
  endpoint = await startFakeEndpoint(answer);
  client = new SQSClient({ region: "eu-west-1", endpoint: endpoint.url, credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await endpoint.stop();
});
beforeEach(() => {
  calls.length = 0;
  messages = [];
});

test("finds the queue by name, long-polls it for up to 10 messages hidden for the run, deletes and releases by receipt", async () => {
  const queue = await SqsFailureQueue.named(client, "event-photos-dev-process-upload-failures");
  expect(queue.name).toBe("event-photos-dev-process-upload-failures");
  messages = [
    { MessageId: "m1", ReceiptHandle: "r1", Body: '{"version":"1.0"}' },
    { MessageId: "m2", ReceiptHandle: "r2", Body: "{}" },
  ];
  expect(await queue.receive()).toEqual([
    { id: "m1", body: '{"version":"1.0"}', receipt: "r1" },
    { id: "m2", body: "{}", receipt: "r2" },
  ]);
  expect(await queue.receive()).toEqual([]);
  await queue.delete({ id: "m1", body: "", receipt: "r1" });
  await queue.release({ id: "m2", body: "", receipt: "r2" });

  expect(calls).toEqual([
    { operation: "GetQueueUrl", input: { QueueName: "event-photos-dev-process-upload-failures" } },
    { operation: "ReceiveMessage", input: { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 2, VisibilityTimeout: 300 } },
    { operation: "ReceiveMessage", input: expect.objectContaining({ QueueUrl: QUEUE_URL }) },
    { operation: "DeleteMessage", input: { QueueUrl: QUEUE_URL, ReceiptHandle: "r1" } },
    { operation: "ChangeMessageVisibility", input: { QueueUrl: QUEUE_URL, ReceiptHandle: "r2", VisibilityTimeout: 0 } },
  ]);
});

test("says when the stage's queue does not exist in its region", async () => {
  const named = SqsFailureQueue.named(client, "event-photos-qa-process-upload-failures");
  await expect(named).rejects.toThrow(RedriveError);
  await expect(named).rejects.toThrow("there is no queue event-photos-qa-process-upload-failures in eu-west-1; is the stage deployed, and are your credentials for its account?");
});
