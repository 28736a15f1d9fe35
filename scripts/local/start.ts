/**
 * `npm start`: the whole system on loopback (DESIGN section 6). Prints progress, then one ready
 * line with the API URL and the stack file. SIGINT (Ctrl-C), SIGTERM or SIGHUP, or the end of the
 * parent process, stops everything, also during the start, and prints one "stopped" line. The
 * package script runs this with `exec`, so the signals npm forwards reach this process itself, not
 * a shell that would swallow SIGINT or die alone on SIGTERM.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_API_PORT, startLocalStack, type LocalStack } from "./local-stack";
import { networkPolicy } from "./network-faults";
import { watchParent } from "./parent-watch";
import { DEFAULT_DATA_DIR } from "./stack-file";

/** A stop that takes longer than this (a server that will not close) ends the process anyway. */
const STOP_DEADLINE_MS = 10_000;

const HELP = `Usage: npm start [-- --fresh] [-- --data-dir <dir>] [-- --faults <share>]

Starts S3 and DynamoDB emulators, cognito-local, the API and the web app on 127.0.0.1 (building the
app unless up to date), seeds demo-event with an attendee and a non-attendee, and writes
<data dir>/stack.json for clients. Open the web app's URL and sign in as a user it lists.

Options:
  --fresh            wipe the data directory first (start empty)
  --data-dir <dir>   where data persists across restarts (env LOCAL_DATA_DIR) [default: ${DEFAULT_DATA_DIR}]
  --faults <share>   fail this share (0 to 1) of the functions' S3 and DynamoDB requests with the
                     services' own errors and connection resets, to watch the retries and the
                     failure queue (set AWS_MAX_ATTEMPTS=1 to turn the SDK's own retries off)
  --help             show this help

Environment:
  PORT               API port [default: ${DEFAULT_API_PORT}]`;

function parseFaultShare(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const share = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!(share >= 0 && share <= 1)) throw new Error(`--faults is "${raw}"; set the share of failed requests between 0 and 1, e.g. --faults 0.1`);
  return share;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_API_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT is "${raw}"; set it to a port number between 0 and 65535`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fresh: { type: "boolean", default: false },
      "data-dir": { type: "string" },
      faults: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = parsePort(process.env.PORT);
  const faultShare = parseFaultShare(values.faults);
  const dataDir = values["data-dir"] ?? process.env.LOCAL_DATA_DIR ?? DEFAULT_DATA_DIR;

  const aborted = new AbortController();
  let stopping = false;
  const stop = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    aborted.abort();
    setTimeout(() => {
      console.error(`npm start: the stack did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // A start still running gives up at its next step and stops what it had started.
    void starting
      .then((stack) => stack.stop(), () => undefined)
      .then(() => {
        console.log(`Local stack stopped (${reason})`);
        process.exit(exitCode);
      });
  };
  const starting: Promise<LocalStack> = startLocalStack({
    dataDir,
    port,
    fresh: values.fresh,
    functionNetwork: faultShare === undefined ? undefined : networkPolicy({ faultShare }),
    signal: aborted.signal,
    onFatal: (error) => {
      console.error(`npm start: ${error.message}`);
      stop("a part of it died", 1);
    },
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal, 0));
  watchParent(() => stop("its parent process exited", 0));

  let stack: LocalStack;
  try {
    stack = await starting;
  } catch (error) {
    if (stopping) return;
    throw error;
  }
  if (faultShare !== undefined) console.log(`Fault injection: ${Number((faultShare * 100).toPrecision(6))}% of the functions' S3 and DynamoDB requests fail`);
  console.log(`Local stack ready: API ${stack.stack.apiUrl}, web app ${stack.stack.webUrl} (clients read ${displayPath(stack.stackFilePath)})`);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** Relative to the working directory when inside it, else absolute. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith("..") ? fromCwd : path;
}
