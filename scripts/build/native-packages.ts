/**
 * Packages with native binaries (FUNCTIONS[name].nativePackages) cannot be bundled: esbuild leaves
 * them external, and the function's zip carries them under `node_modules/`, installed for Lambda's
 * platform whatever machine builds. They come from the lock file and nowhere else: the entries of
 * each package's closure (its dependencies and optional dependencies, as npm resolves them) are
 * written as a small lock file of their own, and `npm ci --os --cpu --libc` installs exactly those
 * versions, integrity-checked, into a cache under dist/ keyed by that lock. Only the packages whose
 * os/cpu/libc match the platform land there, so nothing of the build machine's platform is zipped.
 * https://sharp.pixelplumbing.com/install#cross-platform
 */
import { execFile } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { sha256, stableJson, type NativePackageVersions } from "../../packaging/manifest";
import { BuildError } from "./bundle";
import type { ZipEntry } from "./zip";

/** Lambda's Node.js runtime on Graviton (FUNCTIONS run arm64, see stacks/constructs/photo-function.ts). */
export const LAMBDA_PLATFORM = { os: "linux", cpu: "arm64", libc: "glibc" } as const;
export type Platform = typeof LAMBDA_PLATFORM;

/** Where installs are cached, relative to the repository root (git-ignored with the rest of dist/). */
export const NATIVE_CACHE_DIR = "dist/native";
/** Written last into a cache directory: its presence means the install finished. */
const COMPLETE_MARKER = ".installed";

interface LockEntry {
  readonly version?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
}

interface LockFile {
  readonly packages?: Readonly<Record<string, LockEntry>>;
}

export interface NativeFiles {
  /** Every file of every installed package, as zip entries under `node_modules/`. */
  readonly entries: readonly ZipEntry[];
  /** What was installed: lock path to version, for the build record. */
  readonly versions: NativePackageVersions;
}

/** Installs (or reuses the cached install of) `names` and their closure for `platform`; returns their files. */
export async function nativePackageFiles(rootDir: string, names: readonly string[], platform: Platform = LAMBDA_PLATFORM): Promise<NativeFiles> {
  if (names.length === 0) return { entries: [], versions: {} };
  const packages = readLockPackages(rootDir);
  const roots = names.map((name) => {
    const path = `node_modules/${name}`;
    if (!packages[path]?.version) throw new BuildError(`native package ${name} is not in package-lock.json; add it with \`npm install --save-exact ${name}\``);
    return path;
  });
  const closure = lockClosure(packages, roots, () => true);
  const forPlatform = lockClosure(packages, roots, (entry) => matchesPlatform(entry, platform));

  const lock = stableJson({
    name: "native-packages",
    lockfileVersion: 3,
    requires: true,
    packages: { "": { name: "native-packages", dependencies: rootDependencies(packages, roots) }, ...Object.fromEntries(closure.map((path) => [path, packages[path]])) },
  });
  const dir = join(rootDir, NATIVE_CACHE_DIR, sha256(Buffer.from(`${JSON.stringify(platform)}\n${lock}`)).hex.slice(0, 16));
  if (!existsSync(join(dir, COMPLETE_MARKER))) await install(dir, lock, rootDependencies(packages, roots), platform);

  const versions: Record<string, string> = {};
  const entries: ZipEntry[] = [];
  for (const path of forPlatform) {
    const version = packages[path]?.version ?? "";
    const installed = join(dir, path);
    const manifest = join(installed, "package.json");
    const installedVersion = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version : undefined;
    if (installedVersion !== version) {
      throw new BuildError(`${path} in ${NATIVE_CACHE_DIR} is ${installedVersion ?? "missing"}, not ${version} as package-lock.json says; delete ${NATIVE_CACHE_DIR} and build again`);
    }
    versions[path] = version;
    entries.push(...packageFiles(installed, path));
  }
  return { entries, versions };
}

function readLockPackages(rootDir: string): Readonly<Record<string, LockEntry>> {
  const path = join(rootDir, "package-lock.json");
  if (!existsSync(path)) throw new BuildError(`${path} does not exist; native packages are installed at the lock file's versions, so run \`npm install\` first`);
  return (JSON.parse(readFileSync(path, "utf8")) as LockFile).packages ?? {};
}

/**
 * The lock paths reachable from `roots` through dependencies and optional dependencies whose entry
 * `include` accepts, resolved as Node does: the nearest `node_modules/<name>` up from the dependent.
 */
export function lockClosure(packages: Readonly<Record<string, LockEntry>>, roots: readonly string[], include: (entry: LockEntry) => boolean): string[] {
  const seen = new Set<string>();
  const pending = [...roots];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    const entry = packages[path];
    if (seen.has(path) || !entry || !include(entry)) continue;
    seen.add(path);
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const resolved = resolveInLock(packages, path, dependency);
      if (resolved) pending.push(resolved);
      else if (entry.dependencies?.[dependency]) throw new BuildError(`${path} depends on ${dependency}, which package-lock.json does not hold; run \`npm install\``);
    }
  }
  return [...seen].sort();
}

function resolveInLock(packages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | undefined {
  for (let dir = from; ; ) {
    const candidate = `${dir}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    const parent = dir.lastIndexOf("/node_modules/");
    if (parent < 0) return packages[`node_modules/${name}`] ? `node_modules/${name}` : undefined;
    dir = dir.slice(0, parent);
  }
}

/** npm's rule for `os`, `cpu` and `libc`: unset allows all; otherwise listed, or not excluded by `!value`. */
export function matchesPlatform(entry: LockEntry, platform: Platform): boolean {
  const allows = (list: readonly string[] | undefined, value: string) => {
    if (!list || list.length === 0) return true;
    if (list.includes(`!${value}`)) return false;
    const positive = list.filter((item) => !item.startsWith("!"));
    return positive.length === 0 || positive.includes(value);
  };
  return allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu) && allows(entry.libc, platform.libc);
}

function rootDependencies(packages: Readonly<Record<string, LockEntry>>, roots: readonly string[]): Record<string, string> {
  return Object.fromEntries(roots.map((path) => [path.slice("node_modules/".length), packages[path]?.version ?? ""]));
}

async function install(dir: string, lock: string, dependencies: Record<string, string>, platform: Platform): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), stableJson({ name: "native-packages", private: true, dependencies }));
  writeFileSync(join(dir, "package-lock.json"), lock);
  const args = ["ci", `--os=${platform.os}`, `--cpu=${platform.cpu}`, `--libc=${platform.libc}`, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];
  try {
    await promisify(execFile)("npm", args, { cwd: dir, env: { ...process.env, npm_config_update_notifier: "false" } });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    throw new BuildError(`npm ${args.join(" ")} failed in ${dir}:\n${stderr}\ncheck that the npm registry is reachable, then build again`, { cause: error });
  }
  writeFileSync(join(dir, COMPLETE_MARKER), "");
}

/** The files of one installed package, as zip entries named `<lockPath>/<file>`; nested packages are their own entries. */
function packageFiles(dir: string, lockPath: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      if (path === "node_modules") continue;
      const stats = lstatSync(join(dir, path));
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) entries.push({ name: `${lockPath}/${path}`, data: readFileSync(join(dir, path)) });
      else throw new BuildError(`${lockPath}/${path} is neither a file nor a directory; a zip for Lambda can only carry regular files`);
    }
  };
  walk("");
  return entries;
}
