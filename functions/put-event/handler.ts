/** Lambda entry of PUT /events/{eventId}. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonBody, jsonHandler } from "../shared/http";
import { parseEventId } from "../shared/validation";
import { putEvent } from "./put-event";

const config = loadConfig("put-event");
const deps = { events: new DynamoEventStore(createDocumentClient(), config.tableName), now: () => new Date() };

export const handler = jsonHandler(async (event) =>
  putEvent(deps, { caller: caller(event), eventId: parseEventId(event.pathParameters), body: jsonBody(event) }),
);
