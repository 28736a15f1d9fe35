/** The S3 client, pointed at the local emulator (path-style) when S3_ENDPOINT is set. */
import { S3Client } from "@aws-sdk/client-s3";
import { loadEndpoint } from "./config";
import { localClientConfig } from "./local-endpoint";

export function createS3Client(endpoint: string | undefined = loadEndpoint("s3Endpoint")): S3Client {
  return new S3Client({
    ...localClientConfig(endpoint),
    forcePathStyle: endpoint !== undefined,
    // Otherwise the SDK signs a CRC32 of the (empty) presigning body into every PUT URL, and the real
    // upload, whose body differs, fails; and it would validate checksums of ranged reads, which have none.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
