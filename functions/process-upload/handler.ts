/**
 * Lambda entry of the upload processor (S3 ObjectCreated notifications under `uploads/`).
 * Every record is processed, a few at a time; failures are collected and thrown once the batch is
 * done, so Lambda retries (processing is idempotent) and finally sends the event to the on-failure
 * destination. One structured log line per record says what happened.
 */
import type { S3Event } from "aws-lambda";
import { limitConcurrency, settleWithConcurrency } from "../shared/concurrency";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { logError, logInfo } from "../shared/log";
import { S3PublishedVariants } from "../shared/published-variants";
import { createS3Client } from "../shared/s3-client";
import { S3UploadedObjects } from "../shared/uploaded-objects";
import { createdObjectKeys, decodeNotificationKey } from "./notification";
import { processUpload, type ProcessUploadDeps } from "./process-upload";
import { renderVariants } from "./render-variants";

/** Records in flight at once: enough to overlap I/O, few enough not to trip throttling. */
const CONCURRENCY = 8;
/**
 * Images decoded at once. libvips already spreads one image over every core, and the function's
 * memory is sized for one image at the pixel limit (FUNCTIONS), not for several.
 */
const RENDER_CONCURRENCY = 1;

const config = loadConfig("process-upload");
const s3 = createS3Client();
const deps: ProcessUploadDeps = {
  store: new DynamoPhotoStore(createDocumentClient(), config.tableName),
  objects: new S3UploadedObjects(s3, config.bucketName),
  variants: new S3PublishedVariants(s3, config.bucketName),
  render: limitConcurrency(RENDER_CONCURRENCY, renderVariants),
  pixelLimit: config.pixelLimit,
  now: () => new Date(),
};

export class UploadBatchError extends Error {
  override readonly name = "UploadBatchError";

  constructor(
    readonly failedKeys: readonly string[],
    errors: readonly unknown[],
  ) {
    super(`${failedKeys.length} upload(s) failed and will be retried: ${failedKeys.join(", ")}`, {
      cause: new AggregateError(errors),
    });
  }
}

export async function handler(event: S3Event): Promise<void> {
  const keys = createdObjectKeys(event);
  const results = await settleWithConcurrency(keys, CONCURRENCY, async (encodedKey) => {
    const outcome = await processUpload(deps, decodeNotificationKey(encodedKey));
    logInfo("upload processed", { key: encodedKey, ...outcome });
    return outcome;
  });

  const failed = results.flatMap((result, index) => (result.status === "rejected" ? [{ key: keys[index] ?? "", error: result.reason }] : []));
  for (const { key, error } of failed) logError("upload failed", error, { key });
  if (failed.length > 0) {
    throw new UploadBatchError(
      failed.map(({ key }) => key),
      failed.map(({ error }) => error),
    );
  }
}
