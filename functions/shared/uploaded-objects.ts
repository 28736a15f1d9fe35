/**
 * The processor's view of uploaded objects: one ranged read that yields the stored type, the total
 * size, the first bytes and the ETag; and deletion of rejected objects.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";

export interface ObjectStart {
  readonly contentType: string | undefined;
  readonly totalBytes: number;
  readonly firstBytes: Uint8Array;
  /** Changes whenever the key is written again: tells the accepted bytes from a later overwrite. */
  readonly etag: string;
}

export interface UploadedObjects {
  /** The start of an object, or undefined when it does not exist (any more). */
  readStart(key: string, length: number): Promise<ObjectStart | undefined>;
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

  async readStart(key: string, length: number): Promise<ObjectStart | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${length - 1}` }));
      const firstBytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      const totalBytes = totalSize(response.ContentRange, response.ContentLength);
      return { contentType: response.ContentType, totalBytes, firstBytes, etag: requireETag(key, response.ETag) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) return this.readEmpty(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /**
   * S3 answers a range on an empty object with 416 and no ETag; a HEAD gives it. No bytes are
   * reported, so an object that was rewritten in between can only fail the type check, never pass it.
   */
  private async readEmpty(key: string): Promise<ObjectStart | undefined> {
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        contentType: response.ContentType,
        totalBytes: response.ContentLength ?? 0,
        firstBytes: new Uint8Array(),
        etag: requireETag(key, response.ETag),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}

/** GET answers NoSuchKey; HEAD, having no body to name the error, a bare `NotFound`. */
function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === "NotFound");
}

/** Without an ETag an overwrite could not be told from a duplicate, so the record is retried instead. */
function requireETag(key: string, etag: string | undefined): string {
  if (!etag) {
    throw new UploadedObjectError(`S3 returned no ETag for "${key}"; the processor needs it to detect overwrites, check the S3 endpoint.`);
  }
  return etag;
}

/** `bytes 0-15/12345` gives 12345; a server that ignored the range sent the whole object. */
function totalSize(contentRange: string | undefined, contentLength: number | undefined): number {
  const total = contentRange && /\/(\d+)$/.exec(contentRange)?.[1];
  return total ? Number(total) : (contentLength ?? 0);
}
