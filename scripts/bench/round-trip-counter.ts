/**
 * Counts the HTTP requests this process sends to the AWS endpoints (the emulators), i.e. the
 * round trips a handler makes. The handlers create their SDK clients privately at module scope, so
 * the bench cannot add SDK middleware to them; it observes Node's own `http.client.request.start`
 * diagnostics channel instead, which sees every request (retries included) without patching anything.
 * The peak of requests in flight shows how many records the processor really overlaps.
 * https://nodejs.org/docs/latest-v20.x/api/diagnostics_channel.html#http
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

const CHANNEL = "http.client.request.start";

export interface RoundTripCounter {
  /** Requests sent to the endpoints since the start or the last reset. */
  readonly count: number;
  /** The most requests to the endpoints in flight at once since the start or the last reset. */
  readonly peakInFlight: number;
  reset(): void;
  /** Unsubscribes; the count stays readable. */
  stop(): void;
}

/** Counts requests whose Host is one of `endpoints` (URLs such as `http://127.0.0.1:4569`). */
export function countRoundTrips(endpoints: readonly string[]): RoundTripCounter {
  const hosts = new Set(endpoints.map((endpoint) => new URL(endpoint).host));
  let count = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const listener = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (!hosts.has(String(request.getHeader("host")))) return;
    count += 1;
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    // "close" ends every request: answered, failed or aborted.
    request.once("close", () => {
      inFlight -= 1;
    });
  };
  subscribe(CHANNEL, listener);
  return {
    get count() {
      return count;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    reset() {
      count = 0;
      peakInFlight = inFlight;
    },
    stop() {
      unsubscribe(CHANNEL, listener);
    },
  };
}
