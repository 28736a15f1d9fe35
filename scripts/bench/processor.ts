/**
 * The upload processor against s3rver and dynalite (in their own process): the same number of fresh
 * uploads processed as one S3 batch event (records handled concurrently, as the handler does) and
 * one event at a time, each awaited to the end, on two networks: the emulators' own loopback
 * answers, and the in-region latency of network-model.ts added to every S3 and DynamoDB request,
 * as the processor meets it in AWS. Every upload is real: an intent from the initiate-upload
 * handler, then a tiny PNG (made by sharp) PUT through its presigned URL, decoded and published as
 * the processor does every upload; the object-created records come from the S3 emulator itself.
 */
import { LIMITS } from "../../functions/shared/contract";
import type { CreatedObject } from "../local/emulators";
import sharp from "sharp";
import type { HandlerHarness } from "./handler-harness";
import { IN_REGION, LOOPBACK, type NetworkModel } from "./network-model";
import { median, round } from "./stats";
import { BenchError } from "./errors";

export interface BatchTimes {
  /** All records as one batch event. */
  readonly concurrentMs: number;
  /** The same number of records, one event each. */
  readonly sequentialMs: number;
}

export interface ProcessorFigure extends BatchTimes {
  readonly records: number;
  /** AWS requests per record (the same on either network). */
  readonly roundTripsPerRecord: number;
  /** With IN_REGION's latency on every request; the figures above are on loopback. */
  readonly inRegion: BatchTimes & { readonly s3LatencyMs: number; readonly dynamodbLatencyMs: number };
}

export interface ProcessorOptions {
  readonly records: number;
  /** Rounds of (batch, one at a time), each on fresh uploads; the figure is the median per variant. */
  readonly rounds: number;
  readonly log: (line: string) => void;
}

function uploadFailed(url: string, status: number, body: string): BenchError {
  return new BenchError("measurement", `PUT to the presigned URL ${url} answered ${status}: ${body}; the bench needs uploads the emulator accepts`);
}

const ATTENDEE = "bench-processor-attendee";
/** How long the S3 emulator's object-created events may trail the last upload's answer (another process, another pipe). */
const CREATED_EVENTS_GRACE_MS = 10_000;

const NETWORKS = { loopback: LOOPBACK, "in-region": IN_REGION } as const satisfies Record<string, NetworkModel>;
type Network = keyof typeof NETWORKS;
const VARIANTS = ["batch", "one-by-one"] as const;
type Variant = (typeof VARIANTS)[number];

export async function measureProcessor(harness: HandlerHarness, options: ProcessorOptions): Promise<ProcessorFigure> {
  const samples: Record<Network, Record<Variant, number[]>> = { loopback: { batch: [], "one-by-one": [] }, "in-region": { batch: [], "one-by-one": [] } };
  let roundTrips = 0;
  let processed = 0;

  // Handler startup (credentials, sockets) happens on this warm-up, not in a measured variant.
  await runVariant(harness, await upload(harness, "bench-processor-warmup", 4), "batch");
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const network of Object.keys(NETWORKS) as Network[]) {
      for (const variant of VARIANTS) {
        const eventId = `bench-processor-${round}-${network}-${variant}`;
        // Uploaded on loopback: only the processor's requests are under the model.
        const objects = await upload(harness, eventId, options.records);
        harness.roundTrips.reset();
        const cpuBefore = { handler: process.cpuUsage(), emulators: await harness.emulators.cpuMs() };
        const ms = await underNetwork(harness, NETWORKS[network], () => runVariant(harness, objects, variant));
        const handlerCpu = process.cpuUsage(cpuBefore.handler);
        const emulatorsCpuMs = (await harness.emulators.cpuMs()) - cpuBefore.emulators;
        roundTrips += harness.roundTrips.count;
        processed += objects.length;
        await expectReadyPhotos(harness, eventId, objects.length);
        samples[network][variant].push(ms);
        // Where the time goes: the handler's process and the emulators' each use at most one core for
        // JavaScript, and they share the machine's cores with whatever else runs.
        options.log(
          `processor ${round}/${options.rounds} ${network} ${variant}: ${objects.length} records in ${ms.toFixed(0)} ms, ` +
            `at most ${harness.roundTrips.peakInFlight} AWS requests in flight, CPU ${((handlerCpu.user + handlerCpu.system) / 1000).toFixed(0)} ms ` +
            `in the handler's process and ${emulatorsCpuMs.toFixed(0)} ms in the emulators'`,
        );
      }
    }
  }
  const times = (network: Network): BatchTimes => ({
    concurrentMs: round(median(samples[network].batch), 1),
    sequentialMs: round(median(samples[network]["one-by-one"]), 1),
  });
  return {
    records: options.records,
    ...times("loopback"),
    roundTripsPerRecord: round(roundTrips / processed, 2),
    inRegion: { s3LatencyMs: IN_REGION.s3Ms, dynamodbLatencyMs: IN_REGION.dynamodbMs, ...times("in-region") },
  };
}

/** `run` with `model` on the emulators, which are back on loopback afterwards. */
async function underNetwork<T>(harness: HandlerHarness, model: NetworkModel, run: () => Promise<T>): Promise<T> {
  await harness.emulators.setNetwork(model);
  try {
    return await run();
  } finally {
    await harness.emulators.setNetwork(LOOPBACK);
  }
}

async function runVariant(harness: HandlerHarness, objects: readonly CreatedObject[], variant: Variant): Promise<number> {
  const started = performance.now();
  if (variant === "batch") {
    await harness.invokeProcessor(harness.notificationEvent(objects));
  } else {
    for (const object of objects) await harness.invokeProcessor(harness.notificationEvent([object]));
  }
  return performance.now() - started;
}

/** `count` uploads to `eventId` through initiate-upload and the presigned URL; resolves with the objects S3 reported. */
async function upload(harness: HandlerHarness, eventId: string, count: number): Promise<CreatedObject[]> {
  await harness.seedAttendee(eventId, ATTENDEE);
  const created: CreatedObject[] = [];
  let allCreated = () => {};
  const allReported = new Promise<void>((resolve) => (allCreated = resolve));
  const unsubscribe = harness.emulators.onObjectCreated((object) => {
    created.push(object);
    if (created.length === count) allCreated();
  });
  try {
    for (let i = 0; i < count; i += 1) {
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: i % 256, g: (i >> 8) % 256, b: 128 } } }).png().toBuffer();
      const { body } = await harness.callApiExpecting(201, {
        route: "initiateUpload",
        pathParameters: { eventId },
        callerSub: ATTENDEE,
        body: { title: `Photo ${i}`, contentType: "image/png", contentLength: png.length },
      });
      const { s3PutObjectUrl, headers } = body as { s3PutObjectUrl: string; headers: Record<string, string> };
      const response = await fetch(s3PutObjectUrl, { method: "PUT", headers, body: png });
      if (!response.ok) throw uploadFailed(s3PutObjectUrl, response.status, await response.text());
    }
    await withDeadline(allReported, CREATED_EVENTS_GRACE_MS, () => new BenchError("measurement", 
      `the S3 emulator reported ${created.length} of ${count} uploads to ${eventId} as created; check the emulator process's output`,
    ));
  } finally {
    unsubscribe();
  }
  return created;
}

function withDeadline(promise: Promise<void>, ms: number, error: () => Error): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Every upload must have become a listed photo (as far as one page shows), or the timing was of rejections. */
async function expectReadyPhotos(harness: HandlerHarness, eventId: string, expected: number): Promise<void> {
  const { body } = await harness.callApiExpecting(200, {
    route: "listPhotos",
    pathParameters: { eventId },
    query: { limit: String(Math.min(expected + 1, LIMITS.listMaxLimit)) },
    callerSub: ATTENDEE,
  });
  const listed = (body as { photos: unknown[] }).photos.length;
  if (listed !== Math.min(expected, LIMITS.listMaxLimit)) {
    throw new BenchError("measurement", `event ${eventId} lists ${listed} photos after processing ${expected} uploads; the processor rejected or lost some`);
  }
}
