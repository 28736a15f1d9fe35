import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUNDLE } from "../../../functions/shared/contract";
import { buildFunctions, type BuildProgress } from "../../../scripts/build/build-functions";
import { BuildError } from "../../../scripts/build/bundle";
import {
  FUNCTIONS_OUT_DIR,
  describeBuilder,
  readManifest,
  type BuildInputs,
  type FunctionManifest,
} from "../../../packaging/manifest";

/** Fixture handlers: `greet` imports a shared module; `store` adds the AWS SDK and a CommonJS module requiring a built-in. */
const FIXTURE = join(__dirname, "..", "..", "fixtures", "app");
const NODE_MODULES = join(__dirname, "..", "..", "..", "node_modules");
const FUNCTIONS = ["greet", "store"] as const;
type Name = (typeof FUNCTIONS)[number];

let scratch: string;

/** A copy of the fixture at `relativePath` under the scratch directory, its node_modules a symlink to ours. */
function copyFixture(relativePath: string): string {
  const root = join(scratch, relativePath);
  cpSync(FIXTURE, root, { recursive: true });
  symlinkSync(NODE_MODULES, join(root, "node_modules"), "dir");
  return root;
}

function readOut(root: string, file: string): Buffer {
  return readFileSync(join(root, FUNCTIONS_OUT_DIR, file));
}

/** Every file of the out directory with its inode and modification time: a rewrite changes them. */
function outFileStamps(root: string): Record<string, string> {
  const dir = join(root, FUNCTIONS_OUT_DIR);
  return Object.fromEntries(readdirSync(dir).map((file) => [file, `${statSync(join(dir, file)).ino}@${statSync(join(dir, file)).mtimeMs}`]));
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "build-functions-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("buildFunctions", () => {
  let root: string;
  let first: FunctionManifest<Name>;
  let firstRecords: { manifest: Buffer; inputs: Buffer };
  let firstZips: Record<Name, Buffer>;
  const progress: BuildProgress[] = [];

  beforeAll(async () => {
    root = copyFixture("first/app");
    first = await buildFunctions({ rootDir: root, functions: FUNCTIONS, onProgress: (event) => progress.push(event) });
    firstRecords = { manifest: readOut(root, "manifest.json"), inputs: readOut(root, "inputs.json") };
    firstZips = {
      greet: readFileSync(join(root, first.greet.file)),
      store: readFileSync(join(root, first.store.file)),
    };
  });

  it("reports each function once, in order, with its artifact, as built", () => {
    expect(progress).toEqual(FUNCTIONS.map((name) => ({ name, artifact: first[name], upToDate: false })));
  });

  it("writes a manifest of exactly file, sha256, base64Sha256 and bytes per function, matching the zip bytes", () => {
    const written = JSON.parse(firstRecords.manifest.toString("utf8")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(written)).toEqual([...FUNCTIONS]);
    for (const name of FUNCTIONS) {
      const bytes = firstZips[name];
      const digest = createHash("sha256").update(bytes).digest();
      expect(written[name]).toStrictEqual({
        base64Sha256: digest.toString("base64"),
        bytes: bytes.length,
        file: `dist/functions/${name}-${digest.toString("hex")}.zip`,
        sha256: digest.toString("hex"),
      });
      expect(Object.keys(written[name] ?? {})).toEqual(["base64Sha256", "bytes", "file", "sha256"]);
    }
    expect(written).toEqual(first);
  });

  it("records each bundle's own source files, the lock file and the builder, not node_modules", () => {
    const inputs = JSON.parse(firstRecords.inputs.toString("utf8")) as BuildInputs;
    expect(Object.keys(inputs.functions.greet ?? {})).toEqual(["functions/greet/handler.ts", "functions/shared/greeting.ts"]);
    expect(Object.keys(inputs.functions.store ?? {})).toEqual([
      "functions/shared/greeting.ts",
      "functions/shared/legacy-os.js",
      "functions/store/handler.ts",
    ]);
    const lockHash = createHash("sha256").update(readFileSync(join(root, "package-lock.json"))).digest("hex");
    expect(inputs.config["package-lock.json"]).toBe(lockHash);
    expect(inputs.builder).toEqual(describeBuilder());
    expect(Object.keys(inputs.builder.files)).toEqual(["scripts/build/build-functions.ts", "scripts/build/bundle.ts", "scripts/build/native-packages.ts", "scripts/build/zip.ts"]);
  });

  it("reuses the last build when nothing changed: same manifest, every function up to date, nothing rewritten", async () => {
    const before = outFileStamps(root);
    const reported: BuildProgress[] = [];
    const again = await buildFunctions({ rootDir: root, functions: FUNCTIONS, onProgress: (event) => reported.push(event) });
    expect(again).toEqual(first);
    expect(reported).toEqual(FUNCTIONS.map((name) => ({ name, artifact: first[name], upToDate: true })));
    expect(outFileStamps(root)).toEqual(before);
  });

  it("rebuilds a build of other functions instead of reusing it", async () => {
    const reported: BuildProgress[] = [];
    await buildFunctions({ rootDir: root, functions: ["greet"], onProgress: (event) => reported.push(event) });
    expect(reported.map((event) => [event.name, event.upToDate])).toEqual([["greet", false]]);
    const restored = await buildFunctions({ rootDir: root, functions: FUNCTIONS });
    expect(restored).toEqual(first);
  });

  it("gives byte-identical zips and records when forced to build again", async () => {
    const reported: BuildProgress[] = [];
    const again = await buildFunctions({ rootDir: root, functions: FUNCTIONS, force: true, onProgress: (event) => reported.push(event) });
    expect(reported.map((event) => event.upToDate)).toEqual([false, false]);
    expect(again).toEqual(first);
    expect(readOut(root, "manifest.json").equals(firstRecords.manifest)).toBe(true);
    expect(readOut(root, "inputs.json").equals(firstRecords.inputs)).toBe(true);
    expect(readFileSync(join(root, again.store.file)).equals(firstZips.store)).toBe(true);
  });

  it("gives byte-identical zips and records when built from a copy at another path", async () => {
    const elsewhere = copyFixture("another/checkout/at/a/deeper/path");
    const built = await buildFunctions({ rootDir: elsewhere, functions: FUNCTIONS });
    expect(built).toEqual(first);
    for (const name of FUNCTIONS) {
      expect(readFileSync(join(elsewhere, built[name].file)).equals(firstZips[name])).toBe(true);
    }
    expect(readOut(elsewhere, "manifest.json").equals(firstRecords.manifest)).toBe(true);
    expect(readOut(elsewhere, "inputs.json").equals(firstRecords.inputs)).toBe(true);
  });

  it("zips one bundle that Node imports and whose handler runs, SDK and CommonJS included", () => {
    const extracted = join(scratch, "extracted");
    mkdirSync(extracted);
    execFileSync("unzip", ["-q", join(root, first.store.file), "-d", extracted]);
    expect(readdirSync(extracted)).toEqual([BUNDLE.entryFile]);

    const bundleUrl = pathToFileURL(join(extracted, BUNDLE.entryFile)).href;
    const script = `const { handler } = await import(${JSON.stringify(bundleUrl)}); console.log(JSON.stringify(await handler()));`;
    // stdio piped: the SDK warns on stderr about the Node version the tests run on.
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", stdio: "pipe" });
    expect(JSON.parse(output)).toEqual({ message: "hello, store", region: "eu-west-1", endOfLine: JSON.stringify("\n") });
  });
});

describe("buildFunctions after a change", () => {
  it("rebuilds every function when one function's source changed; the unchanged one keeps its bytes", async () => {
    const root = copyFixture("one-changed/app");
    const before = await buildFunctions({ rootDir: root, functions: FUNCTIONS });
    writeFileSync(join(root, "functions/greet/handler.ts"), 'export const handler = async () => "changed";\n');

    const reported: BuildProgress[] = [];
    const after = await buildFunctions({ rootDir: root, functions: FUNCTIONS, onProgress: (event) => reported.push(event) });
    expect(reported.map((event) => [event.name, event.upToDate])).toEqual([
      ["greet", false],
      ["store", false],
    ]);
    expect(after.greet.sha256).not.toBe(before.greet.sha256);
    expect(after.store).toEqual(before.store);
    expect(readManifest(root, { functions: FUNCTIONS })).toEqual(after);
  });

  it("makes readManifest name the changed source until rebuilt, then removes the old zip", async () => {
    const root = copyFixture("changed/app");
    const before = await buildFunctions({ rootDir: root, functions: ["greet"] });
    expect(readManifest(root, { functions: ["greet"] })).toEqual(before);

    writeFileSync(join(root, "functions/shared/greeting.ts"), 'export const greeting = (name: string) => `hi, ${name}`;\n');
    expect(() => readManifest(root, { functions: ["greet"] })).toThrow(expect.objectContaining({ name: "ManifestError", kind: "stale" }));
    expect(() => readManifest(root, { functions: ["greet"] })).toThrow(
      "functions/shared/greeting.ts changed since the last build; run `npm run build`",
    );

    const after = await buildFunctions({ rootDir: root, functions: ["greet"] });
    expect(after.greet.sha256).not.toBe(before.greet.sha256);
    expect(readManifest(root, { functions: ["greet"] })).toEqual(after);
    expect(existsSync(join(root, before.greet.file))).toBe(false);
    expect(readdirSync(join(root, FUNCTIONS_OUT_DIR)).sort()).toEqual([after.greet.file.split("/").at(-1), "inputs.json", "manifest.json"]);
  });
});

describe("buildFunctions failures", () => {
  let root: string;
  beforeAll(() => {
    root = copyFixture("failures/app");
  });

  it("names a handler that does not export `handler`", async () => {
    const build = buildFunctions({ rootDir: root, functions: ["no-handler"] });
    await expect(build).rejects.toThrow(BuildError);
    await expect(build).rejects.toThrow("functions/no-handler/handler.ts exports [main] but no `handler`");
  });

  it("names a missing handler file", async () => {
    const build = buildFunctions({ rootDir: root, functions: ["missing"] });
    await expect(build).rejects.toThrow(BuildError);
    await expect(build).rejects.toThrow("handler entry functions/missing/handler.ts does not exist");
  });

  it("rejects a function name that is not kebab-case", async () => {
    await expect(buildFunctions({ rootDir: root, functions: ["../escape"] })).rejects.toThrow(BuildError);
  });

  it("reports esbuild's errors with file and line", async () => {
    writeFileSync(join(root, "functions/greet/handler.ts"), "export const handler = (;\n");
    const build = buildFunctions({ rootDir: root, functions: ["greet"] });
    await expect(build).rejects.toThrow(BuildError);
    await expect(build).rejects.toThrow(/esbuild could not bundle functions\/greet\/handler.ts:\nfunctions\/greet\/handler.ts:1:\d+: /);
  });
});

describe("a function with native packages: the processor and sharp", () => {
  const REPO = join(__dirname, "..", "..", "..");
  const NAME = "process-upload";
  let first: { root: string; zip: Buffer; inputs: Buffer };
  let entries: Map<string, Buffer>;

  /** The repository's functions and lock file at `relativePath`, node_modules linked. */
  function copyRepo(relativePath: string): string {
    const root = join(scratch, relativePath);
    cpSync(join(REPO, "functions"), join(root, "functions"), { recursive: true });
    for (const file of ["package.json", "package-lock.json", "tsconfig.json"]) cpSync(join(REPO, file), join(root, file));
    symlinkSync(NODE_MODULES, join(root, "node_modules"), "dir");
    return root;
  }

  async function buildAt(root: string, options: { force?: boolean } = {}) {
    const manifest = await buildFunctions({ rootDir: root, functions: [NAME], ...options });
    return { root, zip: readFileSync(join(root, manifest[NAME].file)), inputs: readOut(root, "inputs.json") };
  }

  beforeAll(async () => {
    first = await buildAt(copyRepo("native/one"));
    const { readZip } = await import("../../../scripts/build/zip");
    entries = new Map((await readZip(first.zip)).map((entry) => [entry.name, Buffer.from(entry.data)]));
  });

  it("carries sharp, its runtime dependencies and the linux-arm64 glibc binaries, and nothing of another platform", () => {
    const lock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
    const packages = [...new Set([...entries.keys()].filter((name) => name !== BUNDLE.entryFile).map((name) => name.replace(/^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/?)+)\/.*$/, "$1")))];
    expect(packages.sort()).toEqual([
      "node_modules/@img/colour",
      "node_modules/@img/sharp-libvips-linux-arm64",
      "node_modules/@img/sharp-linux-arm64",
      "node_modules/detect-libc",
      "node_modules/sharp",
      "node_modules/sharp/node_modules/semver",
    ]);
    for (const path of packages) {
      expect({ path, version: JSON.parse(String(entries.get(`${path}/package.json`))).version }).toEqual({ path, version: lock.packages[path]?.version });
    }
    const binaries = [...entries.keys()].filter((name) => /\.node$|\.so(\.|$)/.test(name));
    expect(binaries).toHaveLength(2);
    // ELF e_machine 0xB7: AArch64, whatever machine built the zip.
    for (const name of binaries) expect({ name, machine: entries.get(name)?.readUInt16LE(18) }).toEqual({ name, machine: 0xb7 });
    expect([...entries.keys()].filter((name) => name.includes("/.bin/") || name.endsWith(".package-lock.json"))).toEqual([]);
  });

  it("leaves sharp out of the bundle, required from the zip's node_modules", () => {
    const bundle = String(entries.get(BUNDLE.entryFile));
    expect(bundle).toMatch(/\("sharp"\)/);
    expect(bundle).not.toContain("libvips");
  });

  it("records the native packages' versions, and names a new sharp version as stale", () => {
    const inputs = JSON.parse(first.inputs.toString("utf8")) as BuildInputs;
    expect(inputs.native).toEqual({ [NAME]: expect.objectContaining({ "node_modules/sharp": expect.stringMatching(/^\d+\.\d+\.\d+$/) }) });
    const lockPath = join(first.root, "package-lock.json");
    const lock = readFileSync(lockPath, "utf8");
    const version = inputs.native[NAME]?.["node_modules/sharp"] ?? "";
    writeFileSync(lockPath, lock.replace(`"node_modules/sharp": {\n      "version": "${version}"`, `"node_modules/sharp": {\n      "version": "99.0.0"`));
    try {
      expect(() => readManifest(first.root, { functions: [NAME] })).toThrow(`node_modules/sharp ${version} was replaced by 99.0.0, package-lock.json changed since the last build`);
    } finally {
      writeFileSync(lockPath, lock);
    }
    expect(() => readManifest(first.root, { functions: [NAME] })).not.toThrow();
  });

  it("gives byte-identical zips when forced to build again and when built at another path", async () => {
    const again = await buildAt(first.root, { force: true });
    const elsewhere = await buildAt(copyRepo("native/another/deeper/checkout"));
    for (const build of [again, elsewhere]) {
      expect(build.zip.equals(first.zip)).toBe(true);
      expect(build.inputs.equals(first.inputs)).toBe(true);
    }
  });

  it("fails the build of a handler that imports a native package it does not declare", async () => {
    const root = copyRepo("native/undeclared");
    mkdirSync(join(root, "functions", "sneaky"));
    writeFileSync(join(root, "functions", "sneaky", "handler.ts"), 'import sharp = require("sharp");\nexport const handler = async () => sharp.versions;\n');
    const build = buildFunctions({ rootDir: root, functions: [NAME, "sneaky"], nativePackages: { [NAME]: ["sharp"] } });
    await expect(build).rejects.toThrow(BuildError);
    await expect(build).rejects.toThrow('functions/sneaky/handler.ts imports sharp, which only functions listing it in nativePackages get in their zip; add it to FUNCTIONS["sneaky"].nativePackages');
  });
});
