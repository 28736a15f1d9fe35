/** The CDKTF app that `cdktf synth` runs (cdktf.json); `npm run synth` builds the functions first. */
import { resolve } from "node:path";

// Under tsx, Node maps every stack trace through source maps, and it decodes the inline source map
// of every cdktf and provider module as it loads; cdktf captures a stack trace for each token it
// creates. Off before the stacks load (hence the import below): errors are reported by message.
process.setSourceMapsEnabled(false);

import("./app")
  .then(({ createApp }) => createApp({ rootDir: resolve(__dirname, ".."), env: process.env }).synth())
  .catch((error: unknown) => {
    // A config or build problem: its message says the fix, a stack trace would bury it.
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
