/**
 * The processor's view of uploaded objects: one ranged read that yields the stored type, the total
 * size and the first bytes; and deletion of rejected objects.
 */
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3ServiceException, type S3Client } from "@aws-sdk/client-s3";

export interface ObjectStart {
  readonly contentType: string | undefined;
  readonly totalBytes: number;
  readonly firstBytes: Uint8Array;
}

export interface UploadedObjects {
  /** The start of an object, or undefined when it does not exist (any more). */
  readStart(key: string, length: number): Promise<ObjectStart | undefined>;
  delete(key: string): Promise<void>;
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
      return { contentType: response.ContentType, totalBytes: totalSize(response.ContentRange, response.ContentLength), firstBytes };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      // S3 answers a range on an empty object with 416: the object exists and has no bytes.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) {
        return { contentType: undefined, totalBytes: 0, firstBytes: new Uint8Array() };
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

/** `bytes 0-15/12345` gives 12345; a server that ignored the range sent the whole object. */
function totalSize(contentRange: string | undefined, contentLength: number | undefined): number {
  const total = contentRange && /\/(\d+)$/.exec(contentRange)?.[1];
  return total ? Number(total) : (contentLength ?? 0);
}
