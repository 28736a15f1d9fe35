/** Dates as the reader's locale writes them. */
import type { ApiEvent } from "../../client/api";

const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const MOMENT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "12 May 2026" or "12 May 2026 – 14 May 2026"; empty when the event has no dates. */
export function formatEventDates(event: Pick<ApiEvent, "startsAt" | "endsAt">): string {
  const days = [event.startsAt, event.endsAt].filter((value): value is string => Boolean(value)).map((value) => DAY.format(new Date(value)));
  return [...new Set(days)].join(" – ");
}

export function formatMoment(iso: string): string {
  return MOMENT.format(new Date(iso));
}
