/** S3's answers the emulator does not give: a response without ETag, and a missing key. */
import { GetObjectCommand, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import { S3UploadedObjects } from "../../../functions/shared/uploaded-objects";

/** An S3 client answering GetObject with `get`. */
function objectsWith(get: () => unknown): S3UploadedObjects {
  const send = async (command: unknown) => {
    if (command instanceof GetObjectCommand) return get();
    throw new Error(`unexpected command ${String(command)}`);
  };
  return new S3UploadedObjects({ send } as unknown as S3Client, "bucket");
}

test("reads the whole object with its type and ETag; an empty one has no bytes", async () => {
  const body = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes });
  expect(await objectsWith(() => ({ Body: body(Uint8Array.of(1, 2, 3)), ContentType: "image/png", ETag: '"e"' })).read("uploads/e/p.png")).toEqual({
    contentType: "image/png",
    bytes: Uint8Array.of(1, 2, 3),
    etag: '"e"',
  });
  expect(await objectsWith(() => ({ ContentType: "image/png", ETag: '"empty"' })).read("uploads/e/p.png")).toEqual({
    contentType: "image/png",
    bytes: new Uint8Array(),
    etag: '"empty"',
  });
});

test("a missing key reads as undefined", async () => {
  const objects = objectsWith(() => Promise.reject(new NoSuchKey({ message: "gone", $metadata: { httpStatusCode: 404 } })));
  expect(await objects.read("uploads/e/p.png")).toBeUndefined();
});

test("a response without an ETag is an error naming the key", async () => {
  await expect(objectsWith(() => ({ ContentLength: 16 })).read("uploads/e/p.png")).rejects.toThrow(/no ETag for "uploads\/e\/p\.png"/);
});
