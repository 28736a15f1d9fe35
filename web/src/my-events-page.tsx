/** My events (DESIGN 7): one link per event the caller attends or organizes, named by the event. */
import { useEffect, useState } from "preact/hooks";
import type { ApiClient, ApiEvent } from "../../client/api";
import { errorMessage } from "./messages";
import { onLinkClick } from "./router";
import { eventPath } from "./routes";
import { formatEventDates } from "./dates";

export function MyEventsPage({ api }: { readonly api: ApiClient }) {
  const [events, setEvents] = useState<ApiEvent[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = (after?: string) =>
    api.listMyEvents(after ? { cursor: after } : {}).then(
      (page) => {
        setEvents((current) => [...(after ? (current ?? []) : []), ...page.events]);
        setCursor(page.nextCursor);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  useEffect(() => {
    void load();
  }, [api]);

  return (
    <>
      <h1>My events</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {!events && !error && <p class="meta">Loading your events…</p>}
      {events && events.length === 0 && <p>You are not registered for any event yet. Ask its organizer to add your email address.</p>}
      {events && events.length > 0 && (
        <ul class="events">
          {events.map((event) => (
            <li key={event.eventId} class="card">
              <a href={eventPath(event.eventId)} onClick={onLinkClick}>
                {event.name}
              </a>
              <span class="meta">
                {event.role === "organizer" ? "You organize it" : "You attend it"}
                {formatEventDates(event) && ` · ${formatEventDates(event)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="quiet" onClick={() => void load(cursor)}>
          Load more
        </button>
      )}
    </>
  );
}
