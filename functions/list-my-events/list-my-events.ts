/**
 * Core of GET /me/events: the events the caller attends or organizes, by event id, a page at a
 * time: one Query of the user-events index, then one BatchGetItem of the events it names.
 */
import { EVENT_ID_PATTERN } from "../shared/contract";
import { cursorCodec } from "../shared/cursor";
import type { EventStore } from "../shared/event-store";
import { eventView } from "../shared/event-view";
import type { EventView } from "../shared/response-schemas";
import type { PageQuery } from "../shared/validation";

/** Cursors of a user's event list name the last event id; their scope is the user. */
export const MY_EVENTS_CURSOR = cursorCodec("events", (after) => EVENT_ID_PATTERN.test(after));

export interface MyEvents {
  readonly events: readonly EventView[];
  readonly nextCursor: string | null;
}

export async function listMyEvents(events: Pick<EventStore, "listUserEventIds" | "getEvents">, input: { readonly callerSub: string; readonly query: PageQuery }): Promise<MyEvents> {
  const after = input.query.cursor === undefined ? undefined : MY_EVENTS_CURSOR.decode(input.query.cursor, input.callerSub);
  const page = await events.listUserEventIds(input.callerSub, input.query.limit, after);
  const records = new Map((await events.getEvents(page.items)).map((event) => [event.eventId, event]));
  // Attendances are listed by event id; an event whose item is gone is left out.
  const listed = page.items.flatMap((eventId) => {
    const event = records.get(eventId);
    return event ? [eventView(event, event.organizerSub === input.callerSub ? "organizer" : "attendee")] : [];
  });
  const last = page.items.at(-1);
  return { events: listed, nextCursor: page.hasMore && last ? MY_EVENTS_CURSOR.encode(input.callerSub, last) : null };
}
