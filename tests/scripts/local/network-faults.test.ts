import type { ProxiedRequest, ProxiedService, RequestFate } from "../../../scripts/local/fault-proxy";
import { SERVICE_FAULTS, networkPolicy } from "../../../scripts/local/network-faults";

const request = (service: ProxiedService): ProxiedRequest => ({ service, method: "GET", path: "/", headers: {} });

/** A deterministic uniform generator (a linear congruential one), so shares are exact to count. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const label = (fate: RequestFate) => (fate.kind === "error" ? fate.error.code : fate.kind === "reset" ? `reset ${fate.when}` : "forward");

test.each(["s3", "dynamodb"] as const)("fails about the share asked of %s requests, with each of its faults", (service) => {
  const policy = networkPolicy({ faultShare: 0.2, random: seeded(7) });
  const fates = Array.from({ length: 10_000 }, () => policy(request(service)));
  const failed = fates.filter((fate) => fate.kind !== "forward");
  expect(failed.length / fates.length).toBeGreaterThan(0.18);
  expect(failed.length / fates.length).toBeLessThan(0.22);
  expect(new Set(failed.map(label))).toEqual(new Set(SERVICE_FAULTS[service].map(label)));
});

test("gives S3 S3's errors and DynamoDB DynamoDB's, resets to both", () => {
  expect(SERVICE_FAULTS.s3.map(label)).toEqual(["InternalError", "SlowDown", "reset before-upstream", "reset after-upstream"]);
  expect(SERVICE_FAULTS.dynamodb.map(label)).toEqual([
    "ThrottlingException",
    "ProvisionedThroughputExceededException",
    "InternalServerError",
    "reset before-upstream",
    "reset after-upstream",
  ]);
});

test("delays every request of a service, failed or not, and fails none by default", () => {
  const policy = networkPolicy({ delayMs: { s3: 20, dynamodb: 5 } });
  expect(policy(request("s3"))).toEqual({ kind: "forward", delayMs: 20 });
  expect(policy(request("dynamodb"))).toEqual({ kind: "forward", delayMs: 5 });
  const failing = networkPolicy({ faultShare: 1, delayMs: { s3: 20 } });
  expect(failing(request("s3"))).toMatchObject({ delayMs: 20 });
  expect(failing(request("s3")).kind).not.toBe("forward");
  expect(failing(request("dynamodb"))).toMatchObject({ delayMs: 0 });
});

test.each([
  [{ faultShare: 1.5 }, "`faultShare` is 1.5; set the share of failed requests between 0 and 1"],
  [{ faultShare: -0.1 }, "`faultShare` is -0.1"],
  [{ faultShare: Number.NaN }, "`faultShare` is NaN"],
  [{ delayMs: { s3: -5 } }, "`delayMs.s3` is -5; set a delay of 0 or more milliseconds"],
])("refuses %o", (conditions, message) => {
  expect(() => networkPolicy(conditions)).toThrow(message);
});
