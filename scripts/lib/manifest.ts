/**
 * The record of a functions build, and the checks the stacks run before they reference it.
 *
 * `manifest.json` is what Terraform needs: per function, the zip and its hashes. `inputs.json`
 * is what freshness needs: the hash of every source file each bundle was built from, of the
 * files that stand for the dependencies and compiler settings, and of the build's own code and
 * esbuild's version, so that a change in how we bundle is a change like any other. Synthesizing with zips that no
 * longer match the code would deploy old code under a plan that looks right, so readManifest
 * refuses stale or damaged builds and says how to fix them.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { FUNCTION_NAMES, type FunctionName } from "../../functions/shared/contract";

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
export const BUILDER_FILES = ["scripts/build-functions.ts", "scripts/lib/bundle.ts", "scripts/lib/zip.ts"] as const;
const BUILDER_ROOT = resolve(__dirname, "..", "..");

const REBUILD = "run `npm run build`";

/** One function's deployment package. */
export interface FunctionArtifact {
  /** The zip, relative to the repository root, forward slashes. Its name contains `sha256`. */
  readonly file: string;
  /** SHA-256 of the zip's bytes, lowercase hex. */
  readonly sha256: string;
  /** The same digest in base64, as Terraform's `source_code_hash` expects it. */
  readonly base64Sha256: string;
  readonly bytes: number;
}

/** The build's artifacts by function name. */
export type FunctionManifest<N extends string = FunctionName> = { readonly [K in N]: FunctionArtifact };

/** The code that bundles and zips, and the esbuild it drives. */
export interface BuilderInputs {
  readonly esbuildVersion: string;
  /** BUILDER_FILES to SHA-256 hex. */
  readonly files: Readonly<Record<string, string>>;
}

/** What each build was made from: repo-relative path to SHA-256 hex (null for an absent config file). */
export interface BuildInputs {
  readonly builder: BuilderInputs;
  readonly config: Readonly<Record<string, string | null>>;
  readonly functions: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export class ManifestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManifestError";
  }
}

/** The functions were never built here (or dist/ was cleaned). */
export class ManifestMissingError extends ManifestError {
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${path} does not exist: the functions have not been built; ${REBUILD}`, options);
    this.name = "ManifestMissingError";
  }
}

/** The file exists but is not what the build writes. */
export class ManifestInvalidError extends ManifestError {
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${path} is not a valid build record (${problem}); ${REBUILD} to rewrite it`, options);
    this.name = "ManifestInvalidError";
  }
}

/** Source, dependencies or the list of functions changed since the build. */
export class StaleBuildError extends ManifestError {
  constructor(
    readonly changes: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${changes.join(", ")} since the last build; ${REBUILD}`, options);
    this.name = "StaleBuildError";
  }
}

/** A zip the manifest names is gone or has other bytes than it had when built. */
export class ArtifactMismatchError extends ManifestError {
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file} ${problem}; ${REBUILD}`, options);
    this.name = "ArtifactMismatchError";
  }
}

/**
 * The records' shapes, checked by hand rather than with zod: every synth reads them, and zod's
 * ~100 modules took longer to load under tsx than the whole check of the build.
 */
type Shape<T> = (value: unknown, at: string) => T;

/** Where a record differs from its shape; readRecord turns it into a ManifestInvalidError. */
class RecordShapeError extends ManifestError {
  /** `at` is the path to the bad value, like `get-photo.sha256`; empty for the whole record. */
  constructor(at: string, problem: string, options?: { cause?: unknown }) {
    super(`${at || "the record"} ${problem}`, options);
    this.name = "RecordShapeError";
  }
}

function child(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

function described(value: unknown): string {
  return JSON.stringify(value) ?? "missing";
}

const text =
  (pattern: RegExp, expected: string): Shape<string> =>
  (value, at) => {
    if (typeof value !== "string" || !pattern.test(value)) throw new RecordShapeError(at, `is ${described(value)}, expected ${expected}`);
    return value;
  };
const sha256Hex = text(/^[0-9a-f]{64}$/, "64 lowercase hex digits");
const nonEmptyText = text(/[\s\S]/, "a non-empty string");
const byteCount: Shape<number> = (value, at) => {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new RecordShapeError(at, `is ${described(value)}, expected a byte count`);
  return value;
};
const nullable =
  <T>(shape: Shape<T>): Shape<T | null> =>
  (value, at) =>
    value === null ? null : shape(value, at);

function plainObject(value: unknown, at: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new RecordShapeError(at, `is ${described(value)}, expected an object`);
  return value;
}

const recordOf =
  <T>(shape: Shape<T>): Shape<Record<string, T>> =>
  (value, at) =>
    Object.fromEntries(Object.entries(plainObject(value, at)).map(([key, inner]) => [key, shape(inner, child(at, key))]));

/** An object with exactly these fields. */
const fields =
  <T extends object>(shapes: { readonly [K in keyof T]: Shape<T[K]> }): Shape<T> =>
  (value, at) => {
    const object = plainObject(value, at);
    const unknown = Object.keys(object).filter((key) => !Object.hasOwn(shapes, key));
    if (unknown.length > 0) throw new RecordShapeError(at, `has unknown field ${unknown.map((key) => `"${key}"`).join(", ")}`);
    return Object.fromEntries(Object.entries<Shape<unknown>>(shapes).map(([key, shape]) => [key, shape(object[key], child(at, key))])) as T;
  };

const manifestShape = recordOf(fields<FunctionArtifact>({ file: nonEmptyText, sha256: sha256Hex, base64Sha256: nonEmptyText, bytes: byteCount }));
const inputsShape = fields<BuildInputs>({
  builder: fields<BuilderInputs>({ esbuildVersion: nonEmptyText, files: recordOf(sha256Hex) }),
  config: recordOf(nullable(sha256Hex)),
  functions: recordOf(recordOf(sha256Hex)),
});

export interface ReadManifestOptions<N extends string> {
  /** The functions the caller needs. @default FUNCTION_NAMES */
  readonly functions?: readonly N[];
  /** Where the build wrote, relative to `rootDir`. @default FUNCTIONS_OUT_DIR */
  readonly outDir?: string;
  /** Also refuse a build that holds functions beyond `functions` (a build to reuse as is). @default false */
  readonly exact?: boolean;
}

/**
 * Reads the manifest of the last build and checks that it is complete, that every source file,
 * the lock file, tsconfig.json, the build's own code and esbuild's version are unchanged since,
 * and that every zip still has its bytes.
 * Throws a ManifestError subclass whose message names the problem and the fix.
 */
export function readManifest<N extends string = FunctionName>(rootDir: string, options: ReadManifestOptions<N> = {}): FunctionManifest<N> {
  const root = resolve(rootDir);
  const names: readonly string[] = options.functions ?? FUNCTION_NAMES;
  const outDir = resolve(root, options.outDir ?? FUNCTIONS_OUT_DIR);
  const manifest = readRecord(root, join(outDir, MANIFEST_FILE), manifestShape);
  const inputs = readRecord(root, join(outDir, INPUTS_FILE), inputsShape);

  const recorded: Record<string, string | null> = { ...inputs.config };
  for (const name of names) Object.assign(recorded, inputs.functions[name]);
  const removed = options.exact ? Object.keys(manifest).filter((name) => !names.includes(name)) : [];
  const changes = [
    ...names.filter((name) => !manifest[name] || !inputs.functions[name]).map((name) => `function ${name} was added`),
    ...removed.map((name) => `function ${name} was removed`),
    ...changedBuilder(inputs.builder),
    ...changedFiles(root, recorded),
  ];
  if (changes.length > 0) throw new StaleBuildError(changes);

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

function readRecord<T>(root: string, path: string, shape: Shape<T>): T {
  const shown = repoRelative(root, path);
  if (!existsSync(path)) throw new ManifestMissingError(shown);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ManifestInvalidError(shown, "not JSON", { cause: error });
  }
  try {
    return shape(json, "");
  } catch (error) {
    if (error instanceof RecordShapeError) throw new ManifestInvalidError(shown, error.message, { cause: error });
    throw error;
  }
}

function changedBuilder(recorded: BuilderInputs): string[] {
  const now = describeBuilder();
  const version = now.esbuildVersion === recorded.esbuildVersion ? [] : [`esbuild ${recorded.esbuildVersion} was replaced by ${now.esbuildVersion}`];
  const files = BUILDER_FILES.filter((path) => recorded.files[path] !== now.files[path]).map((path) => `${path} changed`);
  return [...version, ...files];
}

function changedFiles(root: string, recorded: Readonly<Record<string, string | null>>): string[] {
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
  if (!existsSync(path)) throw new ArtifactMismatchError(artifact.file, "is missing");
  const bytes = readFileSync(path);
  const digest = sha256(bytes);
  if (digest.hex !== artifact.sha256 || digest.base64 !== artifact.base64Sha256 || bytes.length !== artifact.bytes) {
    throw new ArtifactMismatchError(
      artifact.file,
      `has sha256 ${digest.hex} (${bytes.length} bytes) but the manifest says ${artifact.sha256} (${artifact.bytes} bytes)`,
    );
  }
}

function hashFileIfPresent(path: string): string | null {
  return existsSync(path) ? sha256(readFileSync(path)).hex : null;
}

/** Writes via a temporary file and a rename, so a concurrent reader sees the old or the new file, never half. */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]]));
}
