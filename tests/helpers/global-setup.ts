/**
 * Jest globalSetup: builds the function zips once per test run, before any test file, so tests
 * that read dist/functions/manifest.json (synth, stacks) see zips of the code under test.
 */
import { resolve } from "node:path";
import { buildFunctions } from "../../scripts/build-functions";

export default async function globalSetup(): Promise<void> {
  await buildFunctions({ rootDir: resolve(__dirname, "..", "..") });
}
