/** Lambda entry of GET /events/{eventId}/photos/{photoId}. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { parseEventId } from "../shared/validation";
import { getPhoto, type GetPhotoDeps } from "./get-photo";

const config = loadConfig("get-photo");
const telemetry = new Telemetry(config);
const documents = telemetry.traced(createDocumentClient());
const deps: GetPhotoDeps = {
  store: new DynamoPhotoStore(documents, config.tableName),
  events: new DynamoEventStore(documents, config.tableName),
  photosBaseUrl: config.photosBaseUrl,
};

export const handler = jsonHandler(telemetry, async (event) => {
  const input = { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters), photoId: event.pathParameters?.photoId ?? "" };
  return { statusCode: 200, body: await getPhoto(deps, input) };
});
