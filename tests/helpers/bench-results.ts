/** A bench-results.json value of the right shape, for tests of the bench's pure helpers. */
import { FUNCTION_NAMES } from "../../functions/shared/contract";
import type { BenchResults } from "../../scripts/bench/results";

export function sampleBenchResults(): BenchResults {
  const coldStart = { bundledMs: 100, unbundledMs: 200, zipBytes: 150_000, bundleZipBytes: 140_000 };
  return {
    machine: { cpuModel: "Test CPU", cores: 2, memoryGiB: 4, node: "v20.0.0", os: "linux 6.0", date: "2026-01-01T00:00:00.000Z" },
    synth: { fullSeconds: 2, floorSeconds: 1, conventionalSeconds: 6 },
    coldStart: Object.fromEntries(FUNCTION_NAMES.map((name) => [name, coldStart])) as BenchResults["coldStart"],
    presign: { p50Ms: 5, p99Ms: 12, roundTrips: 2 },
    processor: {
      records: 100,
      concurrentMs: 500,
      sequentialMs: 750,
      roundTripsPerRecord: 3,
      inRegion: { s3LatencyMs: 20, dynamodbLatencyMs: 5, concurrentMs: 1500, sequentialMs: 6000 },
    },
    list: { small: { photos: 100, p50Ms: 4 }, large: { photos: 10_000, p50Ms: 5 } },
    registration: { emails: 100, found: 80, poolUsers: 480, adminGetUserCalls: 100, dynamodbCalls: 81, listUsersFilterCalls: 100, listUsersPagesForPool: 8 },
    imagePipeline: { megapixels: 12, pipelineMs: 360, floorMs: 350, naiveMs: 600 },
    pixelLimitMemory: { megapixels: 100, pngPeakMiB: 190, jpegPeakMiB: 160, memoryMb: 1024 },
    load: {
      connectionsPerRoute: 100,
      routes: {
        initiateUpload: { requests: 300, p50Ms: 40, p99Ms: 120, status5xx: 0, unanswered: 0 },
        listPhotos: { requests: 300, p50Ms: 30, p99Ms: 90, status5xx: 0, unanswered: 0 },
        getPhoto: { requests: 300, p50Ms: 20, p99Ms: 70, status5xx: 0, unanswered: 0 },
      },
    },
    web: {
      bundle: {
        assets: [
          { file: "assets/index-a1.js", rawBytes: 50_000, gzipBytes: 17_000, initial: true },
          { file: "assets/index-b2.css", rawBytes: 5000, gzipBytes: 1500, initial: false },
        ],
        initialJsRawBytes: 50_000,
        initialJsGzipBytes: 60_000,
      },
      browser: {
        thumbnails: 20,
        thumbnailsPaintedMs: 300,
        slowMobile: { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 },
        thumbnailsPaintedSlowMobileMs: 2500,
        uploads: 10,
        uploadBytes: 130_000,
        uploadNetwork: { latencyMs: 150 },
        concurrency: 3,
        concurrentMs: 5000,
        sequentialMs: 10_000,
      },
    },
  };
}
