/**
 * The local S3 front with real clients: URLs from the presigner the handlers use, PUT with fetch;
 * SDK calls (Authorization header); the aws4 package as an independent SigV4 implementation. A
 * URL as signed passes; one changed in any signed part, expired, unsigned or for an existing key
 * (If-None-Match: *) gets S3's XML error, and nothing reaches the emulator.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import aws4 from "aws4";
import { LIMITS } from "../../../functions/shared/contract";
import { createS3Client } from "../../../functions/shared/s3-client";
import { s3UploadSigner, type UploadToSign } from "../../../functions/shared/upload-signer";
import { EMULATOR_CLIENT_CONFIG, startEmulators, type Emulators } from "../../../scripts/local/emulators";
import { startS3Front, type S3Front } from "../../../scripts/local/s3-front";

const { region, credentials } = EMULATOR_CLIENT_CONFIG;
const ORIGIN = "http://localhost:5173";

let directory: string;
let emulators: Emulators;
let front: S3Front;
let s3: S3Client;
let bucket: string;
let keyCounter = 0;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "s3-front-"));
  emulators = await startEmulators({ s3Directory: join(directory, "s3"), allowedOrigins: [ORIGIN] });
  bucket = emulators.bucket;
  front = await startS3Front({ upstream: emulators.s3Endpoint, region, credentials: [credentials], allowedOrigins: [ORIGIN] });
  s3 = client();
});
afterAll(async () => {
  s3.destroy();
  await front.stop();
  await emulators.stop();
  rmSync(directory, { recursive: true, force: true });
});

function client(overrides: Parameters<typeof createS3Client>[0] = {}): S3Client {
  return createS3Client({ region, credentials, endpoint: front.url, forcePathStyle: true, ...overrides });
}

const body = (size = 64) => Buffer.alloc(size, 0x5a);
const freshKey = () => `uploads/front-test/${Date.now()}-${keyCounter++}.png`;

/** A presigned PUT as initiate-upload makes it, for `key` and a body of `size` bytes. */
function presign(key: string, size = 64, options: Partial<UploadToSign> = {}, signer = s3UploadSigner(s3, bucket)): Promise<string> {
  return signer({ key, contentType: "image/png", contentLength: size, metadata: { "photo-id": "p1", "event-id": "e1" }, expiresInSeconds: LIMITS.presignExpiresSeconds, ...options });
}

async function put(url: string, headers: Record<string, string>, data: Buffer = body()) {
  const response = await fetch(url, { method: "PUT", headers, body: data });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The headers initiate-upload tells the client to send (the presigner signs all three). */
const pngHeaders = (size = 64): Record<string, string> => ({ "Content-Type": "image/png", "Content-Length": String(size), "If-None-Match": "*" });
/** The same without If-None-Match, for URLs that do not sign it. */
const unconditional = (size = 64): Record<string, string> => ({ "Content-Type": "image/png", "Content-Length": String(size) });

/** A presigned PUT that does not sign If-None-Match (S3 then takes the header as sent, or none). */
function presignUnconditional(key: string, size = 64): Promise<string> {
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: "image/png", ContentLength: size }), {
    expiresIn: LIMITS.presignExpiresSeconds,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
}

async function stored(key: string): Promise<{ type?: string; length?: number } | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { type: head.ContentType, length: head.ContentLength };
  } catch (error) {
    if ((error as Error).name === "NotFound") return undefined;
    throw error;
  }
}

const code = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe("presigned PUTs", () => {
  test("a URL from the presigner, sent with its headers, stores the object", async () => {
    const key = freshKey();
    expect((await put(await presign(key), pngHeaders())).status).toBe(200);
    expect(await stored(key)).toEqual({ type: "image/png", length: 64 });
  });

  test.each([
    ["a changed signature", (url: URL) => url.searchParams.set("X-Amz-Signature", "0".repeat(64))],
    ["another key", (url: URL) => (url.pathname = url.pathname.replace(/\.png$/, ".jpg"))],
    ["a longer X-Amz-Expires", (url: URL) => url.searchParams.set("X-Amz-Expires", "3600")],
    ["a changed metadata parameter", (url: URL) => url.searchParams.set("x-amz-meta-photo-id", "p2")],
  ])("%s is SignatureDoesNotMatch, with S3's string to sign and canonical request, and stores nothing", async (_, tamper) => {
    const key = freshKey();
    const url = new URL(await presign(key));
    tamper(url);
    const answer = await put(url.href, pngHeaders());
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 403, code: "SignatureDoesNotMatch" });
    expect(answer.text).toMatch(/<StringToSign>AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}<\/StringToSign>/);
    expect(answer.text).toContain(`<CanonicalRequest>PUT\n/${bucket}/`);
    expect(answer.headers.get("content-type")).toBe("application/xml");
    expect(await stored(key)).toBeUndefined();
    expect(await stored(key.replace(/\.png$/, ".jpg"))).toBeUndefined();
  });

  test("another Content-Type than signed is SignatureDoesNotMatch", async () => {
    const key = freshKey();
    const answer = await put(await presign(key), { ...pngHeaders(), "Content-Type": "image/jpeg" });
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 403, code: "SignatureDoesNotMatch" });
    expect(await stored(key)).toBeUndefined();
  });

  test("another length than signed is SignatureDoesNotMatch", async () => {
    const key = freshKey();
    const answer = await put(await presign(key, 64), pngHeaders(65), body(65));
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 403, code: "SignatureDoesNotMatch" });
    expect(await stored(key)).toBeUndefined();
  });

  test("an expired URL is AccessDenied: Request has expired, with its expiry", async () => {
    const key = freshKey();
    const signedAt = new Date(Date.now() - 10 * 60 * 1000);
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: "image/png", ContentLength: 64 }), {
      expiresIn: 300,
      signingDate: signedAt,
      signableHeaders: new Set(["content-type", "content-length"]),
    });
    const answer = await put(url, pngHeaders());
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 403, code: "AccessDenied" });
    expect(answer.text).toContain("<Message>Request has expired</Message><X-Amz-Expires>300</X-Amz-Expires>");
    expect(answer.text).toContain(`<Expires>${new Date(Math.floor(signedAt.getTime() / 1000) * 1000 + 300_000).toISOString().replace(".000", "")}</Expires>`);
    expect(await stored(key)).toBeUndefined();
  });

  test("a URL without its signature, or without any, is refused", async () => {
    const key = freshKey();
    const url = new URL(await presign(key));
    url.searchParams.delete("X-Amz-Signature");
    const partial = await put(url.href, pngHeaders());
    expect({ status: partial.status, code: code(partial.text) }).toEqual({ status: 400, code: "AuthorizationQueryParametersError" });
    const anonymous = await put(`${front.url}/${bucket}/${key}`, pngHeaders());
    expect({ status: anonymous.status, code: code(anonymous.text) }).toEqual({ status: 403, code: "AccessDenied" });
    expect(anonymous.text).toContain("<Message>Access Denied</Message>");
    expect(await stored(key)).toBeUndefined();
  });

  test("an x-amz-* header the URL does not sign is AccessDenied, naming it", async () => {
    const key = freshKey();
    const answer = await put(await presign(key), { ...pngHeaders(), "x-amz-meta-extra": "1" });
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 403, code: "AccessDenied" });
    expect(answer.text).toContain("<Message>There were headers present in the request which were not signed</Message><HeadersNotSigned>x-amz-meta-extra</HeadersNotSigned>");
  });

  test("a key pair S3 does not know is InvalidAccessKeyId; another region is AuthorizationQueryParametersError", async () => {
    const stranger = client({ credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: "secret" } });
    const unknown = await put(await presign(freshKey(), 64, {}, s3UploadSigner(stranger, bucket)), pngHeaders());
    expect({ status: unknown.status, code: code(unknown.text) }).toEqual({ status: 403, code: "InvalidAccessKeyId" });
    const elsewhere = client({ region: "eu-west-1" });
    const wrongRegion = await put(await presign(freshKey(), 64, {}, s3UploadSigner(elsewhere, bucket)), pngHeaders());
    expect({ status: wrongRegion.status, code: code(wrongRegion.text) }).toEqual({ status: 400, code: "AuthorizationQueryParametersError" });
    expect(wrongRegion.text).toContain("the region &#39;eu-west-1&#39; is wrong; expecting &#39;us-east-1&#39;");
    stranger.destroy();
    elsewhere.destroy();
  });

  test("a PUT without a Content-Length is MissingContentLength", async () => {
    const key = freshKey();
    const url = new URL(await presign(key));
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(url, { method: "PUT", headers: { "Content-Type": "image/png", "Transfer-Encoding": "chunked" } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.once("error", reject);
      request.end(body());
    });
    expect(status).toBe(411);
    expect(await stored(key)).toBeUndefined();
  });
});

test("a client that goes away mid-body leaves no object", async () => {
  const key = freshKey();
  const url = new URL(await presign(key, 1000));
  const request = httpRequest(url, { method: "PUT", headers: pngHeaders(1000) });
  request.once("error", () => undefined);
  request.write(body(500));
  await new Promise((resolve) => setTimeout(resolve, 100));
  request.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await stored(key)).toBeUndefined();
});

describe("If-None-Match: *", () => {
  test("sent unsigned, refuses a PUT to a key that exists and keeps the first object", async () => {
    const key = freshKey();
    const headers = { ...unconditional(), "If-None-Match": "*" };
    expect((await put(await presignUnconditional(key), headers)).status).toBe(200);
    const again = await put(await presignUnconditional(key, 32), { ...headers, "Content-Length": "32" }, body(32));
    expect({ status: again.status, code: code(again.text) }).toEqual({ status: 412, code: "PreconditionFailed" });
    expect(again.text).toContain("<Condition>If-None-Match</Condition>");
    expect(await stored(key)).toEqual({ type: "image/png", length: 64 });
  });

  test("signed into the URL, must be sent, and refuses an existing key", async () => {
    const key = freshKey();
    const signed = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: "image/png", ContentLength: 64, IfNoneMatch: "*" }), {
      expiresIn: 300,
      signableHeaders: new Set(["content-type", "content-length", "if-none-match"]),
    });
    expect(new URL(signed).searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host;if-none-match");
    const withoutIt = await put(signed, unconditional());
    expect({ status: withoutIt.status, code: code(withoutIt.text) }).toEqual({ status: 403, code: "SignatureDoesNotMatch" });
    expect((await put(signed, { ...pngHeaders(), "If-None-Match": "*" })).status).toBe(200);
    const again = await put(signed, { ...pngHeaders(), "If-None-Match": "*" });
    expect({ status: again.status, code: code(again.text) }).toEqual({ status: 412, code: "PreconditionFailed" });
  });

  test("two at once to one key store one object; the other is refused", async () => {
    const key = freshKey();
    const size = 4 * 1024 * 1024;
    const url = await presign(key, size);
    const answers = await Promise.all([1, 2].map(() => put(url, { ...pngHeaders(size), "If-None-Match": "*" }, body(size))));
    const outcomes = answers.map((answer) => answer.status).sort();
    expect([[200, 409], [200, 412]]).toContainEqual(outcomes);
    expect(await stored(key)).toEqual({ type: "image/png", length: size });
  });

  test("another value than * is NotImplemented", async () => {
    const answer = await put(await presignUnconditional(freshKey()), { ...unconditional(), "If-None-Match": '"etag"' });
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 501, code: "NotImplemented" });
  });
});

describe("SDK calls (Authorization header)", () => {
  test("put, head, get and list pass through to the emulator", async () => {
    const key = freshKey().replace("uploads/", "photos/");
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body(100), ContentType: "image/webp" }));
    expect(await stored(key)).toEqual({ type: "image/webp", length: 100 });
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(body(100))).toBe(true);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key }));
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual([key]);
  });

  test("a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId, and nothing is stored", async () => {
    for (const [secretAccessKey, accessKeyId, name] of [
      ["wrong", credentials.accessKeyId, "SignatureDoesNotMatch"],
      ["secret", "AKIDSTRANGER", "InvalidAccessKeyId"],
    ] as const) {
      const key = freshKey();
      const other = client({ credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
      await expect(other.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body() }))).rejects.toMatchObject({ name });
      other.destroy();
      expect(await stored(key)).toBeUndefined();
    }
  });
});

/** A request signed by aws4 (not the SDK) and sent as is. */
function sendSigned(options: aws4.Request, data?: Buffer): Promise<{ status?: number; text: string }> {
  const signed = aws4.sign({ service: "s3", region, ...options }, credentials);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: new URL(front.url).port, method: signed.method, path: signed.path, headers: signed.headers as Record<string, string> }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode, text }));
    });
    request.once("error", reject);
    request.end(data);
  });
}

describe("an independent SigV4 implementation (aws4)", () => {
  test("computes the presigner's signature for a fixed request", async () => {
    const signingDate = new Date("2025-01-02T03:04:05Z");
    const fixed = createS3Client({ region, credentials, endpoint: "http://127.0.0.1:4566", forcePathStyle: true });
    const presigned = new URL(
      await getSignedUrl(fixed, new PutObjectCommand({ Bucket: "photos", Key: "uploads/e1/p1.png", ContentType: "image/png", ContentLength: 1234, Metadata: { "photo-id": "p1" } }), {
        expiresIn: 300,
        signingDate,
        signableHeaders: new Set(["content-type", "content-length"]),
      }),
    );
    fixed.destroy();
    const query = new URLSearchParams([...presigned.searchParams].filter(([name]) => !["X-Amz-Signature", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-SignedHeaders"].includes(name)));
    const signed = aws4.sign(
      { host: presigned.host, method: "PUT", path: `${presigned.pathname}?${query.toString().replace(/\+/g, "%20")}`, service: "s3", region, signQuery: true, headers: { "Content-Type": "image/png", "Content-Length": "1234" } },
      credentials,
    );
    const fromAws4 = new URL(signed.path!, "http://127.0.0.1:4566").searchParams;
    expect(fromAws4.get("X-Amz-SignedHeaders")).toBe(presigned.searchParams.get("X-Amz-SignedHeaders"));
    expect(fromAws4.get("X-Amz-Signature")).toBe(presigned.searchParams.get("X-Amz-Signature"));
    expect(presigned.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  test("its presigned URLs and header-signed requests pass the front, and a body that does not match its hash does not", async () => {
    const key = freshKey();
    const url = aws4.sign({ host: new URL(front.url).host, method: "PUT", path: `/${bucket}/${key}?X-Amz-Expires=60`, service: "s3", region, signQuery: true, headers: { "Content-Type": "image/png" } }, credentials);
    expect((await put(`${front.url}${url.path}`, { "Content-Type": "image/png" })).status).toBe(200);
    const got = await sendSigned({ host: new URL(front.url).host, method: "GET", path: `/${bucket}/${key}` });
    expect(got.status).toBe(200);

    const other = freshKey();
    const mismatched = await sendSigned(
      { host: new URL(front.url).host, method: "PUT", path: `/${bucket}/${other}`, headers: { "X-Amz-Content-Sha256": createHash("sha256").update("something else").digest("hex"), "Content-Length": "64" } },
      body(),
    );
    expect({ status: mismatched.status, code: code(mismatched.text) }).toEqual({ status: 400, code: "XAmzContentSHA256Mismatch" });
    expect(await stored(other)).toBeUndefined();
  });

  test("a request dated 20 minutes ago is RequestTimeTooSkewed", async () => {
    const date = new Date(Date.now() - 20 * 60 * 1000).toISOString().replace(/[-:]|\.\d{3}/g, "");
    const answer = await sendSigned({ host: new URL(front.url).host, method: "GET", path: `/${bucket}?list-type=2`, headers: { "X-Amz-Date": date } });
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 403, code: "RequestTimeTooSkewed" });
  });

  test("both a signed URL and an Authorization header is InvalidArgument", async () => {
    const answer = await sendSigned({ host: new URL(front.url).host, method: "GET", path: `/${bucket}?list-type=2&X-Amz-Algorithm=AWS4-HMAC-SHA256` });
    expect({ status: answer.status, code: code(answer.text) }).toEqual({ status: 400, code: "InvalidArgument" });
  });
});

describe("CORS for browsers", () => {
  test("a preflight to the front is answered from the bucket's CORS rules", async () => {
    const preflight = (origin: string) =>
      fetch(`${front.url}/${bucket}/${freshKey()}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(200);
    // s3rver answers an allowed preflight with "*" where S3 names the origin; browsers accept both.
    expect([ORIGIN, "*"]).toContain(allowed.headers.get("access-control-allow-origin"));
    expect(allowed.headers.get("access-control-allow-methods")).toContain("PUT");
    const other = await preflight("https://elsewhere.example");
    expect({ status: other.status, code: code(await other.text()) }).toEqual({ status: 403, code: "CORSResponse" });
  });

  test("a browser's PUT gets the CORS headers with the object, and with the front's refusal", async () => {
    const accepted = await put(await presign(freshKey()), { ...pngHeaders(), origin: ORIGIN });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const refused = await put(await presign(freshKey()), { ...pngHeaders(), "Content-Type": "image/jpeg", origin: ORIGIN });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(refused.headers.get("access-control-expose-headers")).toBe("etag");
  });
});
