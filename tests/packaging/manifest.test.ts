import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  FUNCTIONS_OUT_DIR,
  describeBuilder,
  hashConfigFiles,
  hashSourceFiles,
  readManifest,
  sha256,
  stableJson,
  writeBuildRecords,
  type BuildInputs,
  type FunctionArtifact,
} from "../../packaging/manifest";

/** A build record written by hand: two functions sharing one module, zips of known bytes. */
const SOURCES: Record<string, string> = {
  "functions/alpha/handler.ts": "export const handler = () => 'alpha';\n",
  "functions/beta/handler.ts": "export const handler = () => 'beta';\n",
  "functions/shared/util.ts": "export const util = 1;\n",
  "package-lock.json": `${JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/native-thing": { version: "1.0.0" } } })}\n`,
};
const INPUTS = { alpha: ["functions/alpha/handler.ts", "functions/shared/util.ts"], beta: ["functions/beta/handler.ts"] };
const NAMES = ["alpha", "beta"] as const;
const VALID_ARTIFACT: FunctionArtifact = { file: "x.zip", sha256: "0".repeat(64), base64Sha256: "AAAA", bytes: 1 };

function writeFile(root: string, path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function writeBuild(root: string): Record<string, FunctionArtifact> {
  for (const [path, content] of Object.entries(SOURCES)) writeFile(root, path, content);
  const manifest: Record<string, FunctionArtifact> = {};
  for (const name of NAMES) {
    const zip = Buffer.from(`zip of ${name}`);
    const digest = sha256(zip);
    const file = `${FUNCTIONS_OUT_DIR}/${name}-${digest.hex}.zip`;
    writeFile(root, file, zip);
    manifest[name] = { file, sha256: digest.hex, base64Sha256: digest.base64, bytes: zip.length };
  }
  const functions = { alpha: hashSourceFiles(root, INPUTS.alpha), beta: hashSourceFiles(root, INPUTS.beta) };
  const native = { alpha: { "node_modules/native-thing": "1.0.0" } };
  writeBuildRecords(join(root, FUNCTIONS_OUT_DIR), manifest, { builder: describeBuilder(), config: hashConfigFiles(root), functions, native });
  return manifest;
}

/** Rewrites the recorded inputs of the build in `root` through `change`. */
function changeRecordedInputs(root: string, change: (inputs: BuildInputs) => BuildInputs): void {
  const path = join(root, FUNCTIONS_OUT_DIR, "inputs.json");
  writeFileSync(path, stableJson(change(JSON.parse(readFileSync(path, "utf8")) as BuildInputs)));
}

describe("readManifest", () => {
  let root: string;
  let built: Record<string, FunctionArtifact>;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "manifest-"));
    built = writeBuild(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("returns the artifacts of a fresh build", () => {
    expect(readManifest(root, { functions: NAMES })).toEqual(built);
  });

  it("returns only the functions asked for", () => {
    expect(Object.keys(readManifest(root, { functions: ["beta"] }))).toEqual(["beta"]);
  });

  it("says how to build when there is no manifest", () => {
    rmSync(join(root, FUNCTIONS_OUT_DIR), { recursive: true });
    expect(() => readManifest(root, { functions: NAMES })).toThrow(expect.objectContaining({ name: "ManifestError", kind: "missing" }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      "dist/functions/manifest.json does not exist: the functions have not been built; run `npm run build`",
    );
  });

  it("names the source file that changed since the build", () => {
    writeFile(root, "functions/shared/util.ts", "export const util = 2;\n");
    expect(() => readManifest(root, { functions: NAMES })).toThrow(expect.objectContaining({ name: "ManifestError", kind: "stale" }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      "functions/shared/util.ts changed since the last build; run `npm run build`",
    );
  });

  it("ignores changes to files of functions not asked for", () => {
    writeFile(root, "functions/shared/util.ts", "export const util = 2;\n");
    expect(Object.keys(readManifest(root, { functions: ["beta"] }))).toEqual(["beta"]);
  });

  it("names every deleted source and a changed lock file", () => {
    rmSync(join(root, "functions/beta/handler.ts"));
    writeFile(root, "package-lock.json", '{"lockfileVersion": 3}\n');
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      "functions/beta/handler.ts was deleted, package-lock.json changed since the last build; run `npm run build`",
    );
  });

  it("names a native package whose version changed in the lock file, or that left it", () => {
    writeFile(root, "package-lock.json", JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/native-thing": { version: "1.0.1" } } }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      "node_modules/native-thing 1.0.0 was replaced by 1.0.1, package-lock.json changed since the last build; run `npm run build`",
    );
    expect(() => readManifest(root, { functions: ["beta"] })).toThrow("package-lock.json changed since the last build");
    writeFile(root, "package-lock.json", "{}\n");
    expect(() => readManifest(root, { functions: NAMES })).toThrow("node_modules/native-thing 1.0.0 was removed from package-lock.json, package-lock.json changed");
  });

  it("notices a config file that appeared after the build", () => {
    writeFile(root, "tsconfig.json", "{}\n");
    expect(() => readManifest(root, { functions: NAMES })).toThrow("tsconfig.json was created since the last build");
  });

  it("names a change of esbuild's version and of the build's own code", () => {
    changeRecordedInputs(root, (inputs) => ({
      ...inputs,
      builder: { esbuildVersion: "0.0.1", files: { ...inputs.builder.files, "scripts/build/bundle.ts": "0".repeat(64) } },
    }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(expect.objectContaining({ name: "ManifestError", kind: "stale" }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      `esbuild 0.0.1 was replaced by ${describeBuilder().esbuildVersion}, scripts/build/bundle.ts changed since the last build; run \`npm run build\``,
    );
  });

  it("notices a build file the record does not list", () => {
    changeRecordedInputs(root, (inputs) => ({ ...inputs, builder: { ...inputs.builder, files: {} } }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      "scripts/build/build-functions.ts changed, scripts/build/bundle.ts changed, scripts/build/native-packages.ts changed, scripts/build/zip.ts changed since the last build",
    );
  });

  it("with exact, names a function the build holds but was not asked for", () => {
    expect(() => readManifest(root, { functions: ["alpha"], exact: true })).toThrow(
      "function beta was removed since the last build; run `npm run build`",
    );
    expect(Object.keys(readManifest(root, { functions: NAMES, exact: true }))).toEqual([...NAMES]);
  });

  it("names a function the build did not include", () => {
    expect(() => readManifest(root, { functions: ["alpha", "gamma"] })).toThrow(
      "function gamma was added since the last build; run `npm run build`",
    );
  });

  it("rejects a missing zip", () => {
    const alpha = built.alpha as FunctionArtifact;
    rmSync(join(root, alpha.file));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(expect.objectContaining({ name: "ManifestError", kind: "artifact" }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(`${alpha.file} is missing; run \`npm run build\``);
  });

  it("rejects a zip whose bytes no longer match its hash", () => {
    const beta = built.beta as FunctionArtifact;
    writeFile(root, beta.file, "tampered");
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      `${beta.file} has sha256 ${sha256(Buffer.from("tampered")).hex} (8 bytes) but the manifest says ${beta.sha256} (${beta.bytes} bytes)`,
    );
  });

  it.each([
    ["not JSON", "{", /dist\/functions\/manifest.json is not a valid build record \(not JSON\); run `npm run build` to rewrite it/],
    ["an unknown field", stableJson({ alpha: { ...VALID_ARTIFACT, extra: 1 } }), /\(alpha has unknown field "extra"\)/],
    ["a bad hash", stableJson({ alpha: { ...VALID_ARTIFACT, sha256: "abc" } }), /\(alpha\.sha256 is "abc", expected 64 lowercase hex digits\)/],
    ["missing a field", stableJson({ alpha: { ...VALID_ARTIFACT, bytes: undefined } }), /\(alpha\.bytes is missing, expected a byte count\)/],
    ["not an object", "[]\n", /\(the record is \[\], expected an object\)/],
  ])("rejects a manifest that is %s", (_case, text, message) => {
    writeFile(root, `${FUNCTIONS_OUT_DIR}/manifest.json`, text);
    expect(() => readManifest(root, { functions: NAMES })).toThrow(expect.objectContaining({ name: "ManifestError", kind: "invalid" }));
    expect(() => readManifest(root, { functions: NAMES })).toThrow(message);
  });

  it("rejects the inputs of a build that did not record its builder", () => {
    changeRecordedInputs(root, ({ config, functions }) => ({ config, functions }) as BuildInputs);
    expect(() => readManifest(root, { functions: NAMES })).toThrow(
      "dist/functions/inputs.json is not a valid build record (builder is missing, expected an object); run `npm run build` to rewrite it",
    );
  });
});

describe("stableJson", () => {
  it("sorts keys at every level and ends with a newline", () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});
