/**
 * The local photos front, as CloudFront in front of `photos/*`: published objects are served as
 * stored, with the immutable cache header and no signature; originals, missing keys and any other
 * key or method are refused as through the CDN.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { PHOTO_CACHE_MAX_AGE_SECONDS } from "../../../functions/shared/contract";
import { createS3Client } from "../../../functions/shared/s3-client";
import { EMULATOR_CLIENT_CONFIG, startEmulators, type Emulators } from "../../../scripts/local/emulators";
import { startPhotosFront, type PhotosFront } from "../../../scripts/local/photos-front";

const PHOTO = "photos/evt-1/01J0000000000000000000PHOT/display.webp";
const ORIGINAL = "uploads/evt-1/01J0000000000000000000PHOT.png";
const bytes = Buffer.from(Array.from({ length: 300 }, (_, index) => index % 256));

let directory: string;
let emulators: Emulators;
let front: PhotosFront;
let s3: S3Client;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "photos-front-"));
  emulators = await startEmulators({ s3Directory: join(directory, "s3") });
  front = await startPhotosFront({ upstream: emulators.s3Endpoint, bucket: emulators.bucket });
  s3 = createS3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.s3Endpoint, forcePathStyle: true });
  for (const key of [PHOTO, ORIGINAL]) await s3.send(new PutObjectCommand({ Bucket: emulators.bucket, Key: key, Body: bytes, ContentType: "image/webp" }));
});
afterAll(async () => {
  s3.destroy();
  await front.stop();
  await emulators.stop();
  rmSync(directory, { recursive: true, force: true });
});

test("serves a published photo's bytes with its type and the immutable cache header, ignoring the query", async () => {
  for (const url of [`${front.url}/${PHOTO}`, `${front.url}/${PHOTO}?versionId=x&X-Amz-Signature=y`]) {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe(`public, max-age=${PHOTO_CACHE_MAX_AGE_SECONDS}, immutable`);
  }
});

test("answers HEAD, ranged and conditional reads as the origin does", async () => {
  const head = await fetch(`${front.url}/${PHOTO}`, { method: "HEAD" });
  expect({ status: head.status, length: head.headers.get("content-length"), body: await head.text() }).toEqual({ status: 200, length: "300", body: "" });
  const range = await fetch(`${front.url}/${PHOTO}`, { headers: { range: "bytes=10-19" } });
  expect(range.status).toBe(206);
  expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
  const etag = head.headers.get("etag")!;
  expect((await fetch(`${front.url}/${PHOTO}`, { headers: { "if-none-match": etag } })).status).toBe(304);
});

test.each([
  ["an original under uploads/", `/${ORIGINAL}`],
  ["an original reached through a dot segment", `/photos/%2e%2e/${ORIGINAL}`],
  ["a missing photo", "/photos/evt-1/missing/display.webp"],
  ["the photos/ prefix itself", "/photos/"],
  ["the root", "/"],
  ["a bucket path", `/${"photos"}/${PHOTO}`],
  ["a malformed escape", "/photos/%E0%A4%A"],
])("refuses %s with S3's AccessDenied, as the CDN would", async (_, path) => {
  const response = await fetch(`${front.url}${path}`);
  expect(response.status).toBe(403);
  expect(await response.text()).toContain("<Code>AccessDenied</Code>");
});

test.each(["PUT", "POST", "DELETE", "PATCH", "OPTIONS"])("refuses %s, which the distribution does not allow, and changes nothing", async (method) => {
  const response = await fetch(`${front.url}/${PHOTO}`, { method, body: method === "PUT" || method === "POST" ? "x" : undefined });
  expect(response.status).toBe(403);
  expect(await response.text()).toContain("not configured to allow the HTTP request method");
  expect(Buffer.from(await (await fetch(`${front.url}/${PHOTO}`)).arrayBuffer()).equals(bytes)).toBe(true);
});
