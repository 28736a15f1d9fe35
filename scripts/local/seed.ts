/**
 * The demo data every local stack starts with: one event owned by an organizer (a member of the
 * organizers group), one attendee of it and one user who is not (DESIGN section 6). Written through
 * the same event store the functions use, and the Cognito API a real setup would call.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ORGANIZERS_GROUP } from "../../functions/shared/contract";
import { DynamoEventStore } from "../../functions/shared/dynamodb-event-store";
import { ensureGroupMember, ensureUser, type DemoUser } from "./cognito-pool";

export const DEMO_EVENT_ID = "demo-event";
export const DEMO_EVENT_NAME = "Demo event";

export interface SeedUser extends DemoUser {
  readonly attendeeOf: readonly string[];
  readonly organizerOf: readonly string[];
}

// The passwords satisfy Cognito's default policy, so the same users work against a real pool.
// The organizer comes first: stack.json lists the users in this order (DESIGN section 6).
export const DEMO_USERS: readonly SeedUser[] = [
  { username: "organizer@example.com", password: "Organizer-Passw0rd!", attendeeOf: [DEMO_EVENT_ID], organizerOf: [DEMO_EVENT_ID] },
  { username: "attendee@example.com", password: "Attendee-Passw0rd!", attendeeOf: [DEMO_EVENT_ID], organizerOf: [] },
  { username: "visitor@example.com", password: "Visitor-Passw0rd!", attendeeOf: [], organizerOf: [] },
];

export interface SeedTargets {
  readonly cognito: CognitoIdentityProviderClient;
  readonly userPoolId: string;
  readonly documents: DynamoDBDocumentClient;
  readonly table: string;
}

/**
 * Idempotent: on a restart the users already exist, the event keeps its fields (PUT by its own
 * organizer) and the registrations keep their upload counts.
 */
export async function seedDemoData(targets: SeedTargets): Promise<void> {
  const events = new DynamoEventStore(targets.documents, targets.table);
  const now = new Date();
  const subs = new Map<string, string>();
  for (const user of DEMO_USERS) {
    subs.set(user.username, await ensureUser(targets.cognito, targets.userPoolId, user));
    if (user.organizerOf.length > 0) await ensureGroupMember(targets.cognito, targets.userPoolId, user.username, ORGANIZERS_GROUP);
  }
  for (const user of DEMO_USERS) {
    const sub = subs.get(user.username) as string;
    for (const eventId of user.organizerOf) {
      const existing = await events.getEvent(eventId);
      if (!existing) await events.putEvent(eventId, { name: DEMO_EVENT_NAME, visibility: "signed-in" }, sub, now);
    }
    for (const eventId of user.attendeeOf) await events.registerAttendee(eventId, { sub, email: user.username }, now);
  }
}
