/** The CDKTF app that `cdktf synth` runs (cdktf.json); `npm run synth` builds the functions first. */
import { resolve } from "node:path";
import { createApp } from "./app";

try {
  createApp({ rootDir: resolve(__dirname, ".."), env: process.env }).synth();
} catch (error) {
  // A config or build problem: its message says the fix, a stack trace would bury it.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
