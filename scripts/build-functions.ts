/**
 * Builds every Lambda handler into a deterministic zip named by its SHA-256 and records the
 * result in dist/functions/manifest.json (for the stacks) and inputs.json (for freshness).
 * Same code and lock file give the same bytes, so Terraform only updates a function whose code
 * changed. `npm run build` runs it; tests, synth and bench call buildFunctions.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { BUNDLE, FUNCTION_NAMES, type FunctionName } from "../functions/shared/contract";
import { bundleHandler } from "./lib/bundle";
import {
  FUNCTIONS_OUT_DIR,
  MANIFEST_FILE,
  hashConfigFiles,
  hashSourceFiles,
  repoRelative,
  sha256,
  writeAtomically,
  writeBuildRecords,
  type FunctionArtifact,
  type FunctionManifest,
} from "./lib/manifest";
import { createZip } from "./lib/zip";

export interface BuildProgress {
  readonly name: string;
  readonly artifact: FunctionArtifact;
  /** Wall-clock time of this function's bundle and zip. */
  readonly milliseconds: number;
}

export interface BuildFunctionsOptions<N extends string> {
  /** The repository root: handlers are read from `functions/<name>/handler.ts` below it. */
  readonly rootDir: string;
  /** Where zips and records go, relative to `rootDir`. @default FUNCTIONS_OUT_DIR */
  readonly outDir?: string;
  /** The functions to build; the out directory then holds exactly these. @default FUNCTION_NAMES */
  readonly functions?: readonly N[];
  /** Called after each function is built. @default nothing is reported */
  readonly onProgress?: (progress: BuildProgress) => void;
}

/** A zip this build writes: the function name, a dash and the zip's SHA-256. */
const ZIP_NAME = /^[a-z0-9-]+-[0-9a-f]{64}\.zip$/;

export async function buildFunctions<N extends string = FunctionName>(options: BuildFunctionsOptions<N>): Promise<FunctionManifest<N>> {
  const rootDir = resolve(options.rootDir);
  const outDir = resolve(rootDir, options.outDir ?? FUNCTIONS_OUT_DIR);
  const names: readonly string[] = options.functions ?? FUNCTION_NAMES;
  mkdirSync(outDir, { recursive: true });

  const manifest: Record<string, FunctionArtifact> = {};
  const sources: Record<string, Record<string, string>> = {};
  for (const name of names) {
    const started = performance.now();
    const bundle = await bundleHandler(rootDir, name);
    const zip = createZip([{ name: BUNDLE.entryFile, data: bundle.code }]);
    const digest = sha256(zip);
    const path = join(outDir, `${name}-${digest.hex}.zip`);
    writeAtomically(path, zip);
    manifest[name] = { file: repoRelative(rootDir, path), sha256: digest.hex, base64Sha256: digest.base64, bytes: zip.length };
    sources[name] = hashSourceFiles(rootDir, bundle.sourceInputs);
    options.onProgress?.({ name, artifact: manifest[name], milliseconds: performance.now() - started });
  }

  writeBuildRecords(outDir, manifest, { config: hashConfigFiles(rootDir), functions: sources });
  removeStaleZips(outDir, new Set(Object.values(manifest).map((artifact) => resolve(rootDir, artifact.file))));
  return manifest as FunctionManifest<N>;
}

/** Zips of earlier builds would pile up with every change; only this build's stay. */
function removeStaleZips(outDir: string, keep: ReadonlySet<string>): void {
  for (const entry of readdirSync(outDir)) {
    const path = join(outDir, entry);
    if (ZIP_NAME.test(entry) && !keep.has(path)) rmSync(path);
  }
}

function formatProgress({ name, artifact, milliseconds }: BuildProgress, nameWidth: number): string {
  const size = `${(artifact.bytes / 1024).toFixed(1)} KiB`;
  return `${name.padEnd(nameWidth)}  ${size.padStart(10)}  sha256:${artifact.sha256.slice(0, 12)}  ${formatSeconds(milliseconds)}`;
}

function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)}s`;
}

async function main(): Promise<void> {
  const rootDir = resolve(__dirname, "..");
  const started = performance.now();
  const nameWidth = Math.max(...FUNCTION_NAMES.map((name) => name.length));
  const manifest = await buildFunctions({ rootDir, onProgress: (progress) => console.log(formatProgress(progress, nameWidth)) });
  const count = Object.keys(manifest).length;
  console.log(`built ${count} functions in ${formatSeconds(performance.now() - started)}: ${FUNCTIONS_OUT_DIR}/${MANIFEST_FILE}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
