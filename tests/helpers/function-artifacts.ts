/**
 * Function zips for stack tests, written without esbuild: a tiny handler per function whose
 * source a test may change, zipped and hashed the way the real build records them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE, FUNCTION_NAMES, type FunctionName } from "../../functions/shared/contract";
import { FUNCTIONS_OUT_DIR, sha256, type FunctionArtifact, type FunctionManifest } from "../../scripts/lib/manifest";
import { createZip } from "../../scripts/lib/zip";

/** Writes one zip per function under `rootDir`/dist/functions and returns their manifest. */
export function writeTestArtifacts(rootDir: string, sources: Partial<Record<FunctionName, string>> = {}): FunctionManifest {
  const outDir = join(rootDir, FUNCTIONS_OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  const entries = FUNCTION_NAMES.map((name): [FunctionName, FunctionArtifact] => {
    const source = sources[name] ?? `export const handler = async () => ${JSON.stringify(name)};\n`;
    const zip = createZip([{ name: BUNDLE.entryFile, data: Buffer.from(source) }]);
    const digest = sha256(zip);
    const file = `${FUNCTIONS_OUT_DIR}/${name}-${digest.hex}.zip`;
    writeFileSync(join(rootDir, file), zip);
    return [name, { file, sha256: digest.hex, base64Sha256: digest.base64, bytes: zip.length }];
  });
  return Object.fromEntries(entries) as FunctionManifest;
}
