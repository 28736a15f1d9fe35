/** Lambda entry of POST /events/{eventId}/attendees. */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { caller } from "../shared/caller";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/dynamodb-client";
import { DynamoEventStore } from "../shared/dynamodb-event-store";
import { jsonBody, jsonHandler } from "../shared/http";
import { Telemetry } from "../shared/telemetry";
import { CognitoUserDirectory } from "../shared/user-directory";
import { parseEventId } from "../shared/validation";
import { registerAttendees, type RegisterAttendeesDeps } from "./register-attendees";

const config = loadConfig("register-attendees");
const telemetry = new Telemetry(config);
const deps: RegisterAttendeesDeps = {
  events: new DynamoEventStore(telemetry.traced(createDocumentClient()), config.tableName),
  users: new CognitoUserDirectory(telemetry.traced(new CognitoIdentityProviderClient({})), config.userPoolId),
  now: () => new Date(),
};

export const handler = jsonHandler(telemetry, async (event) => ({
  statusCode: 200,
  body: await registerAttendees(deps, { callerSub: caller(event).sub, eventId: parseEventId(event.pathParameters), body: jsonBody(event) }),
}));
