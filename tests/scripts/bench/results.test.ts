import { validateResults } from "../../../scripts/bench/results";
import { sampleBenchResults } from "../../helpers/bench-results";

describe("validateResults", () => {
  it("accepts results of the issue's shape", () => {
    const results = sampleBenchResults();
    expect(validateResults(results)).toEqual(results);
  });

  it("rejects a missing function in coldStart, naming it", () => {
    const results = sampleBenchResults();
    const coldStart: Record<string, unknown> = { ...results.coldStart };
    delete coldStart["get-photo"];
    expect(() => validateResults({ ...results, coldStart })).toThrow(/get-photo/);
  });

  it("rejects an extra top-level key", () => {
    expect(() => validateResults({ ...sampleBenchResults(), extra: 1 })).toThrow(expect.objectContaining({ name: "BenchError", kind: "measurement" }));
  });

  it("rejects a figure that is not a positive number", () => {
    const results = sampleBenchResults();
    expect(() => validateResults({ ...results, presign: { ...results.presign, p50Ms: Number.NaN } })).toThrow(/p50Ms/);
    expect(() => validateResults({ ...results, synth: { ...results.synth, floorSeconds: 0 } })).toThrow(/floorSeconds/);
  });

  it("rejects a processor figure without its in-region network figure", () => {
    const results = sampleBenchResults();
    const loopbackOnly: Record<string, unknown> = { ...results.processor };
    delete loopbackOnly.inRegion;
    expect(() => validateResults({ ...results, processor: loopbackOnly })).toThrow(/inRegion/);
  });

  it("rejects a load figure missing a route, or with a negative count", () => {
    const results = sampleBenchResults();
    const twoRoutes: Record<string, unknown> = { ...results.load.routes };
    delete twoRoutes.getPhoto;
    expect(() => validateResults({ ...results, load: { ...results.load, routes: twoRoutes } })).toThrow(/getPhoto/);
    const negative = { ...results.load.routes, listPhotos: { ...results.load.routes.listPhotos, status5xx: -1 } };
    expect(() => validateResults({ ...results, load: { ...results.load, routes: negative } })).toThrow(/status5xx/);
  });

  it("rejects a processor run of fewer than 100 records", () => {
    const results = sampleBenchResults();
    expect(() => validateResults({ ...results, processor: { ...results.processor, records: 99 } })).toThrow(/records/);
  });
});
