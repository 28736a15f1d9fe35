import { offlineOverride, providerAliases } from "../../../scripts/plan/offline-plan";

describe("offlineOverride", () => {
  test("gives every AWS provider, aliased ones too, dummy credentials and the skip flags", () => {
    const override = offlineOverride("state.tfstate", {}, ["us-east-1"]) as { provider: { aws: Record<string, unknown>[] } };
    expect(override.provider.aws).toHaveLength(2);
    expect(override.provider.aws[1]).toMatchObject({ alias: "us-east-1", access_key: "offline-plan", skip_credentials_validation: true, skip_requesting_account_id: true });
    expect(override.provider.aws[0]).not.toHaveProperty("alias");
  });

  test("finds the aliases of a synthesized stack's providers", () => {
    expect(providerAliases({ provider: { aws: [{}, { alias: "us-east-1" }] } })).toEqual(["us-east-1"]);
    expect(providerAliases({})).toEqual([]);
  });
});
