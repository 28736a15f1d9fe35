/**
 * Builds every Lambda handler into a deterministic zip named by its SHA-256 and records the
 * result in dist/functions/manifest.json (for the stacks) and inputs.json (for freshness).
 * Same code and lock file give the same bytes, so Terraform only updates a function whose code
 * changed. When readManifest accepts the last build (nothing it was made from changed, zips
 * intact), that build is reused as is: bundling again would give the very same bytes.
 * `npm run build` runs it (`-- --force` rebuilds anyway); tests, synth and bench call buildFunctions.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { BUNDLE, FUNCTIONS, FUNCTION_NAMES, type FunctionName } from "../../functions/shared/contract";
import {
  FUNCTIONS_OUT_DIR,
  MANIFEST_FILE,
  ManifestError,
  describeBuilder,
  hashConfigFiles,
  hashSourceFiles,
  readManifest,
  repoRelative,
  sha256,
  writeAtomically,
  writeBuildRecords,
  type FunctionArtifact,
  type FunctionManifest,
  type NativePackageVersions,
} from "../../packaging/manifest";
import { BuildError, bundleHandlers } from "./bundle";
import { nativePackageFiles } from "./native-packages";
import { createZip, type ZipEntry } from "./zip";

export interface BuildProgress {
  readonly name: string;
  readonly artifact: FunctionArtifact;
  /** True when the last build's zip was reused because nothing it was made from changed. */
  readonly upToDate: boolean;
}

export interface BuildFunctionsOptions<N extends string> {
  /** The repository root: handlers are read from `functions/<name>/handler.ts` below it. */
  readonly rootDir: string;
  /** Where zips and records go, relative to `rootDir`. @default FUNCTIONS_OUT_DIR */
  readonly outDir?: string;
  /** The functions to build; the out directory then holds exactly these. @default FUNCTION_NAMES */
  readonly functions?: readonly N[];
  /** Called after each function is built or found up to date. @default nothing is reported */
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Bundle even when the last build is up to date. @default false */
  readonly force?: boolean;
  /** Per function, the native packages its zip carries. @default each FUNCTIONS entry's nativePackages */
  readonly nativePackages?: Readonly<Partial<Record<N, readonly string[]>>>;
}

/** A zip this build writes: the function name, a dash and the zip's SHA-256. */
const ZIP_NAME = /^[a-z0-9-]+-[0-9a-f]{64}\.zip$/;

export async function buildFunctions<N extends string = FunctionName>(options: BuildFunctionsOptions<N>): Promise<FunctionManifest<N>> {
  const rootDir = resolve(options.rootDir);
  const outDir = resolve(rootDir, options.outDir ?? FUNCTIONS_OUT_DIR);
  const names: readonly string[] = options.functions ?? FUNCTION_NAMES;
  const reused = options.force ? undefined : upToDateBuild(rootDir, outDir, names);
  if (reused) {
    for (const name of names) options.onProgress?.({ name, artifact: reused[name] as FunctionArtifact, upToDate: true });
    return reused as FunctionManifest<N>;
  }
  mkdirSync(outDir, { recursive: true });
  const nativePackages: Readonly<Record<string, readonly string[] | undefined>> =
    options.nativePackages ?? Object.fromEntries(names.map((name) => [name, (FUNCTIONS as Partial<Record<string, { nativePackages?: readonly string[] }>>)[name]?.nativePackages]));

  const manifest: Record<string, FunctionArtifact> = {};
  const sources: Record<string, Record<string, string>> = {};
  const native: Record<string, NativePackageVersions> = {};
  for (const bundle of await bundleHandlers(rootDir, names, nativePackages)) {
    const packages = await nativePackageFiles(rootDir, nativePackages[bundle.name] ?? []);
    const artifact = await writeFunctionZip(rootDir, outDir, bundle.name, bundle.code, packages.entries);
    manifest[bundle.name] = artifact;
    sources[bundle.name] = hashSourceFiles(rootDir, bundle.sourceInputs);
    if (packages.entries.length > 0) native[bundle.name] = packages.versions;
    options.onProgress?.({ name: bundle.name, artifact, upToDate: false });
  }

  writeBuildRecords(outDir, manifest, { builder: describeBuilder(), config: hashConfigFiles(rootDir), functions: sources, native });
  removeStaleZips(outDir, new Set(Object.values(manifest).map((artifact) => resolve(rootDir, artifact.file))));
  return manifest as FunctionManifest<N>;
}

/**
 * Zips `code` as the function's BUNDLE.entryFile, with `files` beside it (its native packages), into
 * `outDir`, named by the zip's SHA-256, and describes it.
 */
export async function writeFunctionZip(
  rootDir: string,
  outDir: string,
  name: string,
  code: Uint8Array,
  files: readonly ZipEntry[] = [],
): Promise<FunctionArtifact> {
  const zip = await createZip([{ name: BUNDLE.entryFile, data: code }, ...files]);
  const digest = sha256(zip);
  const path = join(outDir, `${name}-${digest.hex}.zip`);
  writeAtomically(path, zip);
  return { file: repoRelative(rootDir, path), sha256: digest.hex, base64Sha256: digest.base64, bytes: zip.length };
}

/** The last build in `outDir` if it holds exactly `names` and readManifest accepts it; otherwise undefined. */
function upToDateBuild(rootDir: string, outDir: string, names: readonly string[]): Readonly<Record<string, FunctionArtifact>> | undefined {
  try {
    return readManifest(rootDir, { functions: names, outDir: repoRelative(rootDir, outDir), exact: true });
  } catch (error) {
    // Missing, stale or damaged: exactly the cases a build fixes.
    if (error instanceof ManifestError) return undefined;
    throw error;
  }
}

/** Zips of earlier builds would pile up with every change; only this build's stay. */
function removeStaleZips(outDir: string, keep: ReadonlySet<string>): void {
  for (const entry of readdirSync(outDir)) {
    const path = join(outDir, entry);
    if (ZIP_NAME.test(entry) && !keep.has(path)) rmSync(path);
  }
}

/** One line per function: "initiate-upload up to date (sha256:…)" or its new size and hash. */
export function formatProgress({ name, artifact, upToDate }: BuildProgress, nameWidth = 0): string {
  const hash = `sha256:${artifact.sha256.slice(0, 12)}`;
  if (upToDate) return `${name.padEnd(nameWidth)} up to date (${hash})`;
  return `${name.padEnd(nameWidth)} built ${(artifact.bytes / 1024).toFixed(1)} KiB (${hash})`;
}

/** A duration for progress lines, e.g. "1.23s". */
export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)}s`;
}

async function main(args: readonly string[]): Promise<void> {
  const unknown = args.filter((arg) => arg !== "--force");
  if (unknown.length > 0) throw new BuildError(`unknown argument ${unknown.join(" ")}; the only option is --force (rebuild even when up to date)`);
  const rootDir = resolve(__dirname, "..", "..");
  const started = performance.now();
  const nameWidth = Math.max(...FUNCTION_NAMES.map((name) => name.length));
  const manifest = await buildFunctions({ rootDir, force: args.includes("--force"), onProgress: (progress) => console.log(formatProgress(progress, nameWidth)) });
  const count = Object.keys(manifest).length;
  console.log(`${count} functions ready in ${formatSeconds(performance.now() - started)}: ${FUNCTIONS_OUT_DIR}/${MANIFEST_FILE}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
