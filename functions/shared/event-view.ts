/** The API's JSON shape of an event for one caller (DESIGN section 4), built in one place. */
import type { EventRecord } from "./event-store";
import type { EventView, Role } from "./response-schemas";

export function eventView(event: Pick<EventRecord, "eventId" | "name" | "startsAt" | "endsAt" | "visibility">, role: Role): EventView {
  return {
    eventId: event.eventId,
    name: event.name,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    visibility: event.visibility,
    role,
  };
}
