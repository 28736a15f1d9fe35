/**
 * Jest globalSetup: builds the function zips and the web app once per test run, before any test
 * file, so tests that read dist/functions/manifest.json (synth, stacks) see zips of the code under
 * test, and local stacks serve the app under test.
 */
import { resolve } from "node:path";
import { buildFunctions } from "../../scripts/build/build-functions";
import { buildWeb } from "../../scripts/build/build-web";

export default async function globalSetup(): Promise<void> {
  // The SDK warns on every process that Node 20 loses support in 2027. Lambda runs Node 22 and the
  // SDK is pinned, so in test output (workers and child processes inherit this) it is only noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const rootDir = resolve(__dirname, "..", "..");
  await buildFunctions({ rootDir });
  // The local stack serves this build; started by several test files at once, it must not rebuild.
  await buildWeb({ rootDir });
}
