/**
 * Who may do what in an event, decided from the caller and the stored event (DESIGN section 4):
 * organizers (the `organizers` group) create events; an event's organizer (its creator) manages it;
 * its attendees (registered users, the organizer among them) upload; visibility says who lists photos.
 */
import { ORGANIZERS_GROUP } from "./contract";
import type { Caller } from "./caller";
import { ApiError } from "./errors";
import type { Attendance, EventRecord } from "./event-store";
import type { Role } from "./response-schemas";

export function roleOf(event: EventRecord, callerSub: string, attendance: Attendance | undefined): Role {
  if (event.organizerSub === callerSub) return "organizer";
  return attendance ? "attendee" : "none";
}

/** The event, or `event_not_found`. */
export function requireEvent(eventId: string, event: EventRecord | undefined): EventRecord {
  if (!event) {
    throw new ApiError("event_not_found", `Event "${eventId}" does not exist; check the id, or create it with PUT /events/${eventId} as an organizer.`);
  }
  return event;
}

/** Only members of the organizers group create events. */
export function requireOrganizerGroup(caller: Caller): void {
  if (!caller.groups.includes(ORGANIZERS_GROUP)) {
    throw new ApiError("not_organizer", `Only members of the "${ORGANIZERS_GROUP}" group may create events; ask an administrator to add you to it.`);
  }
}

/** The event exists and the caller is its organizer. */
export function requireEventOrganizer(eventId: string, event: EventRecord | undefined, callerSub: string): EventRecord {
  const found = requireEvent(eventId, event);
  if (found.organizerSub !== callerSub) {
    throw new ApiError("not_event_organizer", `Only the organizer of event "${eventId}" may do this; ask them to.`);
  }
  return found;
}

/** The event exists and the caller may see its photos: anyone signed in, or only attendees for an `attendees` event. */
export function requirePhotoViewer(eventId: string, event: EventRecord | undefined, callerSub: string, attendance: Attendance | undefined): EventRecord {
  const found = requireEvent(eventId, event);
  if (found.visibility === "attendees" && roleOf(found, callerSub, attendance) === "none") {
    throw new ApiError("not_attendee", `The photos of event "${eventId}" are visible to its attendees only; ask the organizer to register you.`);
  }
  return found;
}
