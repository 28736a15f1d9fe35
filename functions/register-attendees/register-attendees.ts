/**
 * Core of POST /events/{eventId}/attendees: the event's organizer registers users by email. Each
 * address is resolved to a user of the pool, a few at a time; found users are registered (again:
 * idempotent, keeping their upload count), the rest reported as not found.
 */
import { requireEventOrganizer } from "../shared/access";
import { settleWithConcurrency } from "../shared/concurrency";
import type { EventStore } from "../shared/event-store";
import type { Registration } from "../shared/response-schemas";
import type { UserDirectory } from "../shared/user-directory";
import { parseRegisterAttendees } from "../shared/validation";

/** Lookups in flight at once: well under Cognito's AdminGetUser quota, enough to hide its latency. */
const CONCURRENCY = 10;

export interface RegisterAttendeesDeps {
  readonly events: Pick<EventStore, "getEvent" | "registerAttendee">;
  readonly users: UserDirectory;
  readonly now: () => Date;
}

export async function registerAttendees(
  deps: RegisterAttendeesDeps,
  input: { readonly eventId: string; readonly callerSub: string; readonly body: unknown },
): Promise<Registration> {
  const { emails } = parseRegisterAttendees(input.body);
  requireEventOrganizer(input.eventId, await deps.events.getEvent(input.eventId), input.callerSub);
  const now = deps.now();
  const results = await settleWithConcurrency(emails, CONCURRENCY, async (email) => {
    const user = await deps.users.findByEmail(email);
    if (user) await deps.events.registerAttendee(input.eventId, user, now);
    return { email, user };
  });
  // Registration is idempotent, so a failed lookup fails the request and the organizer retries it whole.
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  const settled = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  return {
    registered: settled.flatMap(({ email, user }) => (user ? [{ email, userId: user.sub }] : [])),
    notFound: settled.flatMap(({ email, user }) => (user ? [] : [email])),
  };
}
