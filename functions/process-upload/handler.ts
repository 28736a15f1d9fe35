/**
 * Lambda entry of the upload processor (S3 ObjectCreated notifications under `uploads/`).
 * Every record is processed, a few at a time; failures are collected and thrown once the batch is
 * done, so Lambda retries (processing is idempotent) and finally sends the event to the on-failure
 * destination. One log line per record says what happened to it (with its event and photo ids),
 * and the invocation's metrics count the photos accepted and rejected (outcome-metrics.ts).
 */
import type { S3Event } from "aws-lambda";
import { limitConcurrency, settleWithConcurrency } from "../shared/concurrency";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { S3PublishedVariants } from "../shared/published-variants";
import { createS3Client } from "../shared/s3-client";
import { Telemetry } from "../shared/telemetry";
import { S3UploadedObjects } from "../shared/uploaded-objects";
import { parseObjectKey } from "../shared/keys";
import { createdObjectKeys, decodeNotificationKey } from "./notification";
import { recordOutcomes } from "./outcome-metrics";
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
const telemetry = new Telemetry(config);
const { logger } = telemetry;
const s3 = telemetry.traced(createS3Client());
const deps: ProcessUploadDeps = {
  store: new DynamoPhotoStore(telemetry.traced(createDocumentClient()), config.tableName),
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

export const handler = telemetry.instrument(async (event: S3Event): Promise<void> => {
  const keys = createdObjectKeys(event);
  // Records run concurrently, so their ids go on their own lines rather than on the logger.
  const results = await settleWithConcurrency(keys, CONCURRENCY, async (encodedKey) => {
    const key = decodeNotificationKey(encodedKey);
    const parsed = parseObjectKey(key);
    const outcome = await processUpload(deps, key);
    logger.info("upload processed", { key: encodedKey, eventId: parsed?.eventId, photoId: parsed?.photoId, ...outcome });
    return outcome;
  });
  recordOutcomes(
    telemetry.metrics,
    results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : [])),
  );

  const failed = results.flatMap((result, index) => (result.status === "rejected" ? [{ key: keys[index] ?? "", error: result.reason as unknown }] : []));
  for (const { key, error } of failed) logger.error("upload failed", { key, error });
  if (failed.length > 0) {
    throw new UploadBatchError(
      failed.map(({ key }) => key),
      failed.map(({ error }) => error),
    );
  }
});
