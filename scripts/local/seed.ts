/** The demo data every local stack starts with: one event, one attendee of it and one user who is not. */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { putAttendance } from "../../functions/shared/attendance";
import { ensureUser, type DemoUser } from "./cognito-pool";

export const DEMO_EVENT_ID = "demo-event";

export interface SeedUser extends DemoUser {
  readonly attendeeOf: readonly string[];
}

// The password satisfies Cognito's default policy, so the same users work against a real pool.
export const DEMO_USERS: readonly SeedUser[] = [
  { username: "attendee@example.com", password: "Attendee-Passw0rd!", attendeeOf: [DEMO_EVENT_ID] },
  { username: "visitor@example.com", password: "Visitor-Passw0rd!", attendeeOf: [] },
];

export interface SeedTargets {
  readonly cognito: CognitoIdentityProviderClient;
  readonly userPoolId: string;
  readonly documents: DynamoDBDocumentClient;
  readonly table: string;
}

/** Idempotent: on a restart the users already exist and the attendance items are rewritten as they were. */
export async function seedDemoData(targets: SeedTargets): Promise<void> {
  for (const user of DEMO_USERS) {
    const sub = await ensureUser(targets.cognito, targets.userPoolId, user);
    for (const eventId of user.attendeeOf) await putAttendance(targets.documents, targets.table, eventId, sub);
  }
}
