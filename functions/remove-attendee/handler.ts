/** Lambda entry of DELETE /events/{eventId}/attendees/{userId}. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { parseEventId, parseUserId } from "../shared/validation";
import { removeAttendee } from "./remove-attendee";

const config = loadConfig("remove-attendee");
const telemetry = new Telemetry(config);
const events = new DynamoEventStore(telemetry.traced(createDocumentClient()), config.tableName);

export const handler = jsonHandler(telemetry, async (event) => {
  await removeAttendee(events, { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters), userId: parseUserId(event.pathParameters) });
  return { statusCode: 204, body: undefined };
});
