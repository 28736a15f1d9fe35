import { readFileSync } from "node:fs";
import { deepProviderResource, rootNamespace } from "../../../scripts/bench/root-provider-imports";

describe("deepProviderResource", () => {
  it("recognizes deep provider imports", () => {
    expect(deepProviderResource("@cdktf/provider-aws/lib/s3-bucket")).toBe("s3-bucket");
    expect(deepProviderResource("@cdktf/provider-aws/lib/apigatewayv2-api")).toBe("apigatewayv2-api");
  });

  it("leaves every other request alone", () => {
    expect(deepProviderResource("@cdktf/provider-aws")).toBeUndefined();
    expect(deepProviderResource("@cdktf/provider-aws/lib/s3-bucket/index-structs")).toBeUndefined();
    expect(deepProviderResource("cdktf")).toBeUndefined();
  });
});

describe("rootNamespace", () => {
  // Read rather than required: loading the root index is the multi-second cost the bench measures.
  const rootIndex = readFileSync(require.resolve("@cdktf/provider-aws"), "utf8");

  it.each(["s3-bucket", "data-aws-iam-policy-document", "apigatewayv2-api", "s3-bucket-server-side-encryption-configuration", "provider"])(
    "names the namespace the package root exports %s as",
    (resource) => {
      expect(rootIndex).toContain(`exports.${rootNamespace(resource)} = require("./${resource}");`);
    },
  );
});
