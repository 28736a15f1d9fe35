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
      "processor batch",
      "initiate round trips",
      "processor round trips",
      "list first page",
      "registration lookups",
      "registration writes",
      "web initial JS",
      "web uploads",
    ]);
  });

  it("computes the ratios and meets targets exactly at their limits", () => {
    const checks = byName();
    expect(checks.get("synth vs floor")).toMatchObject({ value: 2, met: true });
    expect(checks.get("synth vs conventional")).toMatchObject({ value: 3, met: true });
    expect(checks.get("cold start: get-photo")).toMatchObject({ value: 0.5, met: true });
    expect(checks.get("processor batch")).toMatchObject({ value: 4, met: true });
    expect(checks.get("list first page")).toMatchObject({ value: 1.25, met: true });
    expect(checks.get("registration lookups")).toMatchObject({ value: 1, met: true });
    expect(checks.get("registration writes")).toMatchObject({ value: 1, met: true });
    expect(checks.get("web initial JS")).toMatchObject({ value: 60, met: true });
    expect(checks.get("web uploads")).toMatchObject({ value: 2, met: true });
  });

  it("reports a missed target in either direction", () => {
    const results = sampleBenchResults();
    const checks = byName({
      ...results,
      synth: { fullSeconds: 2.5, floorSeconds: 1, conventionalSeconds: 5 },
      processor: { ...results.processor, sequentialMs: 1000, roundTripsPerRecord: 4 },
      presign: { ...results.presign, roundTrips: 3 },
    });
    expect(checks.get("synth vs floor")?.met).toBe(false);
    expect(checks.get("synth vs conventional")?.met).toBe(false);
    expect(checks.get("processor batch")?.met).toBe(false);
    expect(checks.get("processor round trips")?.met).toBe(false);
    expect(checks.get("initiate round trips")?.met).toBe(false);
  });
});
