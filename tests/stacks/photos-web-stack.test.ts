/** The web app's hosting (infra stack) and its files, config.json and CSP (web stack). */
import { Testing } from "cdktf";
// Types of the matchers Testing.setupJest() adds.
import "cdktf/lib/testing/adapters/jest";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { CloudfrontkeyvaluestoreKey } from "@cdktf/provider-aws/lib/cloudfrontkeyvaluestore-key";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { SPA_FALLBACK_FUNCTION, WEB_SECURITY_HEADERS } from "../../functions/shared/contract";
import { CACHE_CONTROL } from "../../packaging/web-manifest";
import { CSP_KEY, contentSecurityPolicyFunction } from "../../stacks/constructs/web-hosting";
import { resourcesOf, synthStage, type SynthesizedStage } from "../helpers/stage-stacks";
import { TEST_WEB_FILES } from "../helpers/web-artifacts";

Testing.setupJest();

let dev: SynthesizedStage;
beforeAll(async () => {
  dev = await synthStage("dev");
});

describe("web hosting (infra stack)", () => {
  test("serves the private bucket through CloudFront with origin access control, index.html at the root, HTTPS only", () => {
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_root_object: "index.html",
      origin: [expect.objectContaining({ domain_name: expect.stringMatching(/aws_s3_bucket\.web_bucket_\w+\.bucket_regional_domain_name/), origin_access_control_id: expect.stringMatching(/web_origin-access-control/) })],
      default_cache_behavior: expect.objectContaining({
        viewer_protocol_policy: "redirect-to-https",
        allowed_methods: ["GET", "HEAD"],
        response_headers_policy_id: expect.stringMatching(/web_security-headers/),
        function_association: [
          { event_type: "viewer-request", function_arn: expect.stringMatching(/web_spa-fallback/) },
          { event_type: "viewer-response", function_arn: expect.stringMatching(/web_content-security-policy/) },
        ],
      }),
    });
  });

  test("sends HSTS, nosniff, the referrer policy and frame denial", () => {
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: WEB_SECURITY_HEADERS.hstsMaxAgeSeconds, include_subdomains: true, override: true },
        content_type_options: { override: true },
        referrer_policy: { referrer_policy: "no-referrer", override: true },
        frame_options: { frame_option: "DENY", override: true },
      },
    });
  });

  test("lets only this distribution read and list the app's bucket, so a missing file is a 404", () => {
    expect(dev.infra).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({ sid: "DenyInsecureTransport", effect: "Deny" }),
        expect.objectContaining({ actions: ["s3:GetObject"], resources: [expect.stringMatching(/web_bucket_\w+\.arn\}\/\*$/)], condition: [expect.objectContaining({ variable: "AWS:SourceArn", values: [expect.stringMatching(/web_distribution_\w+\.arn/)] })] }),
        expect.objectContaining({ actions: ["s3:ListBucket"], resources: [expect.stringMatching(/web_bucket_\w+\.arn\}$/)], condition: [expect.objectContaining({ variable: "AWS:SourceArn" })] }),
      ],
    });
  });

  test("deploys the contract's SPA fallback as the viewer-request function", () => {
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontFunction, { name: "event-photos-dev-web-spa-fallback", runtime: "cloudfront-js-2.0", publish: true, code: SPA_FALLBACK_FUNCTION });
  });
});

describe("the SPA fallback function", () => {
  const handler = new Function(`${SPA_FALLBACK_FUNCTION}\nreturn handler;`)() as (event: { request: { uri: string } }) => { uri: string };
  test.each([
    ["/", "/index.html"],
    ["/events/demo-event", "/index.html"],
    ["/events/demo-event/photos/01ABC", "/index.html"],
    ["/index.html", "/index.html"],
    ["/assets/index-1a2b.js", "/assets/index-1a2b.js"],
    ["/config.json", "/config.json"],
    ["/missing.png", "/missing.png"],
  ])("%s is served from %s", (uri, served) => {
    expect(handler({ request: { uri } }).uri).toBe(served);
  });
});

describe("the CSP function", () => {
  /** Runs the function's code with a stand-in for CloudFront's key value store module. */
  function run(stored: () => Promise<string>) {
    const code = contentSecurityPolicyFunction("kvs-id").replace('import cf from "cloudfront";', "");
    const kvs = jest.fn(() => ({ get: stored }));
    const handler = new Function("cf", `${code}\nreturn handler;`)({ kvs }) as (event: unknown) => Promise<{ headers: Record<string, { value: string }> }>;
    return { kvs, respond: () => handler({ response: { headers: {} } }) };
  }

  test("adds the policy the web stack stored, from the store the code names", async () => {
    const { kvs, respond } = run(async () => "default-src 'self'");
    expect((await respond()).headers["content-security-policy"]).toEqual({ value: "default-src 'self'" });
    expect(kvs).toHaveBeenCalledWith("kvs-id");
  });

  test("locks the page down while no policy is stored", async () => {
    const { respond } = run(() => Promise.reject(new Error("key not found")));
    expect((await respond()).headers["content-security-policy"]).toEqual({ value: "default-src 'none'; frame-ancestors 'none'" });
  });
});

describe("web stack", () => {
  test("holds one object per built file, updated only when its SHA-256 changes", () => {
    const objects = resourcesOf(dev.webJson, "aws_s3_object").filter((object) => object.key !== "config.json");
    expect(objects.map((object) => object.key).sort()).toEqual(Object.keys(TEST_WEB_FILES).sort());
    const js = objects.find((object) => object.key === "assets/index-a1.js");
    expect(js).toMatchObject({
      content_type: "text/javascript; charset=utf-8",
      cache_control: CACHE_CONTROL.immutable,
      source_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      source: expect.stringContaining(String(js?.source_hash)),
    });
    expect(objects.find((object) => object.key === "index.html")).toMatchObject({ content_type: "text/html; charset=utf-8", cache_control: CACHE_CONTROL.revalidate });
  });

  test("writes config.json from the stage's outputs", () => {
    expect(dev.web).toHaveResourceWithProperties(S3Object, {
      key: "config.json",
      content_type: "application/json",
      cache_control: "no-cache",
      content: expect.stringMatching(/^\$\{jsonencode\(\{.*"apiUrl" = .*aws_apigatewayv2_api.*"region" = "eu-west-1".*"userPoolId" = .*"clientId" = .*"photosOrigin" = "https:\/\/\$\{.*\}"\}\)\}$/s),
    });
  });

  test("stores a CSP that allows exactly the API, Cognito, the CDN and the bucket", () => {
    const [key] = resourcesOf(dev.webJson, "aws_cloudfrontkeyvaluestore_key");
    expect(key).toMatchObject({ key: CSP_KEY, key_value_store_arn: expect.stringContaining("web_settings") });
    const policy = String(key?.value);
    expect(policy).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self'; /);
    expect(policy).toMatch(/img-src 'self' https:\/\/\$\{[^}]*photos-cdn_distribution[^}]*domain_name\};/);
    expect(policy).toMatch(/connect-src 'self' \$\{[^}]*aws_apigatewayv2_api[^}]*api_endpoint\} https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com https:\/\/\$\{[^}]*photos-bucket_[^}]*bucket_regional_domain_name\};/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(dev.web).toHaveResourceWithProperties(CloudfrontkeyvaluestoreKey, { key: CSP_KEY });
  });
});
