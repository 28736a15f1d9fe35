/**
 * Cold start per function: the time a fresh node process spends importing the handler module
 * (loading its code and running its top level: config, SDK clients), measured inside the child with
 * process.hrtime around a dynamic import. Node's own boot is the same for both variants and left out.
 *
 * - bundled: the built zip extracted, as Lambda unpacks it. A function with native packages gets
 *   this machine's build of them (the repository's node_modules, at the same locked versions)
 *   instead of the zip's linux-arm64 one, which would not load here.
 * - unbundled: the same handler compiled file by file (esbuild transform, CommonJS, no bundling),
 *   resolving the AWS SDK and the rest from node_modules the conventional way.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { BUNDLE, FUNCTIONS, FUNCTION_NAMES, LIMITS, type FunctionName } from "../../functions/shared/contract";
import type { FunctionManifest } from "../../packaging/manifest";
import { buildFunctions } from "../build/build-functions";
import { createZip, readZip } from "../build/zip";
import { functionEnvironment } from "../local/handler-host";
import { runNode } from "./fresh-process";
import { median, round } from "./stats";
import { BenchError } from "./errors";

export interface ColdStartFigure {
  readonly bundledMs: number;
  readonly unbundledMs: number;
  readonly zipBytes: number;
  /** The same zip with its bundle alone, without native packages: what the bundle itself weighs. */
  readonly bundleZipBytes: number;
}

export interface ColdStartOptions {
  readonly rootDir: string;
  /** A fresh directory for the extracted and the compiled handlers. */
  readonly workDir: string;
  /** Fresh processes per variant and function. */
  readonly runs: number;
  readonly log: (line: string) => void;
}

/**
 * What each handler validates at cold start, with sample values (no request is made, so any valid
 * value does), no emulator endpoints, as in AWS, and no preloaded tsx.
 */
const SAMPLE_SETTINGS = {
  table: "photos",
  bucket: "photos",
  photosBaseUrl: "https://photos.example.com",
  uploadLimitBytes: LIMITS.defaultUploadLimitBytes,
  pixelLimit: LIMITS.defaultPixelLimit,
};

/** Runs in the child: prints the milliseconds `import(argv[1])` took. */
const IMPORT_TIMER = [
  "const url = process.argv[1];",
  "const started = process.hrtime.bigint();",
  "await import(url);",
  "console.log(Number(process.hrtime.bigint() - started) / 1e6);",
].join("\n");

export async function measureColdStarts(options: ColdStartOptions): Promise<Record<FunctionName, ColdStartFigure>> {
  // What Lambda would run is the current code: buildFunctions reuses the last build when it is fresh.
  const manifest = await buildFunctions({ rootDir: options.rootDir });
  const bundled = await extractBundles(options, manifest);
  const unbundled = await compileUnbundled(options);

  const samples = {} as Record<FunctionName, { bundled: number[]; unbundled: number[] }>;
  for (const name of FUNCTION_NAMES) samples[name] = { bundled: [], unbundled: [] };
  for (let run = 1; run <= options.runs; run += 1) {
    for (const name of FUNCTION_NAMES) {
      const env = handlerEnv(name);
      // Alternating the variants spreads a noisy neighbour over both.
      const bundledMs = await importTime(bundled[name], options.workDir, env);
      const unbundledMs = await importTime(unbundled[name], options.workDir, env);
      samples[name].bundled.push(bundledMs);
      samples[name].unbundled.push(unbundledMs);
      options.log(`cold start ${run}/${options.runs} ${name}: bundled ${bundledMs.toFixed(1)} ms, unbundled ${unbundledMs.toFixed(1)} ms`);
    }
  }

  const bundleZipBytes = {} as Record<FunctionName, number>;
  for (const name of FUNCTION_NAMES) {
    const entries = await readZip(readFileSync(join(options.rootDir, manifest[name].file)));
    bundleZipBytes[name] = (await createZip(entries.filter((entry) => entry.name === BUNDLE.entryFile))).length;
  }
  const figures = {} as Record<FunctionName, ColdStartFigure>;
  for (const name of FUNCTION_NAMES) {
    figures[name] = {
      bundledMs: round(median(samples[name].bundled), 1),
      unbundledMs: round(median(samples[name].unbundled), 1),
      zipBytes: manifest[name].bytes,
      bundleZipBytes: bundleZipBytes[name],
    };
  }
  return figures;
}

async function extractBundles(options: ColdStartOptions, manifest: FunctionManifest<FunctionName>): Promise<Record<FunctionName, string>> {
  const files = {} as Record<FunctionName, string>;
  for (const name of FUNCTION_NAMES) {
    const dir = join(options.workDir, "bundled", name);
    mkdirSync(dir, { recursive: true });
    for (const entry of await readZip(readFileSync(join(options.rootDir, manifest[name].file)))) {
      if (entry.name.startsWith("node_modules/")) continue;
      mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
      writeFileSync(join(dir, entry.name), entry.data);
    }
    if (FUNCTIONS[name].nativePackages?.length) symlinkSync(join(options.rootDir, "node_modules"), join(dir, "node_modules"), "dir");
    files[name] = join(dir, BUNDLE.entryFile);
  }
  return files;
}

/** Every module under functions/, transpiled one to one; node_modules is linked so requires resolve as in the repo. */
async function compileUnbundled(options: ColdStartOptions): Promise<Record<FunctionName, string>> {
  const outDir = join(options.workDir, "unbundled");
  const sourceDir = join(options.rootDir, "functions");
  const entryPoints = readdirSync(sourceDir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts"))
    .map((path) => join(sourceDir, path));
  await build({ entryPoints, outbase: sourceDir, outdir: join(outDir, "functions"), bundle: false, format: "cjs", platform: "node", target: "node22", logLevel: "silent" });
  symlinkSync(join(options.rootDir, "node_modules"), join(outDir, "node_modules"), "dir");
  return Object.fromEntries(FUNCTION_NAMES.map((name) => [name, join(outDir, "functions", name, "handler.js")])) as Record<FunctionName, string>;
}

/** The environment a handler's cold start sees: AWS-like, plus a sample value for each variable it validates. */
function handlerEnv(name: FunctionName): Record<string, string> {
  return { NODE_OPTIONS: "", ...functionEnvironment(name, SAMPLE_SETTINGS) };
}

async function importTime(file: string, cwd: string, env: Readonly<Record<string, string>>): Promise<number> {
  const { stdout } = await runNode(["--input-type=module", "-e", IMPORT_TIMER, pathToFileURL(file).href], { cwd, env });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new BenchError("measurement", `importing ${relative(cwd, file)} printed "${stdout.trim()}" instead of milliseconds`);
  return ms;
}
