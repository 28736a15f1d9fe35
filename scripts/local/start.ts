/**
 * `npm start`: the whole system on loopback (DESIGN section 6). Prints progress, then one ready
 * line with the API URL and the stack file; Ctrl-C (SIGINT) or SIGTERM stops everything.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_API_PORT, startLocalStack, type LocalStack } from "./local-stack";
import { DEFAULT_DATA_DIR } from "./stack-file";

const HELP = `Usage: npm start [-- --fresh] [-- --data-dir <dir>]

Starts S3 and DynamoDB emulators, cognito-local, the API and the web app on 127.0.0.1 (building the
app unless up to date), seeds demo-event with an attendee and a non-attendee, and writes
<data dir>/stack.json for clients. Open the web app's URL and sign in as a user it lists.

Options:
  --fresh            wipe the data directory first (start empty)
  --data-dir <dir>   where data persists across restarts (env LOCAL_DATA_DIR) [default: ${DEFAULT_DATA_DIR}]
  --help             show this help

Environment:
  PORT               API port [default: ${DEFAULT_API_PORT}]`;

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
    options: { fresh: { type: "boolean", default: false }, "data-dir": { type: "string" }, help: { type: "boolean", default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = parsePort(process.env.PORT);
  const dataDir = values["data-dir"] ?? process.env.LOCAL_DATA_DIR ?? DEFAULT_DATA_DIR;

  let stopping: Promise<void> | undefined;
  // A signal during start-up waits for the start to finish (or fail) so nothing is left running.
  const shutdown = (exitCode: number) => {
    stopping ??= starting.then(
      (stack) => stack.stop(),
      () => undefined,
    ).then(() => process.exit(exitCode));
  };
  const starting: Promise<LocalStack> = startLocalStack({
    dataDir,
    port,
    fresh: values.fresh,
    onFatal: (error) => {
      console.error(`npm start: ${error.message}`);
      shutdown(1);
    },
  });
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));

  const stack = await starting;
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
