/**
 * The record of a web app build, read by the stacks (one S3 object per file) and the local web
 * server, written by scripts/build/build-web.ts. Like the functions' record (manifest.ts), it
 * names every file with its SHA-256, and inputs.json says what the build was made from, so a stale
 * or damaged build is refused with the fix instead of deploying old code.
 *
 * Files live in dist/web/files/ (exactly what is served); the records beside them are never served.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, resolve } from "node:path";
import { z } from "zod";
import { INPUTS_FILE, MANIFEST_FILE, ManifestError, changedFiles, hashSourceFiles, readRecord, sha256, stableJson, writeAtomically } from "./manifest";

export const WEB_OUT_DIR = "dist/web";
/** Below WEB_OUT_DIR: the files to serve, by their URL path without the leading slash. */
export const WEB_FILES_DIR = "files";
/** The build's own code: Vite's options live in it, so a change there is a change like any other. */
export const WEB_BUILDER_FILES = ["scripts/build/build-web.ts", "scripts/build/vite-build.ts", "packaging/web-manifest.ts"] as const;
const BUILDER_ROOT = resolve(__dirname, "..");
const REBUILD = "run `npm run build`";

/** Content types by extension: a file of another kind is a build error, not a guess on the CDN. */
export const WEB_CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/** Files below assets/ carry their content hash in their name, so they never change: cache them for a year. */
export const IMMUTABLE_PREFIX = "assets/";
export const CACHE_CONTROL = {
  immutable: "public, max-age=31536000, immutable",
  /** index.html, config.json and other fixed names: revalidate every time, so a deploy shows at once. */
  revalidate: "no-cache",
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");
const fileSchema = z.strictObject({
  sha256: sha256Hex,
  /** The same digest in base64, as S3 objects' `source_hash` takes it. */
  base64Sha256: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  contentType: z.string().min(1),
  cacheControl: z.string().min(1),
});
const manifestSchema = z.record(z.string().regex(/^[A-Za-z0-9._/-]+$/, "expected a relative URL path"), fileSchema);
const inputsSchema = z.strictObject({
  builder: z.strictObject({ viteVersion: z.string().min(1), files: z.record(z.string(), sha256Hex) }),
  /** Repo-relative files (sources, lock file, tsconfigs) to SHA-256 hex, null for one that did not exist. */
  sources: z.record(z.string(), sha256Hex.nullable()),
});

export type WebFile = z.infer<typeof fileSchema>;
/** Every file of the built app by its path below the site root (`index.html`, `assets/index-1a2b.js`). */
export type WebManifest = Readonly<Record<string, WebFile>>;
export type WebBuildInputs = z.infer<typeof inputsSchema>;

/** The content type and cache policy a built file is served with; throws for an extension the table lacks. */
export function describeWebFile(path: string, bytes: Uint8Array): WebFile {
  const contentType = WEB_CONTENT_TYPES[extname(path).toLowerCase()];
  if (!contentType) {
    throw new ManifestError("invalid", `the web build wrote ${path}, a kind of file WEB_CONTENT_TYPES in packaging/web-manifest.ts has no content type for; add its extension there`);
  }
  const digest = sha256(bytes);
  return {
    sha256: digest.hex,
    base64Sha256: digest.base64,
    bytes: bytes.length,
    contentType,
    cacheControl: path.startsWith(IMMUTABLE_PREFIX) ? CACHE_CONTROL.immutable : CACHE_CONTROL.revalidate,
  };
}

/** Vite's version and the hashes of the builder's files, as they are now. */
export function describeWebBuilder(): WebBuildInputs["builder"] {
  // Read from Vite's package.json, not its API: a freshness check should not load Vite.
  const packageJson = JSON.parse(readFileSync(createRequire(__filename).resolve("vite/package.json"), "utf8")) as { version: string };
  return { viteVersion: packageJson.version, files: hashSourceFiles(BUILDER_ROOT, WEB_BUILDER_FILES) };
}

export function writeWebBuildRecords(outDir: string, manifest: WebManifest, inputs: WebBuildInputs): void {
  writeAtomically(join(outDir, INPUTS_FILE), stableJson(inputs));
  writeAtomically(join(outDir, MANIFEST_FILE), stableJson(manifest));
}

/**
 * The manifest of the last web build, checked: the builder, Vite and every input unchanged since,
 * every file present with its recorded bytes. Throws ManifestError saying the problem and the fix.
 */
export function readWebManifest(rootDir: string, outDir: string = WEB_OUT_DIR): WebManifest {
  const root = resolve(rootDir);
  const dir = resolve(root, outDir);
  const built = "the web app has";
  const manifest = readRecord(root, join(dir, MANIFEST_FILE), manifestSchema, built);
  const inputs = readRecord(root, join(dir, INPUTS_FILE), inputsSchema, built);
  const now = describeWebBuilder();
  const changes = [
    ...(now.viteVersion === inputs.builder.viteVersion ? [] : [`vite ${inputs.builder.viteVersion} was replaced by ${now.viteVersion}`]),
    ...WEB_BUILDER_FILES.filter((path) => inputs.builder.files[path] !== now.files[path]).map((path) => `${path} changed`),
    ...changedFiles(root, inputs.sources),
  ];
  if (changes.length > 0) throw new ManifestError("stale", `${changes.join(", ")} since the last web build; ${REBUILD}`);
  for (const [path, file] of Object.entries(manifest)) {
    const location = join(dir, WEB_FILES_DIR, path);
    if (!existsSync(location)) throw new ManifestError("artifact", `${outDir}/${WEB_FILES_DIR}/${path} is missing; ${REBUILD}`);
    const digest = sha256(readFileSync(location));
    if (digest.hex !== file.sha256) {
      throw new ManifestError("artifact", `${outDir}/${WEB_FILES_DIR}/${path} has sha256 ${digest.hex} but the manifest says ${file.sha256}; ${REBUILD}`);
    }
  }
  if (!manifest["index.html"]) throw new ManifestError("invalid", `${outDir}/${MANIFEST_FILE} lists no index.html; ${REBUILD}`);
  return manifest;
}
