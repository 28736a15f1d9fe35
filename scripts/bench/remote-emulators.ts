/**
 * The bench's S3 and DynamoDB: the emulators run in a child process (emulator-process.ts), so their
 * CPU is not spent on the handler's thread, as S3's and DynamoDB's is not in AWS. The handle has
 * the shape of the in-process emulators (scripts/lib/emulators.ts), object-created events included.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { CreatedObject, Emulators } from "../local/emulators";
import { CPU_USAGE_REQUEST, emulatorMessageSchema, networkRequest, type EmulatorMessage } from "./emulator-messages";
import { BenchError } from "./errors";
import { tsxArgs } from "./fresh-process";
import type { NetworkModel } from "./network-model";

const ROOT_DIR = join(__dirname, "..", "..");
const SCRIPT = join(__dirname, "emulator-process.ts");

export interface RemoteEmulators extends Emulators {
  /** The emulator process's id. */
  readonly pid: number;
  /** CPU time the emulator process has used so far (all its threads), in milliseconds. */
  cpuMs(): Promise<number>;
  /** Resolves once every request to either emulator waits `model`'s latency first (none at start). */
  setNetwork(model: NetworkModel): Promise<void>;
}

type Answer = Extract<EmulatorMessage, { type: "cpuUsage" | "network" }>;

/**
 * Starts the emulator process and resolves once its endpoints answer. The child's stdin is a pipe
 * from this process, so it stops when this process ends, however it ends.
 */
export function startRemoteEmulators(s3Directory: string): Promise<RemoteEmulators> {
  const args = tsxArgs(SCRIPT, s3Directory);
  const child = spawn(process.execPath, args, { cwd: ROOT_DIR, stdio: ["pipe", "pipe", "pipe"] });
  const listeners = new Set<(object: CreatedObject) => void>();
  /** Requests waiting for their answer; the child answers in order. */
  const waiters: Array<{ resolve: (answer: Answer) => void; reject: (error: Error) => void }> = [];
  let stderr = "";
  let ready = false;
  let stopping = false;
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
    `the emulator process (node ${args.join(" ")}) exited with ${code ?? signal}:\n${stderr.trim()}\nrun that command by hand to see why`;

  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      child.kill("SIGTERM");
      reject(error);
    };
    child.once("error", (error) => fail(new BenchError("measurement", `cannot start node ${args.join(" ")}: ${error.message}`, { cause: error })));
    child.once("exit", (code, signal) => {
      // Before ready this rejects the start; afterwards the bench's next request fails, and this says why.
      if (ready && !stopping) console.error(describeExit(code, signal));
      const error = new BenchError("measurement", describeExit(code, signal));
      for (const waiter of waiters.splice(0)) waiter.reject(error);
      reject(error);
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      let message: EmulatorMessage;
      try {
        message = emulatorMessageSchema.parse(JSON.parse(line));
      } catch (error) {
        fail(new BenchError("measurement", `the emulator process printed ${JSON.stringify(line)}, not a message of emulator-messages.ts; fix emulator-process.ts`, { cause: error }));
        return;
      }
      if (message.type === "objectCreated") {
        for (const listener of listeners) listener(message.object);
        return;
      }
      if (message.type === "cpuUsage" || message.type === "network") {
        waiters.shift()?.resolve(message);
        return;
      }
      ready = true;
      const ask = (line: string) =>
        new Promise<Answer>((resolveAnswer, rejectAnswer) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            rejectAnswer(new BenchError("measurement", describeExit(child.exitCode, child.signalCode)));
            return;
          }
          waiters.push({ resolve: resolveAnswer, reject: rejectAnswer });
          child.stdin.write(`${line}\n`);
        });
      resolve({
        pid: child.pid ?? 0,
        s3Endpoint: message.s3Endpoint,
        dynamodbEndpoint: message.dynamodbEndpoint,
        bucket: message.bucket,
        table: message.table,
        async cpuMs() {
          const answer = await ask(CPU_USAGE_REQUEST);
          if (answer.type !== "cpuUsage") throw new BenchError("measurement", `the emulator process answered ${JSON.stringify(answer)} to ${CPU_USAGE_REQUEST}`);
          return answer.cpuMs;
        },
        async setNetwork(model) {
          const answer = await ask(networkRequest(model));
          if (answer.type !== "network" || answer.s3Ms !== model.s3Ms || answer.dynamodbMs !== model.dynamodbMs) {
            throw new BenchError("measurement", `the emulator process answered ${JSON.stringify(answer)} to ${networkRequest(model)}`);
          }
        },
        onObjectCreated(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        async stop() {
          stopping = true;
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}
