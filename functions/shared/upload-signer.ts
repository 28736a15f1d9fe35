/**
 * Presigned PUT URLs for uploads. Content type and length are signed, so S3 refuses any other body;
 * the ASCII metadata goes into the URL's query (the presigner hoists x-amz-meta-* headers), so the
 * client sends exactly `Content-Type` and `Content-Length`.
 */
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

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
        Metadata: { ...upload.metadata },
      }),
      // The presigner leaves content-type unsigned by default; name both so they are signed.
      { expiresIn: upload.expiresInSeconds, signableHeaders: new Set(["content-type", "content-length"]) },
    );
}
