/**
 * Smoke test of a running stage: log in, initiate an upload, PUT a fresh PNG, wait for it to be
 * ready, fetch it from its photo URL and compare the bytes. Exits 1 at the first failed step.
 * Configuration: environment variables (see SMOKE_ENV in smoke-config.ts), e.g.
 *   SMOKE_OUTPUTS_FILE=cdktf-outputs.json SMOKE_STAGE=dev SMOKE_USERNAME=... SMOKE_PASSWORD=... SMOKE_EVENT_ID=... npm run smoke
 */
import { readFileSync } from "node:fs";
import { resolveSmokeConfig } from "./smoke-config";
import { runSmokeTest } from "./smoke-test";

async function main(): Promise<void> {
  const config = resolveSmokeConfig(process.env, (path) => readFileSync(path, "utf8"));
  console.log(`Smoke test of ${config.apiUrl} (event ${config.eventId})`);
  const { photoId } = await runSmokeTest(config);
  console.log(`Smoke test passed: photo ${photoId}`);
}

main().catch((error: unknown) => {
  console.error(`Smoke test FAILED: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
});
