/**
 * Writes the published WebP variants under `photos/`, the only prefix the CDN may read. A variant
 * key never gets other bytes (a new upload gets a new photo id), so browsers and edges may keep it
 * a year; it carries no user metadata, only its type and cache policy.
 */
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

export const VARIANT_CONTENT_TYPE = "image/webp";
export const VARIANT_CACHE_CONTROL = "public, max-age=31536000, immutable";

export interface PublishedVariants {
  put(key: string, webp: Uint8Array): Promise<void>;
}

export class S3PublishedVariants implements PublishedVariants {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, webp: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: webp, ContentType: VARIANT_CONTENT_TYPE, CacheControl: VARIANT_CACHE_CONTROL }),
    );
  }
}
