/** Lambda entry of GET /events/{eventId}/photos. */
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { callerSub, jsonHandler } from "../shared/http";
import { parseEventId, parseListQuery } from "../shared/validation";
import { listPhotos } from "./list-photos";

const config = loadConfig("list-photos");
const deps = { store: new DynamoPhotoStore(createDocumentClient(), config.tableName), photosBaseUrl: config.photosBaseUrl };

export const handler = jsonHandler(async (event) => {
  // Any signed-in user may list; the caller is still required, as the authorizer guarantees one.
  callerSub(event);
  const eventId = parseEventId(event.pathParameters);
  return { statusCode: 200, body: await listPhotos(deps, eventId, parseListQuery(event.queryStringParameters)) };
});
