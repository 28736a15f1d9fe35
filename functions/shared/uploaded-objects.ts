/**
 * The processor's view of uploaded originals: one GET that yields the bytes, the stored type and
 * the ETag; and deletion of any object of the bucket (an original it rejects, a variant it withdraws).
 */
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";

export interface StoredObject {
  readonly contentType: string | undefined;
  readonly bytes: Uint8Array;
  /** Changes whenever the key is written again: tells the accepted bytes from a later overwrite. */
  readonly etag: string;
}

export interface UploadedObjects {
  /** The whole object, or undefined when it does not exist (any more). */
  read(key: string): Promise<StoredObject | undefined>;
  /** Deletes the object; a key that does not exist is no error. */
  delete(key: string): Promise<void>;
}

export class UploadedObjectError extends Error {
  override readonly name = "UploadedObjectError";
}

export class S3UploadedObjects implements UploadedObjects {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async read(key: string): Promise<StoredObject | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      return { contentType: response.ContentType, bytes, etag: requireETag(key, response.ETag) };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

/** Without an ETag an overwrite could not be told from a duplicate, so the record is retried instead. */
function requireETag(key: string, etag: string | undefined): string {
  if (!etag) {
    throw new UploadedObjectError(`S3 returned no ETag for "${key}"; the processor needs it to detect overwrites, check the S3 endpoint.`);
  }
  return etag;
}
