/** Lambda entry of DELETE /events/{eventId}/photos/{photoId}. */
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { caller } from "../shared/caller";
import { CloudFrontCdn } from "../shared/cdn";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { createS3Client } from "../shared/s3-client";
import { S3UploadedObjects } from "../shared/uploaded-objects";
import { parseEventId } from "../shared/validation";
import { deletePhoto, type DeletePhotoDeps } from "./delete-photo";

const config = loadConfig("delete-photo");
const telemetry = new Telemetry(config);
const documents = telemetry.traced(createDocumentClient());
const deps: DeletePhotoDeps = {
  events: new DynamoEventStore(documents, config.tableName),
  store: new DynamoPhotoStore(documents, config.tableName),
  objects: new S3UploadedObjects(telemetry.traced(createS3Client()), config.bucketName),
  cdn: new CloudFrontCdn(telemetry.traced(new CloudFrontClient({})), config.photosDistributionId),
  now: () => new Date(),
};

export const handler = jsonHandler(telemetry, async (event) => {
  await deletePhoto(deps, { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters), photoId: event.pathParameters?.photoId ?? "" });
  return { statusCode: 204, body: undefined };
});
