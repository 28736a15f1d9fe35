/**
 * Runs the S3 and DynamoDB emulators in a process of their own, for the bench: in AWS, S3 and
 * DynamoDB are remote services whose work never runs on the function's thread, so the bench keeps
 * the emulators' CPU off the handler's thread too. Started by `startEmulatorProcess`, not by hand.
 *
 * Usage: node --import tsx scripts/bench/emulator-process.ts <s3-directory>
 *
 * Protocol (stdout, one JSON object per line, see emulator-messages.ts): first `ready` with the
 * endpoints, then one `objectCreated` per object S3 stored, a `cpuUsage` for every `cpu-usage`
 * line on stdin (the bench shows where the CPU goes), and a `network` for every `network <s3Ms>
 * <dynamodbMs>` line, which sets the latency added to each request from then on (network-model.ts;
 * none at start) by the fault proxies (scripts/local/fault-proxy.ts) the endpoints name. It stops on SIGTERM or SIGINT, and when its stdin closes:
 * the parent holds the other end, so the emulators never outlive the bench, even when the bench
 * is killed.
 */
import { startEmulators } from "../local/emulators";
import { startFaultProxy, type RequestPolicy } from "../local/fault-proxy";
import { createInterface } from "node:readline";
import { BenchError } from "./errors";
import { CPU_USAGE_REQUEST, parseNetworkRequest, type EmulatorMessage } from "./emulator-messages";
import { LOOPBACK } from "./network-model";

function send(message: EmulatorMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const s3Directory = process.argv[2];
  if (!s3Directory) throw new BenchError("usage", "missing the S3 directory; run: node --import tsx scripts/bench/emulator-process.ts <s3-directory>");

  let network = LOOPBACK;
  const starting = startEmulators({ s3Directory });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Exit even if a client keeps a connection open, or startup failed: nothing here is worth waiting for.
    void starting.then((emulators) => emulators.stop()).finally(() => process.exit(0));
  };
  // Watch the parent from the start, so a parent that dies during startup is noticed too.
  process.stdin.on("end", stop).on("close", stop);
  createInterface({ input: process.stdin }).on("line", (line) => {
    const model = parseNetworkRequest(line);
    if (model) {
      network = model;
      send({ type: "network", ...network });
    } else if (line === CPU_USAGE_REQUEST) {
      const { user, system } = process.cpuUsage();
      send({ type: "cpuUsage", cpuMs: (user + system) / 1000 });
    }
  });
  process.once("SIGTERM", stop).once("SIGINT", stop);

  const emulators = await starting;
  emulators.onObjectCreated((object) => send({ type: "objectCreated", object }));
  // Every request crosses a proxy in this process, so the modeled network costs the bench's process nothing.
  const policy: RequestPolicy = ({ service }) => ({ kind: "forward", delayMs: service === "s3" ? network.s3Ms : network.dynamodbMs });
  const s3 = await startFaultProxy({ upstream: emulators.s3Endpoint, service: "s3", policy });
  const dynamodb = await startFaultProxy({ upstream: emulators.dynamodbEndpoint, service: "dynamodb", policy });
  const { bucket, table } = emulators;
  send({ type: "ready", s3Endpoint: s3.url, dynamodbEndpoint: dynamodb.url, bucket, table });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
