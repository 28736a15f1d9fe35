/**
 * Latency of POST /events/{eventId}/photos/initiate-upload, the initiate-upload handler invoked in
 * this process against dynalite (attendance check, intent write, presigning), and the AWS round
 * trips each request makes.
 */
import type { HandlerHarness } from "./handler-harness";
import { percentile, round } from "./stats";

export interface PresignFigure {
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** AWS calls per request. */
  readonly roundTrips: number;
}

export interface PresignOptions {
  readonly requests: number;
  /** Requests before measuring, so the first request's lazy setup (credentials, sockets) is not a sample. */
  readonly warmup: number;
  readonly log: (line: string) => void;
}

const EVENT_ID = "bench-presign";
const ATTENDEE = "bench-presign-attendee";

export async function measurePresign(harness: HandlerHarness, options: PresignOptions): Promise<PresignFigure> {
  await harness.seedAttendee(EVENT_ID, ATTENDEE);
  const request = {
    route: "initiateUpload",
    pathParameters: { eventId: EVENT_ID },
    callerSub: ATTENDEE,
    body: { title: "Bench photo", description: "Measured", contentType: "image/jpeg", contentLength: 1_048_576 },
  } as const;

  for (let i = 0; i < options.warmup; i += 1) await harness.callApiExpecting(201, request);
  const samples: number[] = [];
  harness.roundTrips.reset();
  const progressEvery = Math.ceil(options.requests / 4);
  for (let i = 1; i <= options.requests; i += 1) {
    const started = performance.now();
    await harness.callApiExpecting(201, request);
    samples.push(performance.now() - started);
    if (i % progressEvery === 0 || i === options.requests) {
      options.log(`presign ${i}/${options.requests}: p50 so far ${percentile(samples, 50).toFixed(2)} ms`);
    }
  }
  return {
    p50Ms: round(percentile(samples, 50), 2),
    p99Ms: round(percentile(samples, 99), 2),
    roundTrips: round(harness.roundTrips.count / options.requests, 2),
  };
}
