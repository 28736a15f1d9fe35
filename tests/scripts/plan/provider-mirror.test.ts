/**
 * Where the AWS provider comes from, each branch in temporary directories: the named mirror,
 * Terraform's implied directories, a well-known path, the plugin cache, one install (locked) when
 * none holds it; then with the real terraform: a packed mirror unpacked once, and a download that
 * cannot reach the registry saying what to set.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createZip } from "../../../scripts/build/zip";
import { PlanError } from "../../../scripts/plan/errors";
import {
  AWS_PROVIDER,
  PROVIDER_MIRROR_ENV,
  findProviderMirror,
  impliedMirrorDirs,
  resolveProviderMirror,
  terraformOsArch,
  type MirrorSearch,
  type ProviderInstall,
} from "../../../scripts/plan/provider-mirror";
import { runTerraform, terraformEnv } from "../../../scripts/plan/terraform";
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform } from "../../helpers/terraform";

const OS_ARCH = terraformOsArch();
const UNPACKED = join(AWS_PROVIDER.source, AWS_PROVIDER.version, OS_ARCH);
const BINARY = `terraform-provider-aws_v${AWS_PROVIDER.version}_x5`;
const PACKED = join(AWS_PROVIDER.source, `terraform-provider-aws_${AWS_PROVIDER.version}_${OS_ARCH}.zip`);

let root: string;
/** A search that sees only directories below `root`. */
let search: Required<Pick<MirrorSearch, "env" | "cwd" | "home" | "wellKnownMirrors" | "pluginCacheDir">>;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "provider-mirror-"));
  search = {
    env: { XDG_DATA_HOME: join(root, "xdg-home"), XDG_DATA_DIRS: `${join(root, "xdg-a")}:${join(root, "xdg-b")}` },
    cwd: join(root, "project"),
    home: join(root, "home"),
    wellKnownMirrors: [join(root, "opt", "tf-plugins")],
    pluginCacheDir: join(root, "project", ".terraform-plugins"),
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function unpackedMirror(dir: string): string {
  mkdirSync(join(dir, UNPACKED), { recursive: true });
  writeFileSync(join(dir, UNPACKED, BINARY), "#!/bin/sh\n");
  return dir;
}

async function packedMirror(dir: string): Promise<string> {
  mkdirSync(join(dir, AWS_PROVIDER.source), { recursive: true });
  writeFileSync(join(dir, PACKED), await createZip([{ name: BINARY, data: Buffer.from("#!/bin/sh\n") }]));
  return dir;
}

/** An install that does what terraform does: the provider, unpacked, in the plugin cache it is given. */
const fakeInstall = (calls: Array<Parameters<ProviderInstall>[0]>): ProviderInstall =>
  async (target) => {
    calls.push(target);
    await new Promise((resolve) => setTimeout(resolve, 100));
    unpackedMirror(target.pluginCacheDir);
  };

describe("impliedMirrorDirs", () => {
  test("lists Terraform's directories on Linux in its order", () => {
    expect(impliedMirrorDirs({ ...search, platform: "linux" })).toEqual([
      join(root, "project", "terraform.d", "plugins"),
      join(root, "home", ".terraform.d", "plugins"),
      join(root, "xdg-home", "terraform", "plugins"),
      join(root, "xdg-a", "terraform", "plugins"),
      join(root, "xdg-b", "terraform", "plugins"),
    ]);
  });

  test("uses the XDG defaults when the variables are unset or empty", () => {
    expect(impliedMirrorDirs({ ...search, env: { XDG_DATA_HOME: " " }, platform: "linux" }).slice(2)).toEqual([
      join(root, "home", ".local", "share", "terraform", "plugins"),
      "/usr/local/share/terraform/plugins",
      "/usr/share/terraform/plugins",
    ]);
  });

  test("uses Application Support instead of XDG on macOS", () => {
    expect(impliedMirrorDirs({ ...search, platform: "darwin" }).slice(2)).toEqual([
      join(root, "home", "Library", "Application Support", "io.terraform", "plugins"),
      "/Library/Application Support/io.terraform/plugins",
    ]);
  });
});

describe("findProviderMirror", () => {
  test("takes TF_PROVIDER_MIRROR first, unpacked or packed", async () => {
    unpackedMirror(join(root, "home", ".terraform.d", "plugins"));
    const named = unpackedMirror(join(root, "named"));
    expect(findProviderMirror({ ...search, env: { ...search.env, [PROVIDER_MIRROR_ENV]: ` ${named} ` } })).toEqual({ dir: named, origin: "TF_PROVIDER_MIRROR", layout: "unpacked" });
    const packed = await packedMirror(join(root, "packed"));
    expect(findProviderMirror({ ...search, env: { ...search.env, [PROVIDER_MIRROR_ENV]: packed } })).toEqual({ dir: packed, origin: "TF_PROVIDER_MIRROR", layout: "packed" });
  });

  test("refuses a TF_PROVIDER_MIRROR that lacks the provider, naming the paths it looked for", () => {
    const empty = join(root, "empty");
    mkdirSync(join(empty, AWS_PROVIDER.source, "5.0.0", OS_ARCH), { recursive: true });
    unpackedMirror(join(root, "opt", "tf-plugins"));
    const find = () => findProviderMirror({ ...search, env: { ...search.env, [PROVIDER_MIRROR_ENV]: empty } });
    expect(find).toThrow(PlanError);
    expect(find).toThrow(`${PROVIDER_MIRROR_ENV} is ${empty}, which holds no ${AWS_PROVIDER.source} ${AWS_PROVIDER.version} (${OS_ARCH}): neither ${join(empty, UNPACKED)}/`);
  });

  test.each([
    ["the working directory's terraform.d/plugins", () => join(root, "project", "terraform.d", "plugins")],
    ["~/.terraform.d/plugins", () => join(root, "home", ".terraform.d", "plugins")],
    ["$XDG_DATA_HOME/terraform/plugins", () => join(root, "xdg-home", "terraform", "plugins")],
    ["each of $XDG_DATA_DIRS", () => join(root, "xdg-b", "terraform", "plugins")],
  ])("finds the provider in %s, before a well-known path", (_, dir) => {
    unpackedMirror(join(root, "opt", "tf-plugins"));
    const implied = unpackedMirror(dir());
    expect(findProviderMirror(search)).toEqual({ dir: implied, origin: "implied", layout: "unpacked" });
  });

  test("finds a well-known mirror, then the plugin cache, then nothing", () => {
    expect(findProviderMirror(search)).toBeUndefined();
    unpackedMirror(join(search.pluginCacheDir, "mirror"));
    expect(findProviderMirror(search)).toEqual({ dir: join(search.pluginCacheDir, "mirror"), origin: "plugin cache", layout: "unpacked" });
    const wellKnown = unpackedMirror(join(root, "opt", "tf-plugins"));
    expect(findProviderMirror(search)).toEqual({ dir: wellKnown, origin: "well-known", layout: "unpacked" });
  });

  test("ignores another version, another platform, and a binary that is a dangling link", () => {
    mkdirSync(join(root, "opt", "tf-plugins", AWS_PROVIDER.source, AWS_PROVIDER.version, "plan9_mips"), { recursive: true });
    writeFileSync(join(root, "opt", "tf-plugins", AWS_PROVIDER.source, AWS_PROVIDER.version, "plan9_mips", BINARY), "");
    mkdirSync(join(root, "xdg-a", "terraform", "plugins", AWS_PROVIDER.source, "5.0.0", OS_ARCH), { recursive: true });
    writeFileSync(join(root, "xdg-a", "terraform", "plugins", AWS_PROVIDER.source, "5.0.0", OS_ARCH, "terraform-provider-aws_v5.0.0_x5"), "");
    mkdirSync(join(root, "home", ".terraform.d", "plugins", UNPACKED), { recursive: true });
    spawnSync("ln", ["-s", join(root, "gone"), join(root, "home", ".terraform.d", "plugins", UNPACKED, BINARY)]);
    expect(findProviderMirror(search)).toBeUndefined();
  });
});

describe("resolveProviderMirror", () => {
  test("uses an unpacked mirror as it is, installing nothing", async () => {
    const calls: Array<Parameters<ProviderInstall>[0]> = [];
    const wellKnown = unpackedMirror(join(root, "opt", "tf-plugins"));
    await expect(resolveProviderMirror({ ...search, install: fakeInstall(calls), log: () => undefined })).resolves.toEqual({ dir: wellKnown, origin: "well-known", layout: "unpacked" });
    expect(calls).toEqual([]);
  });

  test("installs once into the plugin cache when nothing holds the provider, even when asked twice at once", async () => {
    const calls: Array<Parameters<ProviderInstall>[0]> = [];
    const lines: string[] = [];
    const options = { ...search, install: fakeInstall(calls), log: (line: string) => lines.push(line) };
    const results = await Promise.all([resolveProviderMirror(options), resolveProviderMirror(options)]);
    const cache = { dir: join(search.pluginCacheDir, "mirror"), origin: "plugin cache", layout: "unpacked" };
    expect(results).toEqual([cache, cache]);
    expect(calls).toEqual([{ pluginCacheDir: expect.stringContaining(join(search.pluginCacheDir, "staging-")), provider: AWS_PROVIDER, source: undefined }]);
    expect(lines).toEqual([`Downloading ${AWS_PROVIDER.source} ${AWS_PROVIDER.version} (${OS_ARCH}) into ${search.pluginCacheDir} (once: every later init installs from there)`]);
    expect(readdirSync(search.pluginCacheDir)).toEqual(["mirror"]);
    expect(findProviderMirror(search)).toEqual(cache);
  });

  test("unpacks a packed mirror into the plugin cache once", async () => {
    const calls: Array<Parameters<ProviderInstall>[0]> = [];
    const packed = await packedMirror(join(root, "home", ".terraform.d", "plugins"));
    const options = { ...search, install: fakeInstall(calls), log: () => undefined };
    await resolveProviderMirror(options);
    await expect(resolveProviderMirror(options)).resolves.toEqual({ dir: join(search.pluginCacheDir, "mirror"), origin: "plugin cache", layout: "unpacked" });
    expect(calls).toEqual([expect.objectContaining({ source: { dir: packed, origin: "implied", layout: "packed" } })]);
  });

  test("says what to set when the download fails, and leaves no partial provider or lock behind", async () => {
    const failing: ProviderInstall = async (target) => {
      writeFileSync(join(target.pluginCacheDir, "partial"), "");
      throw new Error("lookup registry.terraform.io: no such host");
    };
    mkdirSync(search.pluginCacheDir, { recursive: true });
    const error = (await resolveProviderMirror({ ...search, install: failing, log: () => undefined }).catch((caught: unknown) => caught)) as PlanError;
    expect(error).toBeInstanceOf(PlanError);
    expect(error.message.split("\n")).toEqual([
      `${AWS_PROVIDER.source} ${AWS_PROVIDER.version} (${OS_ARCH}) is not on this machine, and downloading it failed:`,
      "lookup registry.terraform.io: no such host",
      "",
      expect.stringMatching(
        new RegExp(`^Set ${PROVIDER_MIRROR_ENV} to a mirror directory that holds ${UNPACKED}/ .*terraform providers mirror.*, or install the provider in that layout under one of the directories Terraform searches: ${join(root, "project", "terraform.d", "plugins")}, `),
      ),
    ]);
    expect(readdirSync(search.pluginCacheDir)).toEqual([]);
    const calls: Array<Parameters<ProviderInstall>[0]> = [];
    await expect(resolveProviderMirror({ ...search, install: fakeInstall(calls), log: () => undefined })).resolves.toMatchObject({ origin: "plugin cache" });
  });

  test("refuses an install that leaves no provider", async () => {
    await expect(resolveProviderMirror({ ...search, install: async () => undefined, log: () => undefined })).rejects.toThrow(/terraform init finished but left no registry\.terraform\.io\/hashicorp\/aws/);
    expect(findProviderMirror(search)).toBeUndefined();
  });

  test("takes over the lock of a process that died, and waits for a live holder until its timeout", async () => {
    const lockFile = join(search.pluginCacheDir, "install.lock");
    mkdirSync(search.pluginCacheDir, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(lockFile, dead);
    const calls: Array<Parameters<ProviderInstall>[0]> = [];
    await expect(resolveProviderMirror({ ...search, install: fakeInstall(calls), log: () => undefined })).resolves.toMatchObject({ origin: "plugin cache" });
    expect(existsSync(lockFile)).toBe(false);

    rmSync(join(search.pluginCacheDir, "mirror"), { recursive: true });
    writeFileSync(lockFile, String(process.ppid));
    await expect(resolveProviderMirror({ ...search, install: fakeInstall(calls), log: () => undefined, lockTimeoutMs: 600 })).rejects.toThrow(
      `process ${process.ppid} has held ${lockFile} for over 1 s while installing the provider; wait for it, or stop it and delete the file`,
    );
    expect(calls).toHaveLength(1);
  });
});

describeWithTerraform("the provider with the real terraform", () => {
  test(
    "a packed mirror is unpacked into the plugin cache once, then every init links it",
    async () => {
      const packed = await packedMirror(join(root, "packed"));
      const lines: string[] = [];
      const options = { ...search, env: { ...process.env, ...search.env, [PROVIDER_MIRROR_ENV]: packed }, log: (line: string) => lines.push(line) };
      for (const stack of ["one", "two"]) {
        const cwd = join(root, stack);
        mkdirSync(cwd);
        writeFileSync(join(cwd, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER.version } } } }));
        const env = await terraformEnv(join(root, `${stack}-work`), options);
        const output = await runTerraform(["init", "-backend=false", "-input=false", "-no-color"], { cwd, env });
        expect(output).toContain(`Installed hashicorp/aws v${AWS_PROVIDER.version}`);
      }
      expect(lines).toEqual([expect.stringMatching(/^Unpacking .* from .*packed into .*\.terraform-plugins \(once\)$/)]);
      expect(readdirSync(join(search.pluginCacheDir, "mirror", UNPACKED))).toEqual([BINARY]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  test(
    "a download that cannot reach the registry says what to set, with terraform's output once",
    async () => {
      // A proxy that refuses connections: the registry is unreachable on any machine, at once.
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const { port } = closed.address() as { port: number };
      await new Promise((resolve) => closed.close(resolve));
      const env = { ...process.env, ...search.env, [PROVIDER_MIRROR_ENV]: "", HTTPS_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: "" };
      const error = (await terraformEnv(join(root, "work"), { ...search, env, log: () => undefined }).catch((caught: unknown) => caught)) as PlanError;
      expect(error).toBeInstanceOf(PlanError);
      expect(error.message).toMatch(/is not on this machine, and downloading it failed:\n`terraform init -backend=false -input=false -no-color` failed in \S+ \(exit 1\):\n/);
      expect(error.message).toContain(`Set ${PROVIDER_MIRROR_ENV} to a mirror directory that holds ${UNPACKED}/`);
      expect(error.message.match(/Failed to query available provider packages/g)).toHaveLength(1);
      expect(readdirSync(search.pluginCacheDir)).toEqual([]);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
