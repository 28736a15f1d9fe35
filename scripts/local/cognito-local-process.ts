/**
 * Entry of the cognito-local child process that cognito-local.ts starts, in the data directory:
 * cognito-local itself, made safe to stop. Its stores' writes are atomic (atomic-writes.ts), and
 * SIGTERM, SIGINT or the end of the parent (the local stack) let the writes in flight land before
 * it exits. The parent starts it in a process group of its own, so a signal to the stack's group
 * reaches the stack, which then stops this process in order.
 */
import fs from "node:fs";
import { makeWritesAtomic } from "./atomic-writes";
import { watchParent } from "./parent-watch";

/** Where cognito-local keeps its config and user pools, relative to its working directory. */
const COGNITO_DIRECTORY = ".cognito";
/** A write that has not landed by then is given up; the old file stays whole. */
const EXIT_GRACE_MS = 3000;

const writes = makeWritesAtomic(fs, COGNITO_DIRECTORY);

let exiting = false;
function exitOnceWritten(): void {
  if (exiting) return;
  exiting = true;
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
  void writes.idle().then(() => process.exit(0));
}
process.on("SIGTERM", exitOnceWritten);
process.on("SIGINT", exitOnceWritten);
watchParent(exitOnceWritten);

// cognito-local's own entry: it starts the server and prints the ready line cognito-local.ts waits for.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("cognito-local/lib/bin/start.js");
