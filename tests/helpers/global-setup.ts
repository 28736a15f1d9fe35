/**
 * Jest globalSetup: builds the function zips once per test run, before any test file, so tests
 * that read dist/functions/manifest.json (synth, stacks) see zips of the code under test.
 */
import { resolve } from "node:path";
import { buildFunctions } from "../../scripts/build/build-functions";

export default async function globalSetup(): Promise<void> {
  // The SDK warns on every process that Node 20 loses support in 2027. Lambda runs Node 22 and the
  // SDK is pinned, so in test output (workers and child processes inherit this) it is only noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  await buildFunctions({ rootDir: resolve(__dirname, "..", "..") });
}
