/**
 * The S3 client. Locally the handler host points it at the emulator with the SDK's own
 * AWS_ENDPOINT_URL_S3 (an IP endpoint makes the SDK use path-style URLs), so nothing here differs.
 */
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

/** `config` adds to the defaults (tests and scripts pass an endpoint and credentials; handlers none). */
export function createS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({
    // Otherwise the SDK signs a CRC32 of the (empty) presigning body into every PUT URL, and the real
    // upload, whose body differs, fails; and it would validate checksums of ranged reads, which have none.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...config,
  });
}
