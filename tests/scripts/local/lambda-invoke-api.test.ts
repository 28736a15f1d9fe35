/**
 * The local Lambda API on the API server's port, called with the AWS SDK's own LambdaClient (as
 * the redrive calls it) and with raw requests for what the SDK would never send.
 */
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from "@aws-sdk/client-lambda";
import { ROUTES, apiCors } from "../../../functions/shared/contract";
import { startApiServer, type ApiServer } from "../../../scripts/local/api-server";
import { EMULATOR_CLIENT_CONFIG } from "../../../scripts/local/emulators";
import { createLambdaInvokeApi } from "../../../scripts/local/lambda-invoke-api";

let server: ApiServer;
let lambda: LambdaClient;
const accepted: unknown[] = [];
const routeCalls: string[] = [];

beforeAll(async () => {
  const processUpload = { invoke: (event: unknown) => (accepted.push(event), "request-1") };
  server = await startApiServer({
    port: 0,
    routes: ROUTES,
    cors: apiCors(["*"]),
    authorizer: { authorize: () => Promise.reject(new Error("no token in this test")) },
    invoke: async (name) => {
      routeCalls.push(name);
      return { statusCode: 200 };
    },
    log: () => undefined,
    lambdaInvoke: createLambdaInvokeApi(new Map([["process-upload", processUpload]])),
  });
  lambda = new LambdaClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: server.url, maxAttempts: 1 });
});
afterAll(async () => {
  lambda.destroy();
  await server.stop();
});
beforeEach(() => {
  accepted.length = 0;
});

const invoke = (FunctionName: string, payload: unknown, InvocationType: "Event" | "RequestResponse" | "DryRun" = "Event") =>
  lambda.send(new InvokeCommand({ FunctionName, InvocationType, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));

test("accepts an asynchronous invocation as Lambda does: 202 with a request id, the payload handed to the function", async () => {
  const output = await invoke("process-upload", { Records: [{ n: 1 }] });
  expect(output).toMatchObject({ StatusCode: 202, $metadata: { requestId: "request-1" } });
  expect(accepted).toEqual([{ Records: [{ n: 1 }] }]);
});

test.each(["arn:aws:lambda:us-east-1:000000000000:function:process-upload", "arn:aws:lambda:us-east-1:000000000000:function:process-upload:$LATEST", "000000000000:function:process-upload"])(
  "finds the function by %s",
  async (reference) => {
    expect((await invoke(reference, {})).StatusCode).toBe(202);
  },
);

test("answers Lambda's errors for an unknown function and for invocation types it does not take; nothing is invoked", async () => {
  await expect(invoke("get-photo", {})).rejects.toThrow(ResourceNotFoundException);
  await expect(invoke("get-photo", {})).rejects.toThrow("Function not found: get-photo; the local stack invokes process-upload asynchronously");
  await expect(invoke("process-upload", {}, "RequestResponse")).rejects.toMatchObject({
    name: "InvalidParameterValueException",
    message: "InvocationType RequestResponse is not supported locally; invoke process-upload with InvocationType Event",
  });
  expect(accepted).toEqual([]);
});

const INVOCATIONS = "/2015-03-31/functions/process-upload/invocations";

test.each([
  ["a payload that is not JSON", INVOCATIONS, { method: "POST", body: "{not json", headers: { "x-amz-invocation-type": "Event" } }, 400, "InvalidRequestContentException"],
  ["another operation of the Lambda API", "/2015-03-31/functions/process-upload/configuration", { method: "GET" }, 404, "UnknownOperationException"],
  ["a request from a web page", INVOCATIONS, { method: "POST", body: "{}", headers: { "x-amz-invocation-type": "Event", origin: "https://evil.example" } }, 403, "AccessDeniedException"],
])("refuses %s with Lambda's error, invoking nothing", async (_case, path, request, status, type) => {
  const response = await fetch(`${server.url}${path}`, request);
  expect(response.status).toBe(status);
  expect(response.headers.get("x-amzn-errortype")).toBe(type);
  expect(await response.json()).toEqual({ Type: "User", message: expect.any(String) });
  expect(accepted).toEqual([]);
});

test("leaves the HTTP API's routes as they were", async () => {
  const response = await fetch(`${server.url}/events/demo-event`);
  expect(response.status).toBe(401);
  expect(routeCalls).toEqual([]);
});
