/**
 * First page (the default 20) of GET /events/{eventId}/photos for an event with few photos and for
 * one with many, measured alternately. The photos are written straight into the table with
 * BatchWriteItem, keyed by the key scheme's own builder, as the store writes them.
 */
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { LIMITS } from "../../functions/shared/contract";
import { photoItem } from "../../functions/shared/dynamodb-photo-store";
import { objectKey, variantKey } from "../../functions/shared/keys";
import { photoIdFactory } from "../../functions/shared/photo-id";
import type { Photo } from "../../functions/shared/photo-store";
import { settleWithConcurrency } from "../../functions/shared/concurrency";
import type { HandlerHarness } from "./handler-harness";
import { percentile, round } from "./stats";
import { BenchError } from "./errors";

export interface ListSize {
  readonly photos: number;
  readonly p50Ms: number;
}

export interface ListFigure {
  readonly small: ListSize;
  readonly large: ListSize;
}

export interface ListOptions {
  readonly smallPhotos: number;
  readonly largePhotos: number;
  /** Requests per size. */
  readonly requests: number;
  readonly log: (line: string) => void;
}

/** DynamoDB's BatchWriteItem limit. */
const BATCH_WRITE_MAX = 25;
const SEED_CONCURRENCY = 4;
const CALLER = "bench-list-caller";

export async function measureList(harness: HandlerHarness, options: ListOptions): Promise<ListFigure> {
  const sizes = { small: options.smallPhotos, large: options.largePhotos };
  for (const [size, photos] of Object.entries(sizes)) {
    const started = performance.now();
    await harness.seedAttendee(eventIdOf(size), CALLER);
    await seedPhotos(harness, eventIdOf(size), photos);
    options.log(`list: seeded ${photos} photos for the ${size} event in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const samples = { small: [] as number[], large: [] as number[] };
  const firstPage = async (size: keyof typeof sizes) => {
    const started = performance.now();
    const { body } = await harness.callApiExpecting(200, { route: "listPhotos", pathParameters: { eventId: eventIdOf(size) }, callerSub: CALLER });
    const ms = performance.now() - started;
    const listed = (body as { photos: unknown[] }).photos.length;
    if (listed !== LIMITS.listDefaultLimit) throw new BenchError("measurement", `the ${size} event's first page has ${listed} photos, not ${LIMITS.listDefaultLimit}; seeding failed`);
    return ms;
  };
  await firstPage("small");
  await firstPage("large");
  const progressEvery = Math.ceil(options.requests / 4);
  for (let i = 1; i <= options.requests; i += 1) {
    samples.small.push(await firstPage("small"));
    samples.large.push(await firstPage("large"));
    if (i % progressEvery === 0 || i === options.requests) {
      options.log(`list ${i}/${options.requests}: p50 so far small ${percentile(samples.small, 50).toFixed(2)} ms, large ${percentile(samples.large, 50).toFixed(2)} ms`);
    }
  }
  return {
    small: { photos: sizes.small, p50Ms: round(percentile(samples.small, 50), 2) },
    large: { photos: sizes.large, p50Ms: round(percentile(samples.large, 50), 2) },
  };
}

function eventIdOf(size: string): string {
  return `bench-list-${size}`;
}

async function seedPhotos(harness: HandlerHarness, eventId: string, count: number): Promise<void> {
  const newPhotoId = photoIdFactory();
  const start = Date.UTC(2026, 0, 1);
  const items = Array.from({ length: count }, (_, index) => {
    // One second apart, so ids (and createdAt) spread over time like real uploads.
    const createdAt = start + index * 1000;
    const photoId = newPhotoId(createdAt);
    const key = objectKey(eventId, photoId, "image/jpeg");
    const photo: Photo = {
      eventId,
      photoId,
      objectKey: key,
      title: `Photo ${index}`,
      description: "Seeded by the bench",
      contentType: "image/jpeg",
      sizeBytes: 1_048_576,
      variantKeys: { display: variantKey(eventId, photoId, "display"), thumb: variantKey(eventId, photoId, "thumb") },
      width: 4000,
      height: 3000,
      takenAt: null,
      uploadedBy: CALLER,
      createdAt: new Date(createdAt).toISOString(),
      etag: '"bench-seed"',
    };
    return photoItem(photo);
  });
  const batches = Array.from({ length: Math.ceil(items.length / BATCH_WRITE_MAX) }, (_, index) =>
    items.slice(index * BATCH_WRITE_MAX, (index + 1) * BATCH_WRITE_MAX),
  );
  const results = await settleWithConcurrency(batches, SEED_CONCURRENCY, (batch) => writeBatch(harness, batch));
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw new BenchError("measurement", `seeding ${eventId} failed: ${String(failed.reason)}`, { cause: failed.reason });
}

async function writeBatch(harness: HandlerHarness, items: readonly Record<string, unknown>[]): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  const table = harness.emulators.table;
  while (pending.length > 0) {
    const { UnprocessedItems } = await harness.documents.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
  }
}
