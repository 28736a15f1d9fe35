import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { hostname, tmpdir, userInfo } from "node:os";
import { join, relative } from "node:path";
import { writeTestArtifacts } from "../helpers/function-artifacts";
import { synthStages } from "../helpers/stage-synth";
import { writeTestWebFiles } from "../helpers/web-artifacts";
import type { TerraformJson } from "../helpers/stage-stacks";

/** Every file below `dir` by relative path, with its bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name))]));
}

/** Synthesizes every stage from its own root directory, as a separate checkout on another machine would. */
async function synthCheckout(sources: Parameters<typeof writeTestArtifacts>[1] = {}, webChanges: Parameters<typeof writeTestWebFiles>[1] = {}): Promise<{ rootDir: string; outdir: string }> {
  const rootDir = mkdtempSync(join(tmpdir(), "photos-checkout-"));
  const outdir = join(rootDir, "cdktf.out");
  synthStages({ outdir, rootDir, manifest: await writeTestArtifacts(rootDir, sources), webManifest: writeTestWebFiles(rootDir, webChanges) });
  return { rootDir, outdir };
}

/** `type.name` -> the resource's JSON, for every resource of a synthesized stack. */
function resourcesByAddress(outdir: string, stack: string): Map<string, string> {
  const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as TerraformJson;
  return new Map(
    Object.entries(json.resource).flatMap(([type, resources]) =>
      Object.entries(resources).map(([name, resource]): [string, string] => [`${type}.${name}`, JSON.stringify(resource)]),
    ),
  );
}

let first: { rootDir: string; outdir: string };
let second: typeof first;
let changed: typeof first;
let webChanged: typeof first;
beforeAll(async () => {
  first = await synthCheckout();
  second = await synthCheckout();
  changed = await synthCheckout({ "initiate-upload": "export const handler = async () => 'changed';\n" });
  webChanged = await synthCheckout({}, { "assets/index-b2.css": "body { margin: 1px }\n" });
});
afterAll(() => {
  for (const { rootDir } of [first, second, changed, webChanged]) rmSync(rootDir, { recursive: true, force: true });
});

test("two checkouts at different paths synthesize byte-identical output", () => {
  const a = readTree(first.outdir);
  const b = readTree(second.outdir);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  expect(a.size).toBeGreaterThan(4);
  for (const [path, bytes] of a) expect({ path, same: bytes.equals(b.get(path) ?? Buffer.alloc(0)) }).toEqual({ path, same: true });
});

test("the output holds no absolute path, user or host name", () => {
  const machineValues = [first.rootDir, tmpdir(), process.cwd(), userInfo().homedir, hostname()];
  for (const [path, bytes] of readTree(first.outdir)) {
    if (path.endsWith(".zip")) continue;
    const text = bytes.toString("utf8");
    for (const value of machineValues) expect({ path, contains: text.includes(value) }).toEqual({ path, contains: false });
  }
});

test("changing one handler changes only that function's resource and asset", () => {
  for (const stack of ["photos-infra-dev", "photos-infra-prod", "photos-web-dev", "photos-web-prod"]) {
    expect(resourcesByAddress(changed.outdir, stack)).toEqual(resourcesByAddress(first.outdir, stack));
  }
  for (const stack of ["photos-api-dev", "photos-api-prod"]) {
    const before = resourcesByAddress(first.outdir, stack);
    const after = resourcesByAddress(changed.outdir, stack);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const differing = [...after.keys()].filter((address) => after.get(address) !== before.get(address));
    expect(differing).toEqual([expect.stringMatching(/^aws_lambda_function\.initiate-upload_function_\w+$/)]);
  }
  const original = readTree(first.outdir);
  const assetsChanged = [...readTree(changed.outdir).keys()].filter((path) => path.includes("/assets/") && !original.has(path));
  expect(assetsChanged.map((path) => path.split("/")[3]?.split("_")[0])).toEqual(["initiate-upload", "initiate-upload"]);
});

test("changing one file of the web app changes only its object and asset", () => {
  for (const stack of ["photos-infra-dev", "photos-api-dev", "photos-infra-prod", "photos-api-prod"]) {
    expect(resourcesByAddress(webChanged.outdir, stack)).toEqual(resourcesByAddress(first.outdir, stack));
  }
  for (const stack of ["photos-web-dev", "photos-web-prod"]) {
    const before = resourcesByAddress(first.outdir, stack);
    const after = resourcesByAddress(webChanged.outdir, stack);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const differing = [...after.keys()].filter((address) => after.get(address) !== before.get(address));
    expect(differing).toEqual(["aws_s3_object.file-assets-index-b2-css"]);
  }
  const original = readTree(first.outdir);
  const assetsChanged = [...readTree(webChanged.outdir).keys()].filter((path) => path.includes("/assets/") && !original.has(path));
  expect(assetsChanged.map((path) => path.split("/")[3]?.split("_")[0])).toEqual(["file-assets-index-b2-css-asset", "file-assets-index-b2-css-asset"]);
});
