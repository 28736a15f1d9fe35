/**
 * The layering the project's folders keep (README "Layout"): which folder may import which. An
 * import is any `from "..."`, `import("...")` or `require("...")` of a relative path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Each checked folder, and the repository paths its files may import (besides their own folder and packages). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // Lambda code ships alone in its zip.
  functions: [],
  // The client runs in the browser and in Node: the contract and nothing else of the project.
  client: ["functions/shared/contract"],
  // The build record both the build and the stacks read.
  packaging: ["functions/shared/contract"],
  // The stacks never import scripts: anything both need lives in packaging/ or the contract.
  stacks: ["functions/shared/contract", "packaging"],
  // The web app talks to the API only through the client.
  web: ["client", "functions/shared/contract"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((path) => /\.tsx?$/.test(path))
    .map((path) => join(dir, path));
}

/** Repository-relative targets of every relative import in `file`. */
function relativeImports(file: string): string[] {
  const source = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...source.matchAll(/(?:from\s+|import\(\s*|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((match) => match[1] as string);
  return specifiers.map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join("/"));
}

describe.each(Object.entries(ALLOWED))("%s/", (folder, allowed) => {
  test("imports only itself and what its layer allows", () => {
    const outside = sourceFiles(folder).flatMap((file) =>
      relativeImports(file)
        .filter((target) => !target.startsWith(`${folder}/`) && !allowed.some((prefix) => target === prefix || target.startsWith(`${prefix}/`)))
        .map((target) => `${file} imports ${target}`),
    );
    expect(outside).toEqual([]);
  });
});

test("the contract imports nothing but itself, so the web app can bundle it", () => {
  const outside = sourceFiles("functions/shared/contract").flatMap((file) => {
    const source = readFileSync(join(ROOT, file), "utf8");
    const packages = [...source.matchAll(/from\s+["']([^./][^"']*)["']/g)].map((match) => `${file} imports package ${match[1]}`);
    const files = relativeImports(file).filter((target) => !target.startsWith("functions/shared/contract/")).map((target) => `${file} imports ${target}`);
    return [...packages, ...files];
  });
  expect(outside).toEqual([]);
});
