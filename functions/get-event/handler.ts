/** Lambda entry of GET /events/{eventId}. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { parseEventId } from "../shared/validation";
import { getEvent } from "./get-event";

const config = loadConfig("get-event");
const telemetry = new Telemetry(config);
const events = new DynamoEventStore(telemetry.traced(createDocumentClient()), config.tableName);

export const handler = jsonHandler(telemetry, async (event) => ({
  statusCode: 200,
  body: await getEvent(events, { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters) }),
}));
