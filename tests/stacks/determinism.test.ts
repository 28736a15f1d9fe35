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

/**
 * Compares a checkout with one change to the first: each stack in `same` synthesizes the same
 * resources; each stack in `changes` the same addresses, with only `expected` different. Returns
 * the stack directories of the assets that are new, by asset name.
 */
function compare(checkout: typeof first, same: readonly string[], changes: readonly string[], expected: readonly unknown[]): (string | undefined)[] {
  for (const stack of same) expect(resourcesByAddress(checkout.outdir, stack)).toEqual(resourcesByAddress(first.outdir, stack));
  for (const stack of changes) {
    const before = resourcesByAddress(first.outdir, stack);
    const after = resourcesByAddress(checkout.outdir, stack);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after.keys()].filter((address) => after.get(address) !== before.get(address))).toEqual(expected);
  }
  const original = readTree(first.outdir);
  return [...readTree(checkout.outdir).keys()].filter((path) => path.includes("/assets/") && !original.has(path)).map((path) => path.split("/")[3]?.split("_")[0]);
}

test("changing one handler changes only that function's resource and asset", () => {
  const assets = compare(changed, ["photos-infra-dev", "photos-infra-prod", "photos-web-dev", "photos-web-prod"], ["photos-api-dev", "photos-api-prod"], [
    expect.stringMatching(/^aws_lambda_function\.initiate-upload_function_\w+$/),
  ]);
  expect(assets).toEqual(["initiate-upload", "initiate-upload"]);
});

test("changing one file of the web app changes only its object and asset", () => {
  const assets = compare(webChanged, ["photos-infra-dev", "photos-api-dev", "photos-infra-prod", "photos-api-prod"], ["photos-web-dev", "photos-web-prod"], [
    "aws_s3_object.file-assets-index-b2-css",
  ]);
  expect(assets).toEqual(["file-assets-index-b2-css-asset", "file-assets-index-b2-css-asset"]);
});
