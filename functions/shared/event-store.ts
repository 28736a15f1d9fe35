/**
 * What the handlers need from storage about events and their attendees, independent of DynamoDB
 * (dynamodb-event-store.ts implements it), so the logic is tested without an emulator.
 */
import type { Visibility } from "./contract";

/** The fields a PUT sets; a PUT replaces all of them. */
export interface EventFields {
  readonly name: string;
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly visibility: Visibility;
}

export interface EventRecord {
  readonly eventId: string;
  readonly name: string;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly visibility: Visibility;
  /** Who created the event: the only user who may change it and manage its attendees. */
  readonly organizerSub: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Attendance {
  readonly eventId: string;
  readonly userSub: string;
  /** Null for an organizer whose token carried no email when they created the event. */
  readonly email: string | null;
  readonly registeredAt: string;
  /** Uploads initiated, counted against the quota. */
  readonly uploads: number;
}

/** An event and one user's attendance of it, read together. */
export interface EventAccess {
  readonly event: EventRecord | undefined;
  readonly attendance: Attendance | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Whether items after the last one of this page exist. */
  readonly hasMore: boolean;
}

export type PutEventOutcome = "created" | "updated" | "not_event_organizer";

export interface EventStore {
  /** Creates the event for `organizerSub`, or replaces its fields if `organizerSub` organizes it. */
  putEvent(eventId: string, fields: EventFields, organizerSub: string, now: Date): Promise<PutEventOutcome>;
  getEvent(eventId: string): Promise<EventRecord | undefined>;
  getAccess(eventId: string, userSub: string): Promise<EventAccess>;
  /** The events that exist among `eventIds` (at most 100), in no particular order. */
  getEvents(eventIds: readonly string[]): Promise<EventRecord[]>;
  /** Registers the user; registering again keeps their registration time and upload count. */
  registerAttendee(eventId: string, user: { readonly sub: string; readonly email: string | undefined }, now: Date): Promise<void>;
  /** Removes the registration, if there is one. */
  removeAttendee(eventId: string, userSub: string): Promise<void>;
  /** An event's attendees by user id, starting after `afterUserSub`. */
  listAttendees(eventId: string, limit: number, afterUserSub?: string): Promise<Page<Attendance>>;
  /** The ids of the events a user attends or organizes, by event id, starting after `afterEventId`. */
  listUserEventIds(userSub: string, limit: number, afterEventId?: string): Promise<Page<string>>;
  /**
   * Counts one upload against the quota on the user's attendance, in one conditional write: false
   * when the user is not registered or has used up `quota` (the caller tells which on this error path).
   */
  countUpload(eventId: string, userSub: string, quota: number): Promise<boolean>;
}
