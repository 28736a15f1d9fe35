/** The web build with the real Vite, in scratch copies of the sources: same sources, same bytes. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ManifestError } from "../../../packaging/manifest";
import { WEB_FILES_DIR, WEB_OUT_DIR, readWebManifest } from "../../../packaging/web-manifest";
import { buildWeb } from "../../../scripts/build/build-web";

jest.setTimeout(120_000);

const REPO = join(__dirname, "..", "..", "..");
/** What the app is made of; node_modules is linked, not copied. */
const SOURCES = ["web", "client", "functions/shared/contract", "package-lock.json", "tsconfig.json"];

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), "web-build-"));
  for (const path of SOURCES) cpSync(join(REPO, path), join(root, path), { recursive: true });
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}

/** Every built file by path, with its bytes. */
function builtFiles(root: string): Map<string, Buffer> {
  const dir = join(root, WEB_OUT_DIR, WEB_FILES_DIR);
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(entries.map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name))]));
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

test("two checkouts build byte-identical files and records, with content-hashed asset names", async () => {
  const [a, b] = [checkout(), checkout()];
  roots.push(a, b);
  const [first, second] = [await buildWeb({ rootDir: a }), await buildWeb({ rootDir: b })];
  expect(first.upToDate).toBe(false);
  expect(second.manifest).toEqual(first.manifest);
  const [filesA, filesB] = [builtFiles(a), builtFiles(b)];
  expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
  for (const [path, bytes] of filesA) expect({ path, same: bytes.equals(filesB.get(path) ?? Buffer.alloc(0)) }).toEqual({ path, same: true });
  for (const record of ["manifest.json", "inputs.json"]) {
    expect(readFileSync(join(b, WEB_OUT_DIR, record), "utf8")).toBe(readFileSync(join(a, WEB_OUT_DIR, record), "utf8"));
  }
  const assets = Object.keys(first.manifest).filter((path) => path.startsWith("assets/"));
  expect(assets.map((path) => path.replace(/-[\w-]{8}\./, "-<hash>.")).sort()).toEqual(["assets/index-<hash>.css", "assets/index-<hash>.js"]);
  expect(readFileSync(join(a, WEB_OUT_DIR, "inputs.json"), "utf8")).not.toContain(a);
});

test("a current build is reused; a change to a source makes it stale, and the rebuild changes only what depends on it", async () => {
  const root = checkout();
  roots.push(root);
  const before = (await buildWeb({ rootDir: root })).manifest;
  expect((await buildWeb({ rootDir: root })).upToDate).toBe(true);

  const page = join(root, "web/src/sign-in-page.tsx");
  writeFileSync(page, readFileSync(page, "utf8").replace("Sign in to see", "Sign in to view"));
  expect(() => readWebManifest(root)).toThrow(new ManifestError("stale", "web/src/sign-in-page.tsx changed since the last web build; run `npm run build`"));
  const after = (await buildWeb({ rootDir: root })).manifest;

  const changed = (manifest: typeof before, other: typeof before) => Object.keys(manifest).filter((path) => manifest[path]?.sha256 !== other[path]?.sha256).sort();
  // The script gets a new name, and index.html, which loads it, new bytes; the stylesheet and the icon stay.
  expect(changed(after, before)).toEqual([expect.stringMatching(/^assets\/index-[\w-]+\.js$/), "index.html"]);
  expect(changed(before, after)).toEqual([expect.stringMatching(/^assets\/index-[\w-]+\.js$/), "index.html"]);
});

test("a damaged or missing build is refused with the fix", async () => {
  const root = checkout();
  roots.push(root);
  expect(() => readWebManifest(root)).toThrow(new ManifestError("missing", "dist/web/manifest.json does not exist: the web app has not been built; run `npm run build`"));
  await buildWeb({ rootDir: root });
  writeFileSync(join(root, WEB_OUT_DIR, WEB_FILES_DIR, "favicon.svg"), "<svg/>");
  expect(() => readWebManifest(root)).toThrow(/^dist\/web\/files\/favicon\.svg has sha256 [0-9a-f]{64} but the manifest says [0-9a-f]{64}; run `npm run build`$/);
  expect((await buildWeb({ rootDir: root })).upToDate).toBe(false);
  expect(() => readWebManifest(root)).not.toThrow();
});
