/**
 * Core of PUT /events/{eventId}: an organizer creates an event (and becomes its organizer), or its
 * organizer replaces its fields. One conditional write decides which (a new event, or the caller's
 * own), so two organizers racing for one id cannot both win; a second write registers the organizer
 * as an attendee, which lists the event among theirs and lets them upload.
 */
import { requireOrganizerGroup } from "../shared/access";
import type { Caller } from "../shared/caller";
import { ApiError } from "../shared/errors";
import type { EventStore } from "../shared/event-store";
import { eventView } from "../shared/event-view";
import type { JsonResponse } from "../shared/http";
import { parsePutEvent } from "../shared/validation";

export interface PutEventDeps {
  readonly events: Pick<EventStore, "putEvent" | "registerAttendee">;
  readonly now: () => Date;
}

export async function putEvent(deps: PutEventDeps, input: { readonly eventId: string; readonly caller: Caller; readonly body: unknown }): Promise<JsonResponse> {
  requireOrganizerGroup(input.caller);
  const request = parsePutEvent(input.body);
  const now = deps.now();
  const outcome = await deps.events.putEvent(input.eventId, request, input.caller.sub, now);
  if (outcome === "not_event_organizer") {
    throw new ApiError("not_event_organizer", `Event "${input.eventId}" belongs to another organizer; choose another event id.`);
  }
  await deps.events.registerAttendee(input.eventId, input.caller, now);
  const event = { eventId: input.eventId, name: request.name, startsAt: request.startsAt ?? null, endsAt: request.endsAt ?? null, visibility: request.visibility };
  return { statusCode: outcome === "created" ? 201 : 200, body: eventView(event, "organizer") };
}
