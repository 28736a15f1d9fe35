/** Clients of the stack file tell a stopped stack (no file, or endpoints where nothing answers) from a running one. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalStackError } from "../../../scripts/local/errors";
import { findFreePort } from "../../../scripts/local/ports";
import { readRunningStack, runningStackAt, writeStackFile, type StackFile } from "../../../scripts/local/stack-file";

let dir: string;
let servers: Server[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stack-file-"));
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

async function listening(): Promise<string> {
  const server = createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const silent = async () => `http://127.0.0.1:${await findFreePort()}`;

function stackFile(urls: readonly string[]): { path: string; stack: StackFile } {
  const [apiUrl = "", webUrl = "", cognitoEndpoint = "", s3 = "", dynamodb = ""] = urls;
  const stack: StackFile = {
    apiUrl,
    webUrl,
    auth: { cognitoEndpoint, userPoolId: "local_pool", clientId: "client" },
    users: [],
    events: ["demo-event"],
    s3: { endpoint: s3, bucket: "photos" },
    dynamodb: { endpoint: dynamodb, table: "photos" },
  };
  const path = join(dir, "stack.json");
  writeStackFile(path, stack);
  return { path, stack };
}

test("reads the stack file of a stack whose endpoints all answer", async () => {
  const { path, stack } = stackFile(await Promise.all([listening(), listening(), listening(), listening(), listening()]));
  await expect(readRunningStack(path)).resolves.toEqual(stack);
  await expect(runningStackAt(path)).resolves.toEqual(stack);
});

test("says the stack is not running when an endpoint does not answer, naming each such endpoint", async () => {
  const [api, cognito] = [await silent(), await silent()];
  const { path } = stackFile([api, await listening(), cognito, await listening(), await listening()]);
  const error = await readRunningStack(path).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(LocalStackError);
  expect((error as Error).message).toBe(`the local stack is not running: ${path} names ${api}, ${cognito}, where nothing answers; start it with \`npm start\``);
  await expect(runningStackAt(path)).resolves.toBeUndefined();
});

test("says the stack is not running when there is no stack file", async () => {
  const path = join(dir, "stack.json");
  await expect(readRunningStack(path)).rejects.toThrow(`the local stack is not running (there is no ${path}); start it with \`npm start\`, or pass the endpoints as options`);
  await expect(runningStackAt(path)).resolves.toBeUndefined();
});

test("a damaged stack file is no running stack", async () => {
  const path = join(dir, "stack.json");
  writeFileSync(path, "{damaged");
  await expect(readRunningStack(path)).rejects.toThrow(`${path} is not JSON; restart the local stack with \`npm start\` to rewrite it`);
  await expect(runningStackAt(path)).resolves.toBeUndefined();
});
