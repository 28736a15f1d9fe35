/** Lambda entry of GET /events/{eventId}/photos/{photoId}. */
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoPhotoStore } from "../shared/dynamodb-photo-store";
import { callerSub, jsonHandler } from "../shared/http";
import { parseEventId } from "../shared/validation";
import { getPhoto } from "./get-photo";

const config = loadConfig("get-photo");
const deps = { store: new DynamoPhotoStore(createDocumentClient(), config.tableName), photosBaseUrl: config.photosBaseUrl };

export const handler = jsonHandler(async (event) => {
  const input = { callerSub: callerSub(event), eventId: parseEventId(event.pathParameters), photoId: event.pathParameters?.photoId ?? "" };
  return { statusCode: 200, body: await getPhoto(deps, input) };
});
