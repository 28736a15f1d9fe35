/**
 * Bundles Lambda handlers, each into a single ESM file, with one esbuild call. Everything a handler
 * imports, the AWS SDK included, goes into its bundle: the SDK version is then pinned by
 * package-lock.json instead of whatever the Lambda runtime happens to ship, and the zip's hash
 * covers all the code. The one exception are native packages (FUNCTIONS[name].nativePackages),
 * which stay external and ship next to the bundle (native-packages.ts); a handler that imports one
 * it does not declare fails the build instead of failing at its cold start. One call for all handlers parses the shared dependencies once and works
 * in parallel; without code splitting every output is still exactly what a build of its entry
 * alone would give.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isBuiltin } from "node:module";
import { build, type BuildFailure, type BuildOptions, type Metafile } from "esbuild";

export interface HandlerBundle {
  /** The function's name, as passed in. */
  readonly name: string;
  /** The bundled ESM code, to be stored as BUNDLE.entryFile in the zip. */
  readonly code: Uint8Array;
  /** The repository files the bundle was built from (repo-relative, forward slashes), without node_modules. */
  readonly sourceInputs: readonly string[];
}

/** The functions could not be built; the message names the problem and the fix. */
export class BuildError extends Error {
  override readonly name = "BuildError";
}

/** Kebab-case: the name becomes part of file names and of the zip's name. */
const FUNCTION_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The handler of function `name`, relative to the repository root. */
export function handlerEntry(name: string): string {
  if (!FUNCTION_NAME.test(name)) throw new BuildError(`function name "${name}" is not kebab-case; name the folder under functions/ like \`initiate-upload\``);
  return `functions/${name}/handler.ts`;
}

/**
 * ESM bundles have no `require`; a bundled CommonJS module that requires a Node built-in would
 * fail at cold start with "Dynamic require of ... is not supported". This banner provides one.
 * https://github.com/evanw/esbuild/issues/1921
 */
const REQUIRE_BANNER = 'import{createRequire as __cjsRequire}from"node:module";const require=__cjsRequire(import.meta.url);';

/** Everything here shapes the bytes of the bundle; nothing may depend on the machine or the path. */
const BUILD_OPTIONS = {
  bundle: true,
  // Shared chunks would make the bundles import each other; every function ships alone.
  splitting: false,
  format: "esm",
  platform: "node",
  target: "node22",
  minify: true,
  // Prefer the ESM builds of dependencies (the AWS SDK ships both): smaller, and tree-shakable.
  mainFields: ["module", "main"],
  sourcemap: false,
  // Legal comments and source maps would carry file paths into the zip.
  legalComments: "none",
  charset: "utf8",
  banner: { js: REQUIRE_BANNER },
  metafile: true,
  write: false,
  logLevel: "silent",
} as const satisfies BuildOptions;

/** Where the outputs are named (never written: `write: false`); not part of any bundle's bytes. */
const OUT_DIR = "out";

/**
 * Bundles the handler of every function in `names`, in that order; `nativePackages` lists, per
 * function, the packages left external for its zip to carry.
 */
export async function bundleHandlers(
  rootDir: string,
  names: readonly string[],
  nativePackages: Readonly<Record<string, readonly string[] | undefined>> = {},
): Promise<HandlerBundle[]> {
  const entries = names.map((name) => ({ name, entry: handlerEntry(name), output: `${OUT_DIR}/${name}.mjs` }));
  for (const { entry } of entries) if (!existsSync(join(rootDir, entry))) throw new BuildError(`handler entry ${entry} does not exist; create it, or remove the function from the list to build`);
  if (entries.length === 0) return [];

  let result;
  try {
    // absWorkingDir makes every path esbuild records relative to the repository root.
    result = await build({
      ...BUILD_OPTIONS,
      external: [...new Set(names.flatMap((name) => nativePackages[name] ?? []))].sort(),
      absWorkingDir: rootDir,
      entryPoints: entries.map(({ name, entry }) => ({ in: entry, out: name })),
      outdir: OUT_DIR,
      outExtension: { ".js": ".mjs" },
    });
  } catch (error) {
    throw esbuildFailed(entries.map(({ entry }) => entry).join(", "), esbuildMessages(error), error);
  }

  const { metafile, outputFiles } = result;
  return entries.map(({ name, entry, output }) => {
    const outputMeta = metafile.outputs[output];
    const file = outputFiles.find((candidate) => candidate.path === join(rootDir, output));
    if (outputMeta === undefined || file === undefined) throw esbuildFailed(entry, [`esbuild returned no ${output}`]);
    if (!outputMeta.exports.includes("handler")) {
      throw new BuildError(`${entry} exports [${outputMeta.exports.join(", ")}] but no \`handler\`; Lambda calls \`handler\`, so add \`export const handler = ...\``);
    }
    const undeclared = outputMeta.imports
      .filter((imported) => imported.external && !isBuiltin(imported.path) && !(nativePackages[name] ?? []).includes(packageName(imported.path)))
      .map((imported) => imported.path);
    if (undeclared.length > 0) {
      throw new BuildError(`${entry} imports ${[...new Set(undeclared)].join(", ")}, which only functions listing it in nativePackages get in their zip; add it to FUNCTIONS["${name}"].nativePackages`);
    }
    return { name, code: file.contents, sourceInputs: [...importGraph(metafile, entry)].filter(isSourceInput).sort() };
  });
}

/**
 * Every input reachable from `entry`: the files a build of that entry alone would list. (An
 * output's own `inputs` leave out modules that contribute no bytes, yet changing one may.)
 */
function importGraph(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    const input = metafile.inputs[path];
    if (seen.has(path) || input === undefined) continue;
    seen.add(path);
    pending.push(...input.imports.map((imported) => imported.path));
  }
  return seen;
}

/** `@img/colour/lib/x.js` is in package `@img/colour`, `sharp/lib` in `sharp`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** Dependencies are stood for by package-lock.json; only the project's own files are inputs. */
function isSourceInput(path: string): boolean {
  return !path.split("/").includes("node_modules");
}

function esbuildFailed(entry: string, messages: readonly string[], cause?: unknown): BuildError {
  return new BuildError(`esbuild could not bundle ${entry}:\n${messages.join("\n")}\nfix the errors above and build again`, { cause });
}

function esbuildMessages(error: unknown): string[] {
  const failure = error as Partial<BuildFailure>;
  if (!Array.isArray(failure.errors)) return [String(error)];
  return failure.errors.map((message) =>
    message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ${message.text}` : message.text,
  );
}
