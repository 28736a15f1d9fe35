/** Lambda entry of POST /events/{eventId}/photos/initiate-upload. */
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { caller } from "../shared/caller";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { jsonBody, jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { newPhotoId } from "../shared/photo-id";
import { createS3Client } from "../shared/s3-client";
import { s3UploadSigner } from "../shared/upload-signer";
import { parseEventId } from "../shared/validation";
import { initiateUpload, type InitiateUploadDeps } from "./initiate-upload";

const config = loadConfig("initiate-upload");
const telemetry = new Telemetry(config);
const documents = telemetry.traced(createDocumentClient());
const deps: InitiateUploadDeps = {
  store: new DynamoPhotoStore(documents, config.tableName),
  events: new DynamoEventStore(documents, config.tableName),
  // Presigning is computed here and sends nothing, so there is no call to trace.
  signUpload: s3UploadSigner(createS3Client(), config.bucketName),
  uploadLimitBytes: config.uploadLimitBytes,
  uploadQuota: config.uploadQuota,
  newPhotoId,
  now: () => new Date(),
};

export const handler = jsonHandler(telemetry, async (event) => {
  const input = { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters), body: jsonBody(event) };
  const upload = await initiateUpload(deps, input);
  // The line that ties the processor's lines about this photo to who asked for it.
  telemetry.logger.info("upload initiated", { photoId: upload.photoId, uploadedBy: input.callerSub });
  return { statusCode: 201, body: upload };
});
