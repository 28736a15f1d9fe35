import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ListTablesCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { EMULATOR_CLIENT_CONFIG, type CreatedObject } from "../../../scripts/local/emulators";
import { startRemoteEmulators, type RemoteEmulators } from "../../../scripts/bench/remote-emulators";
import { LOOPBACK } from "../../../scripts/bench/network-model";

const REPO = join(__dirname, "..", "..", "..");

/** Running and not a zombie: an orphan's parent is PID 1 here, which may never reap it. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 300 && isRunning(pid); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  return !isRunning(pid);
}

describe("startRemoteEmulators", () => {
  let dir: string;
  let emulators: RemoteEmulators;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "remote-emulators-"));
    emulators = await startRemoteEmulators(dir);
  });
  afterAll(async () => {
    await emulators.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the emulators in another process and relays the objects S3 stored", async () => {
    expect(emulators.pid).not.toBe(process.pid);
    const created = new Promise<CreatedObject>((resolve) => {
      const unsubscribe = emulators.onObjectCreated((object) => {
        unsubscribe();
        resolve(object);
      });
    });
    const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true });
    try {
      await s3.send(new PutObjectCommand({ Bucket: emulators.bucket, Key: "uploads/e/a b.png", Body: "xyz" }));
    } finally {
      s3.destroy();
    }
    await expect(created).resolves.toMatchObject({ bucket: emulators.bucket, key: "uploads/e/a b.png", size: 3 });
  });

  it("reports the CPU time the emulator process has used", async () => {
    const first = await emulators.cpuMs();
    const second = await emulators.cpuMs();
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThanOrEqual(first);
  });

  it("holds every request for the network model's latency, per service, once it is set", async () => {
    const dynamodb = new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint });
    const s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true });
    const elapsed = async (call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      return performance.now() - started;
    };
    try {
      await emulators.setNetwork({ s3Ms: 150, dynamodbMs: 60 });
      // Lower bounds only: the latency is added, whatever else the machine is doing.
      const held = {
        dynamodb: await elapsed(() => dynamodb.send(new ListTablesCommand({}))),
        s3: await elapsed(() => s3.send(new HeadBucketCommand({ Bucket: emulators.bucket }))),
      };
      expect(held.dynamodb).toBeGreaterThanOrEqual(59);
      expect(held.s3).toBeGreaterThanOrEqual(149);
    } finally {
      await emulators.setNetwork(LOOPBACK);
      dynamodb.destroy();
      s3.destroy();
    }
  });

  it("ends the emulator process on stop", async () => {
    const own = await startRemoteEmulators(dir);
    await own.stop();
    expect(isRunning(own.pid)).toBe(false);
  });
});

describe("the emulator process", () => {
  it("exits when the process that started it is killed", async () => {
    // A stand-in for a bench that dies without stopping anything: SIGKILL runs no cleanup at all.
    const script = `require("./scripts/bench/remote-emulators").startRemoteEmulators(process.argv[1]).then((e) => console.log(e.pid));`;
    const dir = mkdtempSync(join(tmpdir(), "remote-emulators-orphan-"));
    const parent = spawn(process.execPath, ["--import", "tsx", "-e", script, dir], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    let emulatorPid: number | undefined;
    try {
      const [line] = (await once(createInterface({ input: parent.stdout }), "line")) as [string];
      emulatorPid = Number(line);
      expect(isRunning(emulatorPid)).toBe(true);

      parent.kill("SIGKILL");
      await once(parent, "exit");
      expect(await waitUntilGone(emulatorPid)).toBe(true);
    } finally {
      parent.kill("SIGKILL");
      // Only when the test fails: no orphan left behind.
      if (emulatorPid !== undefined && isRunning(emulatorPid)) process.kill(emulatorPid, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
