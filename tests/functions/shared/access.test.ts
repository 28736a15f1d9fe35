import { requireEventOrganizer, requireOrganizerGroup, requirePhotoViewer, roleOf } from "../../../functions/shared/access";
import type { Attendance, EventRecord } from "../../../functions/shared/event-store";

const EVENT: EventRecord = {
  eventId: "gala",
  name: "Gala",
  startsAt: null,
  endsAt: null,
  visibility: "attendees",
  organizerSub: "org",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};
const ATTENDANCE: Attendance = { eventId: "gala", userSub: "ada", email: "ada@example.com", registeredAt: EVENT.createdAt, uploads: 0 };

test("the organizer is the organizer even without an attendance; attendance makes an attendee", () => {
  expect(roleOf(EVENT, "org", undefined)).toBe("organizer");
  expect(roleOf(EVENT, "ada", ATTENDANCE)).toBe("attendee");
  expect(roleOf(EVENT, "linus", undefined)).toBe("none");
});

test("only members of the organizers group create events", () => {
  expect(() => requireOrganizerGroup({ sub: "x", groups: ["staff"], email: undefined })).toThrow(expect.objectContaining({ code: "not_organizer" }));
  expect(() => requireOrganizerGroup({ sub: "x", groups: ["staff", "organizers"], email: undefined })).not.toThrow();
});

test("an unknown event is 404 before anything else; another user is not its organizer", () => {
  expect(() => requireEventOrganizer("gala", undefined, "org")).toThrow(expect.objectContaining({ code: "event_not_found" }));
  expect(() => requireEventOrganizer("gala", EVENT, "ada")).toThrow(expect.objectContaining({ code: "not_event_organizer" }));
  expect(requireEventOrganizer("gala", EVENT, "org")).toBe(EVENT);
});

test("an attendees-only event shows photos to its attendees and organizer; a signed-in one to anyone", () => {
  expect(() => requirePhotoViewer("gala", EVENT, "linus", undefined)).toThrow(expect.objectContaining({ code: "not_attendee" }));
  expect(requirePhotoViewer("gala", EVENT, "ada", ATTENDANCE)).toBe(EVENT);
  expect(requirePhotoViewer("gala", EVENT, "org", undefined)).toBe(EVENT);
  expect(requirePhotoViewer("gala", { ...EVENT, visibility: "signed-in" }, "linus", undefined).eventId).toBe("gala");
});
