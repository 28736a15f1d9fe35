import { FUNCTION_NAMES } from "../../../functions/shared/contract";
import { checkTargets } from "../../../scripts/bench/targets";
import { sampleBenchResults } from "../../helpers/bench-results";

function byName(results = sampleBenchResults()) {
  return new Map(checkTargets(results).map((check) => [check.name, check]));
}

describe("checkTargets", () => {
  it("checks every target of the issue, one per function for cold starts", () => {
    expect([...byName().keys()]).toEqual([
      "synth vs floor",
      "synth vs conventional",
      ...FUNCTION_NAMES.map((name) => `cold start: ${name}`),
      "processor batch, in-region network",
      "initiate round trips",
      "processor round trips",
      "list first page",
      "registration lookups",
      "registration writes",
      "image pipeline vs floor",
      "image pipeline vs naive",
      "memory at the pixel limit",
      "load: server errors",
      "web initial JS",
      "web uploads",
    ]);
  });

  it("computes the ratios and meets targets exactly at their limits", () => {
    const checks = byName();
    expect(checks.get("synth vs floor")).toMatchObject({ value: 2, met: true });
    expect(checks.get("synth vs conventional")).toMatchObject({ value: 3, met: true });
    expect(checks.get("cold start: get-photo")).toMatchObject({ value: 0.5, met: true });
    expect(checks.get("processor batch, in-region network")).toMatchObject({ value: 4, met: true });
    expect(checks.get("load: server errors")).toMatchObject({ value: 0, met: true });
    expect(checks.get("list first page")).toMatchObject({ value: 1.25, met: true });
    expect(checks.get("registration lookups")).toMatchObject({ value: 1, met: true });
    expect(checks.get("registration writes")).toMatchObject({ value: 1, met: true });
    expect(checks.get("image pipeline vs naive")).toMatchObject({ value: 600 / 360, met: true });
    // 190 MiB is 199.2 MB, of 1024 MB.
    expect(checks.get("memory at the pixel limit")?.value).toBeCloseTo((190 * 1024 ** 2) / 1e6 / 1024, 6);
    expect(checks.get("web initial JS")).toMatchObject({ value: 60, met: true });
    expect(checks.get("web uploads")).toMatchObject({ value: 2, met: true });
  });

  it("reports a missed target in either direction", () => {
    const results = sampleBenchResults();
    const checks = byName({
      ...results,
      synth: { fullSeconds: 2.5, floorSeconds: 1, conventionalSeconds: 5 },
      processor: { ...results.processor, roundTripsPerRecord: 7, inRegion: { ...results.processor.inRegion, sequentialMs: 5000 } },
      load: {
        ...results.load,
        routes: { ...results.load.routes, getPhoto: { ...results.load.routes.getPhoto, status5xx: 2 }, listPhotos: { ...results.load.routes.listPhotos, unanswered: 1 } },
      },
      presign: { ...results.presign, roundTrips: 3 },
      imagePipeline: { megapixels: 12, pipelineMs: 500, floorMs: 350, naiveMs: 600 },
      pixelLimitMemory: { ...results.pixelLimitMemory, pngPeakMiB: 600 },
    });
    expect(checks.get("image pipeline vs floor")?.met).toBe(false);
    expect(checks.get("image pipeline vs naive")?.met).toBe(false);
    expect(checks.get("memory at the pixel limit")?.met).toBe(false);
    expect(checks.get("synth vs floor")?.met).toBe(false);
    expect(checks.get("synth vs conventional")?.met).toBe(false);
    expect(checks.get("processor batch, in-region network")).toMatchObject({ value: 5000 / 1500, met: false });
    expect(checks.get("load: server errors")).toMatchObject({ value: 3, met: false });
    expect(checks.get("processor round trips")?.met).toBe(false);
    expect(checks.get("initiate round trips")?.met).toBe(false);
  });
});
