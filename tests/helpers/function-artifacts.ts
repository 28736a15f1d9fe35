/**
 * Function zips for stack tests, written without esbuild: a tiny handler per function whose
 * source a test may change, zipped and recorded the way the real build does it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { FUNCTION_NAMES, type FunctionName } from "../../functions/shared/contract";
import { FUNCTIONS_OUT_DIR, type FunctionManifest } from "../../packaging/manifest";
import { writeFunctionZip } from "../../scripts/build/build-functions";

/** Writes one zip per function under `rootDir`/dist/functions and returns their manifest. */
export async function writeTestArtifacts(rootDir: string, sources: Partial<Record<FunctionName, string>> = {}): Promise<FunctionManifest<FunctionName>> {
  const outDir = join(rootDir, FUNCTIONS_OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  const entries = await Promise.all(
    FUNCTION_NAMES.map(async (name) => {
      const source = sources[name] ?? `export const handler = async () => ${JSON.stringify(name)};\n`;
      return [name, await writeFunctionZip(rootDir, outDir, name, Buffer.from(source))] as const;
    }),
  );
  return Object.fromEntries(entries) as FunctionManifest<FunctionName>;
}
