/**
 * Lambda entry of the upload processor (S3 ObjectCreated notifications under `uploads/`).
 * Every record is processed, a few at a time; failures are collected and thrown once the batch is
 * done, so Lambda retries (processing is idempotent) and finally sends the event to the on-failure
 * destination. One structured log line per record says what happened.
 */
import type { S3Event } from "aws-lambda";
import { settleWithConcurrency } from "../shared/concurrency";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { logError, logInfo } from "../shared/log";
import { createS3Client } from "../shared/s3-client";
import { S3UploadedObjects } from "../shared/uploaded-objects";
import { createdObjectKeys, decodeNotificationKey } from "./notification";
import { processUpload, type ProcessUploadDeps } from "./process-upload";

/** Records in flight at once: enough to overlap I/O, few enough not to trip throttling. */
const CONCURRENCY = 8;

const config = loadConfig("process-upload");
const deps: ProcessUploadDeps = {
  store: new DynamoPhotoStore(createDocumentClient(), config.tableName),
  objects: new S3UploadedObjects(createS3Client(), config.bucketName),
  photosBaseUrl: config.photosBaseUrl,
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
