/**
 * Presigned PUT URLs for uploads. Content type, length and `If-None-Match: *` are signed, so S3
 * refuses any other body and any PUT to a key that already exists; the ASCII metadata goes into
 * the URL's query (the presigner hoists x-amz-meta-* headers), so the client sends exactly
 * `Content-Type`, `Content-Length` and `If-None-Match`.
 */
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { NO_OVERWRITE_HEADER } from "./contract";

export interface UploadToSign {
  readonly key: string;
  readonly contentType: string;
  readonly contentLength: number;
  /** ASCII only: S3 metadata does not round-trip other text. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
}

export type UploadSigner = (upload: UploadToSign) => Promise<string>;

export function s3UploadSigner(client: S3Client, bucket: string): UploadSigner {
  return (upload) =>
    getSignedUrl(
      client,
      new PutObjectCommand({
        Bucket: bucket,
        Key: upload.key,
        ContentType: upload.contentType,
        ContentLength: upload.contentLength,
        IfNoneMatch: NO_OVERWRITE_HEADER.value,
        Metadata: { ...upload.metadata },
      }),
      // The presigner leaves content-type unsigned by default; name every header the client must send.
      {
        expiresIn: upload.expiresInSeconds,
        signableHeaders: new Set(["content-type", "content-length", NO_OVERWRITE_HEADER.name.toLowerCase()]),
      },
    );
}
