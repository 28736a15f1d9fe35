/** Lambda entry of GET /me/events. */
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { parsePageQuery } from "../shared/validation";
import { listMyEvents } from "./list-my-events";

const config = loadConfig("list-my-events");
const telemetry = new Telemetry(config);
const events = new DynamoEventStore(telemetry.traced(createDocumentClient()), config.tableName);

export const handler = jsonHandler(telemetry, async (event) => ({
  statusCode: 200,
  body: await listMyEvents(events, { callerSub: caller(event).sub, query: parsePageQuery(event.queryStringParameters) }),
}));
