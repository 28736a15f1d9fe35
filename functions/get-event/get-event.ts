/** Core of GET /events/{eventId}: the event and the caller's role in it, from one BatchGetItem. */
import { requireEvent, roleOf } from "../shared/access";
import type { EventStore } from "../shared/event-store";
import { eventView } from "../shared/event-view";
import type { EventView } from "../shared/response-schemas";

export async function getEvent(events: Pick<EventStore, "getAccess">, input: { readonly eventId: string; readonly callerSub: string }): Promise<EventView> {
  const { event, attendance } = await events.getAccess(input.eventId, input.callerSub);
  const found = requireEvent(input.eventId, event);
  return eventView(found, roleOf(found, input.callerSub, attendance));
}
