/** Core of DELETE /events/{eventId}/attendees/{userId}: the event's organizer removes a registration (absent is fine). */
import { requireEventOrganizer } from "../shared/access";
import { ApiError } from "../shared/errors";
import type { EventStore } from "../shared/event-store";

export async function removeAttendee(
  events: Pick<EventStore, "getEvent" | "removeAttendee">,
  input: { readonly eventId: string; readonly userId: string; readonly callerSub: string },
): Promise<void> {
  const event = requireEventOrganizer(input.eventId, await events.getEvent(input.eventId), input.callerSub);
  if (input.userId === event.organizerSub) {
    throw new ApiError("cannot_remove_organizer", `The organizer of event "${input.eventId}" is always one of its attendees and cannot be removed.`);
  }
  await events.removeAttendee(input.eventId, input.userId);
}
