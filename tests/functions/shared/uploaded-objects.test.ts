/** S3's answers the emulator does not give: a range on an empty object, and a response without ETag. */
import { GetObjectCommand, HeadObjectCommand, S3ServiceException, type S3Client } from "@aws-sdk/client-s3";
import { S3UploadedObjects } from "../../../functions/shared/uploaded-objects";

function s3Error(name: string, httpStatusCode: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode } });
}

/** An S3 client answering GetObject and HeadObject with the given functions. */
function objectsWith(answers: { get: () => unknown; head?: () => unknown }): S3UploadedObjects {
  const send = async (command: unknown) => {
    if (command instanceof GetObjectCommand) return answers.get();
    if (command instanceof HeadObjectCommand && answers.head) return answers.head();
    throw new Error(`unexpected command ${String(command)}`);
  };
  return new S3UploadedObjects({ send } as unknown as S3Client, "bucket");
}

test("an empty object (416 to a range) is read by HEAD, with its ETag", async () => {
  const objects = objectsWith({
    get: () => Promise.reject(s3Error("InvalidRange", 416)),
    head: () => ({ ContentType: "image/png", ContentLength: 0, ETag: '"empty"' }),
  });
  expect(await objects.readStart("uploads/e/p.png", 16)).toEqual({
    contentType: "image/png",
    totalBytes: 0,
    firstBytes: new Uint8Array(),
    etag: '"empty"',
  });
});

test("an empty object deleted before the HEAD is missing", async () => {
  const objects = objectsWith({
    get: () => Promise.reject(s3Error("InvalidRange", 416)),
    head: () => Promise.reject(s3Error("NotFound", 404)),
  });
  expect(await objects.readStart("uploads/e/p.png", 16)).toBeUndefined();
});

test("a response without an ETag is an error naming the key", async () => {
  const objects = objectsWith({ get: () => ({ ContentRange: "bytes 0-15/70", ContentLength: 16 }) });
  await expect(objects.readStart("uploads/e/p.png", 16)).rejects.toThrow(/no ETag for "uploads\/e\/p\.png"/);
});
