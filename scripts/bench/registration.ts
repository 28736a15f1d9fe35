/**
 * The AWS calls of registering 100 attendees by email (issue 11): the register-attendees handler,
 * invoked in this process against cognito-local and dynalite, with the calls it makes counted per
 * service. Beside it, the calls the alternative lookup costs: ListUsers with an `email = "..."`
 * filter, run for the same addresses (its filter matches one value, so it is one call per address
 * too). Listing the whole pool instead would cost ceil(users / 60) calls whatever the addresses
 * (Cognito pages ListUsers by at most 60); cognito-local does not page, so that one is computed.
 */
import { AdminCreateUserCommand, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { HandlerHarness } from "./handler-harness";
import { BenchError } from "./errors";

export interface RegistrationFigure {
  readonly emails: number;
  /** Addresses of the request that have a user. */
  readonly found: number;
  /** Users in the pool. */
  readonly poolUsers: number;
  /** The handler's calls: AdminGetUser, one per address. */
  readonly adminGetUserCalls: number;
  /** The handler's DynamoDB calls: the event read and one registration per found user. */
  readonly dynamodbCalls: number;
  /** The same lookups by ListUsers with an email filter. */
  readonly listUsersFilterCalls: number;
  /** A full listing of the pool, at Cognito's 60 users a page. */
  readonly listUsersPagesForPool: number;
}

export interface RegistrationOptions {
  readonly emails: number;
  /** Users in the pool besides the ones registered. */
  readonly otherUsers: number;
  readonly log: (line: string) => void;
}

const EVENT_ID = "bench-registration";
const ORGANIZER = "bench-registration-organizer";
/** ListUsers returns at most this many users a page (the Cognito API reference's limit). */
const LIST_USERS_PAGE = 60;

export async function measureRegistration(harness: HandlerHarness, options: RegistrationOptions): Promise<RegistrationFigure> {
  const { client, userPoolId } = harness.userPool;
  // Four in five of the addresses have a user; the pool holds others too, as a real one does.
  const emails = Array.from({ length: options.emails }, (_, i) => `registrant-${i}@bench.example`);
  const existing = emails.filter((_, i) => i % 5 !== 4);
  const others = Array.from({ length: options.otherUsers }, (_, i) => `member-${i}@bench.example`);
  for (const email of [...existing, ...others]) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }],
        MessageAction: "SUPPRESS",
      }),
    );
  }
  options.log(`registration: seeded ${existing.length + others.length} users`);
  await harness.seedAttendee(EVENT_ID, ORGANIZER);

  harness.roundTrips.reset();
  harness.cognitoCalls.reset();
  const { body } = await harness.callApiExpecting(200, { route: "registerAttendees", pathParameters: { eventId: EVENT_ID }, callerSub: ORGANIZER, body: { emails } });
  const result = body as { registered: unknown[]; notFound: unknown[] };
  if (result.registered.length !== existing.length) {
    throw new BenchError("measurement", `registration registered ${result.registered.length} of ${existing.length} known addresses; the lookup is broken`);
  }
  const adminGetUserCalls = harness.cognitoCalls.count;
  const dynamodbCalls = harness.roundTrips.count;

  harness.cognitoCalls.reset();
  for (const email of emails) await client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${email}"`, Limit: 1 }));
  const listUsersFilterCalls = harness.cognitoCalls.count;
  const poolUsers = existing.length + others.length;
  options.log(`registration: ${adminGetUserCalls} AdminGetUser and ${dynamodbCalls} DynamoDB calls for ${emails.length} addresses; ListUsers by filter ${listUsersFilterCalls}`);
  return {
    emails: emails.length,
    found: existing.length,
    poolUsers,
    adminGetUserCalls,
    dynamodbCalls,
    listUsersFilterCalls,
    listUsersPagesForPool: Math.ceil(poolUsers / LIST_USERS_PAGE),
  };
}
