/** Lambda entry of GET /events/{eventId}/photos. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { parseEventId, parsePageQuery } from "../shared/validation";
import { listPhotos, type ListPhotosDeps } from "./list-photos";

const config = loadConfig("list-photos");
const telemetry = new Telemetry(config);
const documents = telemetry.traced(createDocumentClient());
const deps: ListPhotosDeps = {
  store: new DynamoPhotoStore(documents, config.tableName),
  events: new DynamoEventStore(documents, config.tableName),
  photosBaseUrl: config.photosBaseUrl,
};

export const handler = jsonHandler(telemetry, async (event) => ({
  statusCode: 200,
  body: await listPhotos(deps, {
    callerSub: caller(event).sub,
    eventId: parseEventId(event.pathParameters),
    query: parsePageQuery(event.queryStringParameters),
  }),
}));
