/**
 * Where `terraform init` installs the AWS provider from, so that no test directory and no plan
 * downloads the 675 MB provider again. The first of these that holds it for this platform:
 * 1. `TF_PROVIDER_MIRROR`, a filesystem mirror the user names (it must hold the provider);
 * 2. Terraform's implied local mirror directories: those `terraform init` searches by itself when
 *    the CLI configuration names no installation method (the configuration written for our runs
 *    names one, so they are searched here);
 * 3. a mirror installed at a well-known path on the machine (WELL_KNOWN_MIRRORS);
 * 4. the project's plugin cache, `.terraform-plugins/` (git-ignored): one download fills it the
 *    first time, and every later init, test and plan of this checkout installs from it.
 * An unpacked mirror is linked by `terraform init`, never copied. A packed one (the zips that
 * `terraform providers mirror` writes) is unpacked into the plugin cache once, so that no init
 * unpacks it again.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import awsProviderPackage from "@cdktf/provider-aws/package.json";
import { PlanError } from "./errors";

/** Environment variable naming a provider mirror directory (`<mirror>/registry.terraform.io/...`). */
export const PROVIDER_MIRROR_ENV = "TF_PROVIDER_MIRROR";

/** A provider as Terraform installs it: its source address and one exact version. */
export interface ProviderPackage {
  /** `<registry host>/<namespace>/<type>`, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly source: string;
  readonly version: string;
}

/** The AWS provider the stacks pin: the one @cdktf/provider-aws was generated from. */
export const AWS_PROVIDER: ProviderPackage = {
  source: awsProviderPackage.cdktf.provider.name,
  version: awsProviderPackage.cdktf.provider.version,
};

/** Where machine images put a provider mirror: this project's CI machines carry one at /opt/tf-plugins. */
export const WELL_KNOWN_MIRRORS: readonly string[] = ["/opt/tf-plugins"];

/** The project's plugin cache, shared by every test and plan of this checkout. */
export const PLUGIN_CACHE_DIR = resolve(__dirname, "..", "..", ".terraform-plugins");

export type MirrorOrigin = "TF_PROVIDER_MIRROR" | "implied" | "well-known" | "plugin cache";

export interface ProviderMirror {
  /** The mirror directory: it holds `<source>/...`. */
  readonly dir: string;
  readonly origin: MirrorOrigin;
  /** `unpacked`: `<source>/<version>/<os_arch>/`; `packed`: `<source>/terraform-provider-<type>_<version>_<os_arch>.zip`. */
  readonly layout: "unpacked" | "packed";
}

export interface MirrorSearch {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where `terraform.d/plugins` is looked for, as Terraform does in its working directory. @default process.cwd() */
  readonly cwd?: string;
  /** @default os.homedir() */
  readonly home?: string;
  /** Node's platform name, which picks Terraform's implied directories. @default process.platform */
  readonly platform?: NodeJS.Platform;
  /** Terraform's `<os>_<arch>` of the provider to find. @default this machine's */
  readonly osArch?: string;
  /** @default WELL_KNOWN_MIRRORS */
  readonly wellKnownMirrors?: readonly string[];
  /** @default PLUGIN_CACHE_DIR */
  readonly pluginCacheDir?: string;
  /** @default AWS_PROVIDER */
  readonly provider?: ProviderPackage;
}

/** Installs `provider` into `pluginCacheDir` (Terraform's plugin cache layout), from `source` when given, else from its registry. */
export type ProviderInstall = (target: { readonly pluginCacheDir: string; readonly provider: ProviderPackage; readonly source?: ProviderMirror }) => Promise<void>;

export interface ResolveOptions extends MirrorSearch {
  readonly install: ProviderInstall;
  /** Says when a download or an unpack starts. @default console.log */
  readonly log?: (line: string) => void;
  /** How long to wait while another process fills the plugin cache. @default 15 minutes */
  readonly lockTimeoutMs?: number;
}

/** Terraform's `<os>_<arch>` for a Node platform and architecture: linux_amd64, darwin_arm64, ... */
export function terraformOsArch(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === "win32" ? "windows" : platform;
  const goArch = arch === "x64" ? "amd64" : arch === "ia32" ? "386" : arch;
  return `${os}_${goArch}`;
}

/**
 * The directories `terraform init` searches for providers when the CLI configuration names no
 * installation method, in its order (Terraform's provider_source.go; "Implied Local Mirror
 * Directories" in its CLI configuration docs): `terraform.d/plugins` in the working directory,
 * `~/.terraform.d/plugins`, then `terraform/plugins` in each XDG data directory ($XDG_DATA_HOME or
 * ~/.local/share, then each of $XDG_DATA_DIRS or /usr/local/share:/usr/share); on macOS the two
 * `io.terraform/plugins` directories under Application Support instead of the XDG ones.
 */
export function impliedMirrorDirs(search: Pick<MirrorSearch, "env" | "cwd" | "home" | "platform"> = {}): string[] {
  const env = search.env ?? process.env;
  const home = search.home ?? homedir();
  const own = [resolve(search.cwd ?? process.cwd(), "terraform.d", "plugins"), join(home, ".terraform.d", "plugins")];
  if ((search.platform ?? process.platform) === "darwin") {
    return [...own, join(home, "Library", "Application Support", "io.terraform", "plugins"), join("/Library", "Application Support", "io.terraform", "plugins")];
  }
  const dataHome = env.XDG_DATA_HOME?.trim() || join(home, ".local", "share");
  const dataDirs = (env.XDG_DATA_DIRS?.trim() || "/usr/local/share:/usr/share").split(":").filter(Boolean);
  return [...own, ...[dataHome, ...dataDirs].map((dir) => join(dir, "terraform", "plugins"))];
}

/** The first mirror that holds the provider, or undefined; a `TF_PROVIDER_MIRROR` that lacks it is an error. */
export function findProviderMirror(search: MirrorSearch = {}): ProviderMirror | undefined {
  const provider = search.provider ?? AWS_PROVIDER;
  const osArch = search.osArch ?? terraformOsArch();
  const named = (search.env ?? process.env)[PROVIDER_MIRROR_ENV]?.trim();
  if (named) {
    const dir = resolve(named);
    const layout = layoutOf(dir, provider, osArch);
    if (!layout) {
      throw new PlanError(
        `${PROVIDER_MIRROR_ENV} is ${named}, which holds no ${packageName(provider, osArch)}: neither ${join(dir, unpackedPath(provider, osArch))}/ nor ${join(dir, packedPath(provider, osArch))}; point it at a mirror that does (\`terraform providers mirror <dir>\` writes one), or unset it`,
      );
    }
    return { dir, origin: "TF_PROVIDER_MIRROR", layout };
  }
  const candidates: Array<Omit<ProviderMirror, "layout">> = [
    ...impliedMirrorDirs(search).map((dir) => ({ dir, origin: "implied" as const })),
    ...(search.wellKnownMirrors ?? WELL_KNOWN_MIRRORS).map((dir) => ({ dir, origin: "well-known" as const })),
    { dir: cacheMirrorDir(search.pluginCacheDir ?? PLUGIN_CACHE_DIR), origin: "plugin cache" },
  ];
  for (const candidate of candidates) {
    const layout = layoutOf(candidate.dir, provider, osArch);
    if (layout) return { ...candidate, layout };
  }
  return undefined;
}

/**
 * The unpacked mirror to install the provider from: one found as it is, or the plugin cache once a
 * packed mirror has been unpacked into it, or the provider downloaded into it. One process at a
 * time fills the cache; the others wait, then use what it installed.
 */
export async function resolveProviderMirror(options: ResolveOptions): Promise<ProviderMirror> {
  const found = findProviderMirror(options);
  if (found?.layout === "unpacked") return found;
  const provider = options.provider ?? AWS_PROVIDER;
  const osArch = options.osArch ?? terraformOsArch();
  const cacheDir = options.pluginCacheDir ?? PLUGIN_CACHE_DIR;
  const log = options.log ?? ((line: string) => console.log(line));
  const cached: ProviderMirror = { dir: cacheMirrorDir(cacheDir), origin: "plugin cache", layout: "unpacked" };

  return withLock(join(cacheDir, "install.lock"), options.lockTimeoutMs ?? 15 * 60 * 1000, async () => {
    // Another process may have filled the cache while this one waited.
    if (layoutOf(cached.dir, provider, osArch)) return cached;
    log(
      found
        ? `Unpacking ${packageName(provider, osArch)} from ${found.dir} into ${cacheDir} (once)`
        : `Downloading ${packageName(provider, osArch)} into ${cacheDir} (once: every later init installs from there)`,
    );
    // Terraform fills a staging cache; one rename publishes it whole, so an interrupted install
    // never leaves a partial provider where the next run would take it for a complete one.
    const staging = join(cacheDir, `staging-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      await options.install({ pluginCacheDir: staging, provider, source: found }).catch((error: unknown) => {
        throw found ? error : notDownloadable(provider, osArch, options, error);
      });
      const target = join(cached.dir, unpackedPath(provider, osArch));
      if (layoutOf(staging, provider, osArch) !== "unpacked") {
        throw new PlanError(`terraform init finished but left no ${packageName(provider, osArch)} in ${staging}; rerun, and report it if it happens again`);
      }
      mkdirSync(dirname(target), { recursive: true });
      try {
        renameSync(join(staging, unpackedPath(provider, osArch)), target);
      } catch (error) {
        // A process that took over a stale lock at the same moment may have published it first.
        if (!layoutOf(cached.dir, provider, osArch)) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return cached;
  });
}

/**
 * Terraform CLI configuration: the provider from `mirror` (other providers from their registries),
 * or every provider from its registry when no mirror is given; and a plugin cache when given.
 */
export function cliConfig(options: { readonly provider?: ProviderPackage; readonly mirror?: string; readonly pluginCacheDir?: string }): string {
  const source = JSON.stringify((options.provider ?? AWS_PROVIDER).source);
  const methods = options.mirror
    ? [
        "  filesystem_mirror {",
        `    path    = ${JSON.stringify(options.mirror)}`,
        `    include = [${source}]`,
        "  }",
        "  direct {",
        `    exclude = [${source}]`,
        "  }",
      ]
    : ["  direct {}"];
  const cache = options.pluginCacheDir ? [`plugin_cache_dir = ${JSON.stringify(options.pluginCacheDir)}`] : [];
  return [...["provider_installation {", ...methods, "}"], ...cache, ""].join("\n");
}

function packageName(provider: ProviderPackage, osArch: string): string {
  return `${provider.source} ${provider.version} (${osArch})`;
}

function unpackedPath(provider: ProviderPackage, osArch: string): string {
  return join(provider.source, provider.version, osArch);
}

function packedPath(provider: ProviderPackage, osArch: string): string {
  return join(provider.source, `terraform-provider-${providerType(provider)}_${provider.version}_${osArch}.zip`);
}

function providerType(provider: ProviderPackage): string {
  return provider.source.split("/").at(-1) ?? provider.source;
}

/** How `dir` holds the provider, if it does. A dangling link (a mirror since removed) holds nothing. */
function layoutOf(dir: string, provider: ProviderPackage, osArch: string): ProviderMirror["layout"] | undefined {
  const unpacked = join(dir, unpackedPath(provider, osArch));
  const binary = `terraform-provider-${providerType(provider)}`;
  if (isDirectory(unpacked) && readdirSync(unpacked).some((file) => file.startsWith(binary) && existsSync(join(unpacked, file)))) return "unpacked";
  if (existsSync(join(dir, packedPath(provider, osArch)))) return "packed";
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The cache's unpacked mirror: Terraform's plugin cache layout is that of an unpacked mirror. */
function cacheMirrorDir(cacheDir: string): string {
  return join(cacheDir, "mirror");
}

function notDownloadable(provider: ProviderPackage, osArch: string, search: MirrorSearch, error: unknown): PlanError {
  const host = provider.source.split("/")[0];
  const reason = error instanceof Error ? error.message : String(error);
  return new PlanError(
    [
      `${packageName(provider, osArch)} is not on this machine, and downloading it failed:`,
      reason,
      "",
      `Set ${PROVIDER_MIRROR_ENV} to a mirror directory that holds ${unpackedPath(provider, osArch)}/ (\`terraform providers mirror <dir>\` writes one where ${host} is reachable), ` +
        `or install the provider in that layout under one of the directories Terraform searches: ${impliedMirrorDirs(search).join(", ")}.`,
    ].join("\n"),
    { cause: error },
  );
}

/**
 * Runs `body` holding a lock file (created with its holder's pid in one step, by a hard link). A
 * lock whose holder has died is taken over. The lock only saves a second download: the staging
 * rename keeps the cache whole without it.
 */
async function withLock<T>(lockFile: string, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const claim = `${lockFile}.${process.pid}`;
  writeFileSync(claim, String(process.pid));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        linkSync(claim, lockFile);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = Number(readFileOrEmpty(lockFile));
      if (!isAlive(holder)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new PlanError(`process ${holder} has held ${lockFile} for over ${Math.ceil(timeoutMs / 1000)} s while installing the provider; wait for it, or stop it and delete the file`);
      }
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
    }
  } finally {
    unlinkSync(claim);
  }
  try {
    return await body();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function readFileOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
