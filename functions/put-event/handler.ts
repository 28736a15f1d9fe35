/** Lambda entry of PUT /events/{eventId}. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonBody, jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { parseEventId } from "../shared/validation";
import { putEvent } from "./put-event";

const config = loadConfig("put-event");
const telemetry = new Telemetry(config);
const deps = { events: new DynamoEventStore(telemetry.traced(createDocumentClient()), config.tableName), now: () => new Date() };

export const handler = jsonHandler(telemetry, async (event) =>
  putEvent(deps, { caller: caller(event), eventId: parseEventId(event.pathParameters), body: jsonBody(event) }),
);
