import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WEB_FILES_DIR, WEB_OUT_DIR } from "../../../packaging/web-manifest";
import { startWebServer, type WebServer } from "../../../scripts/local/web-server";
import { TEST_WEB_FILES, writeTestWebFiles } from "../../helpers/web-artifacts";

const CONFIG = { apiUrl: "http://127.0.0.1:3000", region: "us-east-1", userPoolId: "local_pool", clientId: "client", cognitoEndpoint: "http://127.0.0.1:9229", photosOrigin: "http://127.0.0.1:4569" };
const CSP = "default-src 'none'; frame-ancestors 'none'";

let root: string;
let server: WebServer;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "web-server-"));
  const manifest = writeTestWebFiles(root);
  server = await startWebServer({ filesDir: join(root, WEB_OUT_DIR, WEB_FILES_DIR), manifest, port: 0 });
});
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

test("answers 503 until the stack is up, then serves the app", async () => {
  const early = await fetch(`${server.url}/`);
  expect(early.status).toBe(503);
  expect(await early.text()).toContain("still starting");
  server.serve({ config: CONFIG, contentSecurityPolicy: CSP });
  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toBe(TEST_WEB_FILES["index.html"]);
});

test("every answer carries the security headers; files their manifest type and cache policy", async () => {
  server.serve({ config: CONFIG, contentSecurityPolicy: CSP });
  const script = await fetch(`${server.url}/assets/index-a1.js`);
  expect(Object.fromEntries(script.headers)).toMatchObject({
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=31536000, immutable",
    "content-security-policy": CSP,
    "strict-transport-security": "max-age=63072000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
  });
  const missing = await fetch(`${server.url}/assets/missing.js`);
  expect({ status: missing.status, csp: missing.headers.get("content-security-policy") }).toEqual({ status: 404, csp: CSP });
});

test("app paths get index.html; config.json comes from the running stack", async () => {
  server.serve({ config: CONFIG, contentSecurityPolicy: CSP });
  for (const path of ["/events/demo-event", "/events/demo-event/photos/01ABC"]) expect(await (await fetch(`${server.url}${path}`)).text()).toBe(TEST_WEB_FILES["index.html"]);
  const config = await fetch(`${server.url}/config.json`);
  expect(config.headers.get("cache-control")).toBe("no-cache");
  expect(await config.json()).toEqual(CONFIG);
});

test("only GET and HEAD: anything else is 405 with Allow", async () => {
  server.serve({ config: CONFIG, contentSecurityPolicy: CSP });
  const head = await fetch(`${server.url}/index.html`, { method: "HEAD" });
  expect({ status: head.status, body: await head.text() }).toEqual({ status: 200, body: "" });
  const post = await fetch(`${server.url}/index.html`, { method: "POST", body: "x" });
  expect({ status: post.status, allow: post.headers.get("allow") }).toEqual({ status: 405, allow: "GET, HEAD" });
});
