/**
 * Function zips for stack tests, written without esbuild: a tiny handler per function whose
 * source a test may change, zipped and recorded the way the real build does it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { FUNCTION_NAMES, type FunctionName } from "../../functions/shared/contract";
import { writeFunctionZip } from "../../scripts/build-functions";
import { FUNCTIONS_OUT_DIR, type FunctionManifest } from "../../scripts/lib/manifest";

/** Writes one zip per function under `rootDir`/dist/functions and returns their manifest. */
export function writeTestArtifacts(rootDir: string, sources: Partial<Record<FunctionName, string>> = {}): FunctionManifest {
  const outDir = join(rootDir, FUNCTIONS_OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  const entries = FUNCTION_NAMES.map((name) => {
    const source = sources[name] ?? `export const handler = async () => ${JSON.stringify(name)};\n`;
    return [name, writeFunctionZip(rootDir, outDir, name, Buffer.from(source))];
  });
  return Object.fromEntries(entries) as FunctionManifest;
}
