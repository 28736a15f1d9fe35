/** The async invoker through the real LambdaClient, against a fake Lambda endpoint that keeps each Invoke it gets. */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { RedriveError } from "../../../scripts/redrive/errors";
import { LambdaAsyncInvoker } from "../../../scripts/redrive/lambda-async-invoker";
import { startFakeEndpoint, type FakeEndpoint, type FakeRequest } from "../../helpers/fake-endpoint";

let endpoint: FakeEndpoint;
let client: LambdaClient;
const invocations: FakeRequest[] = [];
/** The status the fake answers with. */
let status = 202;

beforeAll(async () => {
  endpoint = await startFakeEndpoint((request) => {
    invocations.push(request);
    return { status, headers: { "x-amzn-requestid": "lambda-request-1" }, body: status === 200 ? "null" : "" };
  });
  client = new LambdaClient({ region: "eu-west-1", endpoint: endpoint.url, credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await endpoint.stop();
});
beforeEach(() => {
  invocations.length = 0;
  status = 202;
});

test("invokes the function asynchronously with the event as its payload and returns Lambda's request id", async () => {
  const invoker = new LambdaAsyncInvoker(client, "event-photos-dev-process-upload");
  expect(await invoker.invokeAsync({ Records: [{ s3: { object: { key: "uploads/e/p.png" } } }] })).toBe("lambda-request-1");
  expect(invocations).toEqual([
    expect.objectContaining({
      method: "POST",
      path: "/2015-03-31/functions/event-photos-dev-process-upload/invocations",
      headers: expect.objectContaining({ "x-amz-invocation-type": "Event" }),
      body: '{"Records":[{"s3":{"object":{"key":"uploads/e/p.png"}}}]}',
    }),
  ]);
});

test("counts an answer other than 202 Accepted as not accepted", async () => {
  status = 200;
  await expect(new LambdaAsyncInvoker(client, "event-photos-dev-process-upload").invokeAsync({})).rejects.toThrow(
    new RedriveError("Lambda answered 200 to the asynchronous invocation of event-photos-dev-process-upload, not 202 Accepted"),
  );
});
