/**
 * Where tracing is on, an invocation reaches X-Ray: run as Lambda runs it (the variables Lambda sets
 * for a sampled request), the handler's subsegment, with its annotations and one subsegment per AWS
 * call, arrives at a stand-in X-Ray daemon over UDP, as the real daemon would receive it.
 */
import { createSocket, type Socket } from "node:dgram";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { Telemetry as TelemetryClass } from "../../../functions/shared/telemetry";
import { lambdaContext } from "../../../scripts/local/handler-host";
import { EMULATOR_CLIENT_CONFIG } from "../../../scripts/local/emulators";
import { captureLogs, type LogCapture } from "../../helpers/log-capture";

const TRACE_ROOT = "1-5759e988-bd862e3fe1be46a994272793";

interface SegmentDocument {
  id: string;
  parent_id?: string;
  name: string;
  namespace?: string;
  trace_id?: string;
  annotations?: Record<string, unknown>;
  fault?: boolean;
  error?: boolean;
  cause?: { exceptions: { message: string }[] };
  aws?: { operation?: string };
}

let daemon: Socket;
let documents: SegmentDocument[];
let dynamodb: Server;
let logs: LogCapture;
let telemetry: TelemetryClass;
let client: DynamoDBClient;
let lambdaEnvironment: Record<string, string> = {};

beforeAll(async () => {
  logs = captureLogs();
  documents = [];
  daemon = createSocket("udp4");
  // Each datagram: a JSON header line, then one segment document.
  daemon.on("message", (message) => documents.push(JSON.parse(message.toString("utf8").split("\n")[1] ?? "null") as SegmentDocument));
  await new Promise<void>((resolve) => daemon.bind(0, "127.0.0.1", resolve));
  dynamodb = createServer((_request, response) => response.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end("{}"));
  await new Promise<void>((resolve) => dynamodb.listen(0, "127.0.0.1", resolve));

  // What Lambda sets for a function with active tracing and a sampled request; the X-Ray SDK reads them when it loads.
  lambdaEnvironment = {
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
    LAMBDA_TASK_ROOT: "/var/task",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
    AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
    _X_AMZN_TRACE_ID: `Root=${TRACE_ROOT};Parent=53995c3f42cd8ad8;Sampled=1`,
    // Powertools would patch node:http and node:https themselves, which jest shares with the next
    // test files of this worker; the SDK's subsegments come from the client middleware anyway.
    POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: "false",
  };
  Object.assign(process.env, lambdaEnvironment);
  const { Telemetry } = await import("../../../functions/shared/telemetry");
  telemetry = new Telemetry({ serviceName: "traced-function", metricsNamespace: "event-photos-test", tracing: true });
  client = telemetry.traced(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: `http://127.0.0.1:${(dynamodb.address() as AddressInfo).port}` }));
});

afterAll(async () => {
  client.destroy();
  daemon.close();
  await new Promise((resolve) => dynamodb.close(resolve));
  logs.stop();
  for (const variable of Object.keys(lambdaEnvironment)) delete process.env[variable];
});

async function handlerSubsegments(count: number): Promise<SegmentDocument[]> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const found = documents.filter((document) => document.name === "## index.handler");
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the daemon received ${documents.length} documents (${documents.map((document) => document.name).join(", ")}), not ${count} handler subsegments`);
}

test("the handler's subsegment, annotated, with the AWS calls it made; a thrown error is recorded on it", async () => {
  const handler = telemetry.instrument(async (fail: boolean) => {
    await client.send(new GetItemCommand({ TableName: "photos", Key: { pk: { S: "EVENT#a" }, sk: { S: "EVENT" } } }));
    if (fail) throw new Error("the store refused");
    return "done";
  });
  expect(await handler(false, lambdaContext("get-event"))).toBe("done");
  await expect(handler(true, lambdaContext("get-event"))).rejects.toThrow("the store refused");

  const [first, second] = await handlerSubsegments(2);
  expect(first).toMatchObject({ trace_id: TRACE_ROOT, annotations: { ColdStart: true, Service: "traced-function" } });
  expect(first?.fault).toBeUndefined();
  expect(second).toMatchObject({ annotations: { ColdStart: false }, fault: true, cause: { exceptions: [expect.objectContaining({ message: "the store refused" })] } });
  // The SDK call of each invocation, as a subsegment of that invocation's handler subsegment (sent on its own).
  for (const handler of [first, second]) {
    expect(documents.filter((document) => document.parent_id === handler?.id)).toEqual([
      expect.objectContaining({ name: "DynamoDB", namespace: "aws", aws: expect.objectContaining({ operation: "GetItem", table_name: "photos" }) }),
    ]);
  }
});
