/** Lambda entry of GET /events/{eventId}. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonHandler } from "../shared/http";
import { parseEventId } from "../shared/validation";
import { getEvent } from "./get-event";

const config = loadConfig("get-event");
const events = new DynamoEventStore(createDocumentClient(), config.tableName);

export const handler = jsonHandler(async (event) => ({
  statusCode: 200,
  body: await getEvent(events, { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters) }),
}));
