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
  const { synth, coldStart, presign, processor, list, registration, web } = results;
  return [
    check("synth vs floor", "fullSeconds / floorSeconds", synth.fullSeconds / synth.floorSeconds, "<=", 2),
    check("synth vs conventional", "conventionalSeconds / fullSeconds", synth.conventionalSeconds / synth.fullSeconds, ">=", 3),
    ...Object.entries(coldStart).map(([name, figure]) =>
      check(`cold start: ${name}`, "bundledMs / unbundledMs", figure.bundledMs / figure.unbundledMs, "<=", 0.7),
    ),
    check("processor batch", "sequentialMs / concurrentMs", processor.sequentialMs / processor.concurrentMs, ">=", 4),
    check("initiate round trips", "roundTrips", presign.roundTrips, "<=", 2),
    check("processor round trips", "roundTripsPerRecord", processor.roundTripsPerRecord, "<=", 3),
    check("list first page", "large.p50Ms / small.p50Ms", list.large.p50Ms / list.small.p50Ms, "<=", 1.5),
    // One lookup per address, and nothing more: the registration must not grow with the pool.
    check("registration lookups", "adminGetUserCalls / emails", registration.adminGetUserCalls / registration.emails, "<=", 1),
    check("registration writes", "dynamodbCalls / (found + 1)", registration.dynamodbCalls / (registration.found + 1), "<=", 1),
    // Issue 13: what a phone downloads before the first screen, and uploads in parallel.
    check("web initial JS", "initialJsGzipBytes / 1000", web.bundle.initialJsGzipBytes / 1000, "<=", 60),
    check("web uploads", "sequentialMs / concurrentMs", web.browser.sequentialMs / web.browser.concurrentMs, ">=", 2),
  ];
}
