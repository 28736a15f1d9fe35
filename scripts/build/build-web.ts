/**
 * Builds the web app (web/) with Vite into dist/web/files/ and records it in dist/web/manifest.json
 * (every file with its SHA-256, content type and cache policy, for the stacks and the local web
 * server) and inputs.json (what it was made from). Asset names carry a hash of their content and
 * nothing carries a time, so the same sources give the same bytes; when readWebManifest accepts
 * the last build, it is reused as is. `npm run build` runs it after the functions (`-- --force`
 * rebuilds anyway); `npm start`, the tests and the bench call buildWeb.
 */
import { readFileSync, readdirSync } from "node:fs";
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
const CONTRACT_DIR = ["functions", "shared", "contract", ""].join(sep);

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

/** Runs Vite; returns the absolute paths of every module the bundle was made from. */
async function viteBuild(rootDir: string, filesDir: string): Promise<string[]> {
  // Loaded only when a build is due: Vite costs a noticeable part of a second to import.
  const { build } = await import("vite");
  let output;
  try {
    output = await build({
      configFile: false,
      root: join(rootDir, WEB_SOURCE_DIR),
      base: "/",
      logLevel: "warn",
      mode: "production",
      oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
      build: {
        outDir: filesDir,
        emptyOutDir: true,
        target: "es2022",
        sourcemap: false,
        // The CSP allows no data: URLs, and the browsers this targets all load modules natively.
        assetsInlineLimit: 0,
        modulePreload: { polyfill: false },
        reportCompressedSize: false,
        rolldownOptions: {
          // The contract has no side effects (its test says it imports nothing): modules of it the
          // app does not use, such as the functions table, stay out of the bundle.
          treeshake: { moduleSideEffects: (id: string) => !id.includes(CONTRACT_DIR) },
          output: { entryFileNames: "assets/[name]-[hash].js", chunkFileNames: "assets/[name]-[hash].js", assetFileNames: "assets/[name]-[hash][extname]" },
        },
      },
    });
  } catch (error) {
    throw new BuildError(`vite could not build ${WEB_SOURCE_DIR}/: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const results = Array.isArray(output) ? output : [output];
  return results.flatMap((result) => ("output" in result ? result.output.flatMap((item) => ("moduleIds" in item ? item.moduleIds : [])) : []));
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
