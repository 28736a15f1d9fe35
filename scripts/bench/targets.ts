/**
 * The targets of issue 6, as ratios because the bench machines are shared and noisy: a ratio of two
 * figures measured side by side in one run survives a busy neighbour better than any absolute time.
 */
import type { BenchResults } from "./results";

export interface TargetCheck {
  /** Short label, e.g. `cold start: list-photos`. */
  readonly name: string;
  /** How the value is computed, e.g. `bundledMs / unbundledMs`. */
  readonly formula: string;
  readonly value: number;
  readonly comparison: "<=" | ">=";
  readonly limit: number;
  readonly met: boolean;
}

function check(name: string, formula: string, value: number, comparison: TargetCheck["comparison"], limit: number): TargetCheck {
  return { name, formula, value, comparison, limit, met: comparison === "<=" ? value <= limit : value >= limit };
}

export function checkTargets(results: BenchResults): TargetCheck[] {
  const { synth, coldStart, presign, processor, list, registration, imagePipeline, pixelLimitMemory, load, web } = results;
  const peakMb = (Math.max(pixelLimitMemory.pngPeakMiB, pixelLimitMemory.jpegPeakMiB) * 1024 ** 2) / 1e6;
  return [
    check("synth vs floor", "fullSeconds / floorSeconds", synth.fullSeconds / synth.floorSeconds, "<=", 2),
    check("synth vs conventional", "conventionalSeconds / fullSeconds", synth.conventionalSeconds / synth.fullSeconds, ">=", 3),
    ...Object.entries(coldStart).map(([name, figure]) =>
      check(`cold start: ${name}`, "bundledMs / unbundledMs", figure.bundledMs / figure.unbundledMs, "<=", 0.7),
    ),
    // With the network of AWS (network-model.ts): on loopback the batch is CPU-bound, and its ratio
    // says how many cores the machine has rather than how well the processor overlaps its calls.
    check("processor batch, in-region network", "inRegion.sequentialMs / inRegion.concurrentMs", processor.inRegion.sequentialMs / processor.inRegion.concurrentMs, ">=", 4),
    check("initiate round trips", "roundTrips", presign.roundTrips, "<=", 2),
    // Per accepted record: the original and both items read together, two variant PUTs, the photo
    // item, and the intent read again for a concurrent DELETE (issue 12).
    check("processor round trips", "roundTripsPerRecord", processor.roundTripsPerRecord, "<=", 6),
    check("list first page", "large.p50Ms / small.p50Ms", list.large.p50Ms / list.small.p50Ms, "<=", 1.5),
    // One lookup per address, and nothing more: the registration must not grow with the pool.
    check("registration lookups", "adminGetUserCalls / emails", registration.adminGetUserCalls / registration.emails, "<=", 1),
    check("registration writes", "dynamodbCalls / (found + 1)", registration.dynamodbCalls / (registration.found + 1), "<=", 1),
    check("image pipeline vs floor", "pipelineMs / floorMs", imagePipeline.pipelineMs / imagePipeline.floorMs, "<=", 1.3),
    check("image pipeline vs naive", "naiveMs / pipelineMs", imagePipeline.naiveMs / imagePipeline.pipelineMs, ">=", 1.5),
    // "With room": at most half the configured memory, the rest for the downloads of a batch and the runtime.
    check("memory at the pixel limit", "peakRssMb / memoryMb", peakMb / pixelLimitMemory.memoryMb, "<=", 0.5),
    check("load: server errors", "5xx + unanswered, all routes", Object.values(load.routes).reduce((sum, route) => sum + route.status5xx + route.unanswered, 0), "<=", 0),
    // Issue 13: what a phone downloads before the first screen, and uploads in parallel.
    check("web initial JS", "initialJsGzipBytes / 1000", web.bundle.initialJsGzipBytes / 1000, "<=", 60),
    check("web uploads", "sequentialMs / concurrentMs", web.browser.sequentialMs / web.browser.concurrentMs, ">=", 2),
  ];
}
