/**
 * The record of a functions build, and the checks the stacks run before they reference it. Both
 * the build (scripts/build) and the stacks import this module; it loads neither esbuild nor cdktf.
 *
 * `manifest.json` is what Terraform needs: per function, the zip and its hashes. `inputs.json`
 * is what freshness needs: the hash of every source file each bundle was built from, of the
 * files that stand for the dependencies and compiler settings, and of the build's own code and
 * esbuild's version, so that a change in how we bundle is a change like any other, and of the
 * native packages each zip carries, by version, so a new version is named when it lands. Synthesizing
 * with zips that no longer match the code would deploy old code under a plan that looks right, so
 * readManifest refuses stale or damaged builds and says how to fix them.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { z } from "zod";

/** Where the build writes, relative to the repository root. */
export const FUNCTIONS_OUT_DIR = "dist/functions";
export const MANIFEST_FILE = "manifest.json";
export const INPUTS_FILE = "inputs.json";
/**
 * Files outside the handlers' import graphs that still shape the bundles: the lock file stands
 * for every bundled dependency, and esbuild reads compiler settings from tsconfig.json.
 */
export const BUILD_CONFIG_FILES = ["package-lock.json", "tsconfig.json"] as const;
/**
 * The build's own code, relative to this repository (the builder), not to the root being built:
 * bundling options and the zip format shape the bytes as much as the sources do.
 */
export const BUILDER_FILES = ["scripts/build/build-functions.ts", "scripts/build/bundle.ts", "scripts/build/native-packages.ts", "scripts/build/zip.ts"] as const;
const BUILDER_ROOT = resolve(__dirname, "..");

const REBUILD = "run `npm run build`";

// Each message completes "<path> is <value>, ...", which names the bad value in ManifestError.
const sha256Hex = z.string({ error: "expected 64 lowercase hex digits" }).regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");
const nonEmpty = z.string({ error: "expected a non-empty string" }).min(1, "expected a non-empty string");
const object = { error: "expected an object" };

const artifactSchema = z.strictObject(
  {
  /** The zip, relative to the repository root, forward slashes. Its name contains `sha256`. */
  file: nonEmpty,
  /** SHA-256 of the zip's bytes, lowercase hex. */
  sha256: sha256Hex,
  /** The same digest in base64, as Terraform's `source_code_hash` expects it. */
  base64Sha256: nonEmpty,
  bytes: z.number({ error: "expected a byte count" }).int("expected a byte count").nonnegative("expected a byte count"),
  },
  object,
);
const manifestSchema = z.record(z.string(), artifactSchema, object);
const inputsSchema = z.strictObject(
  {
    /** The code that bundles and zips (BUILDER_FILES to SHA-256 hex), and the esbuild it drives. */
    builder: z.strictObject({ esbuildVersion: nonEmpty, files: z.record(z.string(), sha256Hex, object) }, object),
    /** Config files to SHA-256 hex, null for one that does not exist. */
    config: z.record(z.string(), sha256Hex.nullable(), object),
    /** Per function, each repo-relative source file to SHA-256 hex. */
    functions: z.record(z.string(), z.record(z.string(), sha256Hex, object), object),
    /** Per function with native packages, each package zipped (its package-lock.json path) to its version. */
    native: z.record(z.string(), z.record(z.string(), nonEmpty, object), object),
  },
  object,
);

/** One function's deployment package. */
export type FunctionArtifact = z.infer<typeof artifactSchema>;
/** The build's artifacts by function name. */
export type FunctionManifest<N extends string = string> = { readonly [K in N]: FunctionArtifact };
/** What each build was made from. */
export type BuildInputs = z.infer<typeof inputsSchema>;
/** The native packages of one function's zip: package-lock.json path to version. */
export type NativePackageVersions = Readonly<Record<string, string>>;
export type BuilderInputs = BuildInputs["builder"];

/**
 * The build is unusable: `missing` (never built here), `invalid` (a record is not what the build
 * writes), `stale` (sources, dependencies or the list of functions changed since), `artifact`
 * (a zip is gone or has other bytes). The message names the problem and the fix.
 */
export class ManifestError extends Error {
  override readonly name = "ManifestError";

  constructor(
    readonly kind: "missing" | "invalid" | "stale" | "artifact",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ReadManifestOptions<N extends string> {
  /** The functions the caller needs. */
  readonly functions: readonly N[];
  /** Where the build wrote, relative to `rootDir`. @default FUNCTIONS_OUT_DIR */
  readonly outDir?: string;
  /** Also refuse a build that holds functions beyond `functions` (a build to reuse as is). @default false */
  readonly exact?: boolean;
}

/**
 * Reads the manifest of the last build and checks that it is complete, that every source file,
 * the lock file, tsconfig.json, the build's own code and esbuild's version are unchanged since,
 * and that every zip still has its bytes. Throws ManifestError saying the problem and the fix.
 */
export function readManifest<N extends string>(rootDir: string, options: ReadManifestOptions<N>): FunctionManifest<N> {
  const root = resolve(rootDir);
  const names: readonly string[] = options.functions;
  const outDir = resolve(root, options.outDir ?? FUNCTIONS_OUT_DIR);
  const manifest = readRecord(root, join(outDir, MANIFEST_FILE), manifestSchema);
  const inputs = readRecord(root, join(outDir, INPUTS_FILE), inputsSchema);

  const recorded: Record<string, string | null> = { ...inputs.config };
  for (const name of names) Object.assign(recorded, inputs.functions[name]);
  const removed = options.exact ? Object.keys(manifest).filter((name) => !names.includes(name)) : [];
  const changes = [
    ...names.filter((name) => !manifest[name] || !inputs.functions[name]).map((name) => `function ${name} was added`),
    ...removed.map((name) => `function ${name} was removed`),
    ...changedBuilder(inputs.builder),
    ...changedNativePackages(root, names.flatMap((name) => Object.entries(inputs.native[name] ?? {}))),
    ...changedFiles(root, recorded),
  ];
  if (changes.length > 0) throw new ManifestError("stale", `${changes.join(", ")} since the last build; ${REBUILD}`);

  const selected: Record<string, FunctionArtifact> = {};
  for (const name of names) {
    const artifact = manifest[name] as FunctionArtifact; // present: checked above
    verifyArtifact(root, artifact);
    selected[name] = artifact;
  }
  return selected as FunctionManifest<N>;
}

/** Writes the build's records; each file is replaced atomically, so a reader never sees half of one. */
export function writeBuildRecords(outDir: string, manifest: Readonly<Record<string, FunctionArtifact>>, inputs: BuildInputs): void {
  writeAtomically(join(outDir, INPUTS_FILE), stableJson(inputs));
  writeAtomically(join(outDir, MANIFEST_FILE), stableJson(manifest));
}

/** Hashes of the build config files in `rootDir`, null where one does not exist. */
export function hashConfigFiles(rootDir: string): Record<string, string | null> {
  return Object.fromEntries(BUILD_CONFIG_FILES.map((path) => [path, hashFileIfPresent(join(rootDir, path))]));
}

/** The builder as it is now: its files' hashes and the version of the esbuild it loads. */
export function describeBuilder(): BuilderInputs {
  // Read from esbuild's package.json, not its API: checking freshness should not load esbuild.
  const packageJson = JSON.parse(readFileSync(createRequire(__filename).resolve("esbuild/package.json"), "utf8")) as { version: string };
  return { esbuildVersion: packageJson.version, files: hashSourceFiles(BUILDER_ROOT, BUILDER_FILES) };
}

/** Hashes of repo-relative `paths` under `rootDir`. */
export function hashSourceFiles(rootDir: string, paths: readonly string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [path, sha256(readFileSync(join(rootDir, path))).hex]));
}

export function sha256(bytes: Uint8Array): { readonly hex: string; readonly base64: string } {
  const digest = createHash("sha256").update(bytes).digest();
  return { hex: digest.toString("hex"), base64: digest.toString("base64") };
}

/** A path relative to the repository root with forward slashes, as the manifest records it. */
export function repoRelative(rootDir: string, path: string): string {
  return relative(rootDir, path).split(sep).join("/");
}

/** JSON with keys sorted at every level, two-space indent and a final newline: same data, same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, inner: unknown) => (isPlainObject(inner) ? sortKeys(inner) : inner), 2)}\n`;
}

/** Writes via a temporary file and a rename, so a concurrent reader sees the old or the new file, never half. */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/** Reads and checks one build record (JSON) against `schema`; ManifestError saying the fix otherwise. */
export function readRecord<T>(root: string, path: string, schema: z.ZodType<T>, built = "the functions have"): T {
  const shown = repoRelative(root, path);
  if (!existsSync(path)) {
    throw new ManifestError("missing", `${shown} does not exist: ${built} not been built; ${REBUILD}`);
  }
  const invalid = (problem: string, cause: unknown) =>
    new ManifestError("invalid", `${shown} is not a valid build record (${problem}); ${REBUILD} to rewrite it`, { cause });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw invalid("not JSON", error);
  }
  const parsed = schema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw invalid(describeIssue(parsed.error.issues[0]), parsed.error);
  return parsed.data;
}

/** `get-photo.sha256 is "x", expected 64 lowercase hex digits`: the path to the bad value, the value, the expectation. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "unreadable";
  const at = issue.path.length > 0 ? issue.path.map(String).join(".") : "the record";
  if (issue.code === "unrecognized_keys") return `${at} has unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  return `${at} is ${JSON.stringify(issue.input) ?? "missing"}, ${issue.message}`;
}

function changedBuilder(recorded: BuilderInputs): string[] {
  const now = describeBuilder();
  const version = now.esbuildVersion === recorded.esbuildVersion ? [] : [`esbuild ${recorded.esbuildVersion} was replaced by ${now.esbuildVersion}`];
  const files = BUILDER_FILES.filter((path) => recorded.files[path] !== now.files[path]).map((path) => `${path} changed`);
  return [...version, ...files];
}

/** `node_modules/sharp 0.35.5 was replaced by 0.35.6`: the lock file's hash says that it changed, this says what. */
function changedNativePackages(root: string, recorded: ReadonlyArray<readonly [string, string]>): string[] {
  if (recorded.length === 0) return [];
  const lockPath = join(root, "package-lock.json");
  const packages = existsSync(lockPath) ? ((JSON.parse(readFileSync(lockPath, "utf8")) as { packages?: Record<string, { version?: string }> }).packages ?? {}) : {};
  return [...new Map(recorded)].flatMap(([path, version]) => {
    const now = packages[path]?.version;
    if (now === version) return [];
    return [now === undefined ? `${path} ${version} was removed from package-lock.json` : `${path} ${version} was replaced by ${now}`];
  });
}

/** How each recorded file (path to SHA-256 hex, null for absent) differs from the file now: "x changed", "x was deleted"... */
export function changedFiles(root: string, recorded: Readonly<Record<string, string | null>>): string[] {
  return Object.keys(recorded)
    .sort()
    .flatMap((path) => {
      const before = recorded[path] ?? null;
      const now = hashFileIfPresent(join(root, path));
      if (now === before) return [];
      if (now === null) return [`${path} was deleted`];
      return before === null ? [`${path} was created`] : [`${path} changed`];
    });
}

function verifyArtifact(root: string, artifact: FunctionArtifact): void {
  const path = resolve(root, artifact.file);
  if (!existsSync(path)) throw new ManifestError("artifact", `${artifact.file} is missing; ${REBUILD}`);
  const bytes = readFileSync(path);
  const digest = sha256(bytes);
  if (digest.hex !== artifact.sha256 || digest.base64 !== artifact.base64Sha256 || bytes.length !== artifact.bytes) {
    throw new ManifestError(
      "artifact",
      `${artifact.file} has sha256 ${digest.hex} (${bytes.length} bytes) but the manifest says ${artifact.sha256} (${artifact.bytes} bytes); ${REBUILD}`,
    );
  }
}

export function hashFileIfPresent(path: string): string | null {
  return existsSync(path) ? sha256(readFileSync(path)).hex : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]]));
}
