/**
 * Builds the web app (web/) with Vite into dist/web/files/ and records it in dist/web/manifest.json
 * (every file with its SHA-256, content type and cache policy, for the stacks and the local web
 * server) and inputs.json (what it was made from). Asset names carry a hash of their content and
 * nothing carries a time, so the same sources give the same bytes; when readWebManifest accepts
 * the last build, it is reused as is. `npm run build` runs it after the functions (`-- --force`
 * rebuilds anyway); `npm start`, the tests and the bench call buildWeb.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { promisify } from "node:util";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { BUILD_CONFIG_FILES, ManifestError, hashFileIfPresent, repoRelative } from "../../packaging/manifest";
import {
  WEB_FILES_DIR,
  WEB_OUT_DIR,
  describeWebBuilder,
  describeWebFile,
  readWebManifest,
  writeWebBuildRecords,
  type WebManifest,
} from "../../packaging/web-manifest";
import { BuildError } from "./bundle";
import { formatSeconds } from "./build-functions";

/** The app's sources, relative to the root being built. */
export const WEB_SOURCE_DIR = "web";
const execFileAsync = promisify(execFile);

export interface BuildWebOptions {
  /** The repository root: the app is read from `web/` below it. */
  readonly rootDir: string;
  /** Where the files and records go, relative to `rootDir`. @default WEB_OUT_DIR */
  readonly outDir?: string;
  /** Build even when the last build is up to date. @default false */
  readonly force?: boolean;
}

export interface WebBuild {
  readonly manifest: WebManifest;
  /** True when the last build was reused because nothing it was made from changed. */
  readonly upToDate: boolean;
}

export async function buildWeb(options: BuildWebOptions): Promise<WebBuild> {
  const rootDir = resolve(options.rootDir);
  const outDir = options.outDir ?? WEB_OUT_DIR;
  if (!options.force) {
    const reused = upToDateBuild(rootDir, outDir);
    if (reused) return { manifest: reused, upToDate: true };
  }
  const filesDir = resolve(rootDir, outDir, WEB_FILES_DIR);
  const moduleIds = await viteBuild(rootDir, filesDir);

  const manifest: Record<string, WebFile> = {};
  for (const path of listFiles(filesDir)) manifest[path] = describeWebFile(path, readFileSync(join(filesDir, path)));
  writeWebBuildRecords(resolve(rootDir, outDir), manifest, { builder: describeWebBuilder(), sources: sourceHashes(rootDir, moduleIds) });
  return { manifest, upToDate: false };
}
type WebFile = WebManifest[string];

/**
 * Runs Vite in a child process (scripts/build/vite-build.ts); returns the absolute paths of every
 * module the bundle was made from. A child, because Vite is an ES module that Jest's module system
 * cannot load, and the tests and the local stack build through this same function.
 */
async function viteBuild(rootDir: string, filesDir: string): Promise<string[]> {
  const worker = join(__dirname, "vite-build.ts");
  try {
    const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", worker, rootDir, filesDir], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as string[];
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new BuildError(`vite could not build ${WEB_SOURCE_DIR}/: ${stderr || (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}

/**
 * What the build was made from: every file below web/ (index.html, public files, sources, its
 * tsconfig), every module of the project it bundled (client/, the contract), and the lock file and
 * root tsconfig, which stand for the dependencies and compiler settings.
 */
function sourceHashes(rootDir: string, moduleIds: readonly string[]): Record<string, string | null> {
  const bundled = moduleIds
    .map((id) => id.split("?")[0] as string)
    .filter((id) => isAbsolute(id) && !id.split(sep).includes("node_modules"))
    .map((id) => repoRelative(rootDir, id))
    .filter((path) => !path.startsWith(".."));
  const webFiles = listFiles(join(rootDir, WEB_SOURCE_DIR)).map((path) => `${WEB_SOURCE_DIR}/${path}`);
  const paths = [...new Set([...BUILD_CONFIG_FILES, ...webFiles, ...bundled])].sort();
  return Object.fromEntries(paths.map((path) => [path, hashFileIfPresent(join(rootDir, path))]));
}

function upToDateBuild(rootDir: string, outDir: string): WebManifest | undefined {
  try {
    return readWebManifest(rootDir, outDir);
  } catch (error) {
    // Missing, stale or damaged: exactly the cases a build fixes.
    if (error instanceof ManifestError) return undefined;
    throw error;
  }
}

/** Every file below `dir`, relative, forward slashes, sorted. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

async function main(args: readonly string[]): Promise<void> {
  const unknown = args.filter((arg) => arg !== "--force");
  if (unknown.length > 0) throw new BuildError(`unknown argument ${unknown.join(" ")}; the only option is --force (rebuild even when up to date)`);
  const rootDir = resolve(__dirname, "..", "..");
  const started = performance.now();
  const { manifest, upToDate } = await buildWeb({ rootDir, force: args.includes("--force") });
  const files = Object.entries(manifest);
  const bytes = files.reduce((sum, [, file]) => sum + file.bytes, 0);
  const state = upToDate ? "up to date" : `built ${files.length} files, ${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`web app ${state} in ${formatSeconds(performance.now() - started)}: ${WEB_OUT_DIR}/${WEB_FILES_DIR}/`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
