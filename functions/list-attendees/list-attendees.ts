/** Core of GET /events/{eventId}/attendees: the event's attendees with their upload counts, for its organizer. */
import { requireEventOrganizer } from "../shared/access";
import { USER_ID_PATTERN } from "../shared/contract";
import { cursorCodec } from "../shared/cursor";
import type { EventStore } from "../shared/event-store";
import type { AttendeeView } from "../shared/response-schemas";
import type { PageQuery } from "../shared/validation";

/** Cursors of an attendee list name the last user id; their scope is the event. */
export const ATTENDEES_CURSOR = cursorCodec("attendees", (after) => USER_ID_PATTERN.test(after));

export interface AttendeeList {
  readonly attendees: readonly AttendeeView[];
  readonly nextCursor: string | null;
}

export async function listAttendees(
  events: Pick<EventStore, "getEvent" | "listAttendees">,
  input: { readonly eventId: string; readonly callerSub: string; readonly query: PageQuery },
): Promise<AttendeeList> {
  const after = input.query.cursor === undefined ? undefined : ATTENDEES_CURSOR.decode(input.query.cursor, input.eventId);
  requireEventOrganizer(input.eventId, await events.getEvent(input.eventId), input.callerSub);
  const page = await events.listAttendees(input.eventId, input.query.limit, after);
  const last = page.items.at(-1);
  return {
    attendees: page.items.map(({ userSub, email, registeredAt, uploads }) => ({ userId: userSub, email, registeredAt, uploads })),
    nextCursor: page.hasMore && last ? ATTENDEES_CURSOR.encode(input.eventId, last.userSub) : null,
  };
}
