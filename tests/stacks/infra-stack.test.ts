import { Testing } from "cdktf";
// Types of the matchers Testing.setupJest() adds.
import "cdktf/lib/testing/adapters/jest";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoUserGroup } from "@cdktf/provider-aws/lib/cognito-user-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { STAGES } from "../../stacks/config";
import { LIMITS, PHOTOS_PREFIX, TABLE, UPLOADS_PREFIX } from "../../functions/shared/contract";
import { policyStatements, resourcesOf, synthStage, testStage, type SynthesizedStage } from "../helpers/stage-stacks";

const WEB_ORIGIN = expect.stringMatching(/^https:\/\/\$\{aws_cloudfront_distribution\.web_distribution_\w+\.domain_name\}$/);

Testing.setupJest();

let dev: SynthesizedStage;
let prod: SynthesizedStage;
/** Access logs, WAF, required MFA and closed sign-up: what no default stage turns on. */
let qa: SynthesizedStage;
beforeAll(async () => {
  [dev, prod, qa] = await Promise.all([synthStage("dev"), synthStage("prod"), synthStage(testStage())]);
});

describe("photos bucket", () => {
  test("blocks every kind of public access", () => {
    expect(dev.infra).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("enforces bucket ownership (no ACLs) and encrypts at rest", () => {
    expect(dev.infra).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
    expect(dev.infra).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [expect.objectContaining({ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } })],
    });
  });

  test("allows browser PUTs from the stage's origins only", () => {
    for (const [stage, synthesized] of [["dev", dev], ["prod", prod]] as const) {
      expect(synthesized.infra).toHaveResourceWithProperties(S3BucketCorsConfiguration, {
        // The stage's own origins, and the web app's, taken from its distribution rather than copied.
        cors_rule: [expect.objectContaining({ allowed_methods: ["PUT"], allowed_origins: [...STAGES[stage].allowedOrigins, WEB_ORIGIN] })],
      });
    }
    const prodOrigins = resourcesOf(prod.infraJson, "aws_s3_bucket_cors_configuration").flatMap((cors) =>
      (cors.cors_rule as { allowed_origins: string[] }[]).flatMap((rule) => rule.allowed_origins),
    );
    expect(prodOrigins).not.toContain("*");
  });

  test("aborts incomplete multipart uploads", () => {
    expect(dev.infra).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: expect.arrayContaining([expect.objectContaining({ status: "Enabled", abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] })]),
    });
  });

  test("CKV_AWS_21: is versioned; replaced and deleted versions expire after the stage's undo window", () => {
    expect(dev.infra).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    for (const [synthesized, days] of [[dev, 30], [qa, 7]] as const) {
      expect(synthesized.infra).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: expect.arrayContaining([
          expect.objectContaining({ status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: days }] }),
          expect.objectContaining({ status: "Enabled", expiration: [{ expired_object_delete_marker: true }] }),
        ]),
        depends_on: [expect.stringMatching(/^aws_s3_bucket_versioning\.photos-bucket_versioning_/)],
      });
    }
  });

  test("has one policy: TLS only for everyone, the upload rules, and read of photos/ for this distribution only", () => {
    // The other bucket policy is the web app's (tests/stacks/web-hosting.test.ts).
    expect(resourcesOf(dev.infraJson, "aws_s3_bucket_policy").filter((policy) => String(policy.bucket).includes("photos-bucket"))).toHaveLength(1);
    expect(dev.infra).toHaveResourceWithProperties(S3BucketPolicy, {
      policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.photos-cdn_bucket-policy-document_\w+\.json\}$/),
    });
    const uploads = expect.stringMatching(new RegExp(`\\.arn\\}/${UPLOADS_PREFIX}\\*$`));
    const everyone = [{ type: "*", identifiers: ["*"] }];
    expect(dev.infra).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          effect: "Deny",
          actions: ["s3:*"],
          resources: [expect.stringMatching(/\.arn\}$/), expect.stringMatching(/\.arn\}\/\*$/)],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        }),
        // A presigned URL's life cannot grow past 5 minutes, whatever the code signs.
        expect.objectContaining({
          effect: "Deny",
          principals: everyone,
          actions: ["s3:PutObject"],
          resources: [uploads],
          condition: [{ test: "NumericGreaterThan", variable: "s3:signatureAge", values: [String(LIMITS.presignExpiresSeconds * 1000)] }],
        }),
        // Every PUT under uploads/ must be conditional, so S3 refuses a second PUT to a key.
        expect.objectContaining({
          effect: "Deny",
          principals: everyone,
          actions: ["s3:PutObject"],
          resources: [uploads],
          condition: [{ test: "Null", variable: "s3:if-none-match", values: ["true"] }],
        }),
        expect.objectContaining({
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          resources: [expect.stringMatching(new RegExp(`\\.arn\\}/${PHOTOS_PREFIX}\\*$`))],
          condition: [
            { test: "StringEquals", variable: "AWS:SourceArn", values: [expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\S+\.arn\}$/)] },
          ],
        }),
      ],
    });
  });
});

describe("CloudFront", () => {
  test("reads the bucket through origin access control that always signs", () => {
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontOriginAccessControl, {
      origin_access_control_origin_type: "s3",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontDistribution, {
      origin: [expect.objectContaining({ origin_access_control_id: expect.stringMatching(/^\$\{aws_cloudfront_origin_access_control\./) })],
    });
  });

  test("serves HTTPS only with TLS 1.2 as the minimum, and caches immutable photos for a year", () => {
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_cache_behavior: expect.objectContaining({ viewer_protocol_policy: "https-only", allowed_methods: ["GET", "HEAD"] }),
      viewer_certificate: expect.objectContaining({ minimum_protocol_version: "TLSv1.2_2021" }),
    });
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontCachePolicy, { default_ttl: 31536000, max_ttl: 31536000 });
  });

  test("CKV2_AWS_32: answers with HSTS (two years, subdomains), nosniff, no referrer and no framing", () => {
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, override: true },
        content_type_options: { override: true },
        referrer_policy: { referrer_policy: "no-referrer", override: true },
        frame_options: { frame_option: "DENY", override: true },
      },
    });
    expect(dev.infra).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_cache_behavior: expect.objectContaining({ response_headers_policy_id: expect.stringMatching(/^\$\{aws_cloudfront_response_headers_policy\./) }),
    });
  });

  test("CKV_AWS_86: writes standard access logs of both distributions to a private, expiring logs bucket where the stage asks", () => {
    for (const distribution of resourcesOf(dev.infraJson, "aws_cloudfront_distribution")) expect(distribution).not.toHaveProperty("logging_config");
    const logs = resourcesOf(qa.infraJson, "aws_cloudfront_distribution").map((distribution) => distribution.logging_config);
    const logsBucket = expect.stringMatching(/^\$\{aws_s3_bucket\.access-logs_bucket_\w+\.bucket_domain_name\}$/);
    expect(logs).toEqual(
      expect.arrayContaining([
        { bucket: logsBucket, prefix: "photos-cdn/", include_cookies: false },
        { bucket: logsBucket, prefix: "web-cdn/", include_cookies: false },
      ]),
    );
    expect(qa.infra).toHaveResourceWithProperties(S3Bucket, { bucket: "event-photos-qa-cdn-logs-eu-west-1" });
    // CloudFront's standard logging writes through the bucket ACL: ownership stays with the owner, ACLs stay on.
    expect(qa.infra).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerPreferred" } });
    expect(qa.infra).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ id: "expire-logs", expiration: [{ days: 30 }] })],
    });
    // The logs bucket's, the photos bucket's and the web app bucket's.
    expect(resourcesOf(qa.infraJson, "aws_s3_bucket_public_access_block")).toHaveLength(3);
  });

  test("CKV_AWS_68: sits behind a WAF rate limit per IP where the stage asks, from us-east-1", () => {
    expect(resourcesOf(dev.infraJson, "aws_wafv2_web_acl")).toEqual([]);
    expect(Object.values(dev.infraJson.provider.aws as unknown[])).toHaveLength(1);
    expect(qa.infra).toHaveResourceWithProperties(Wafv2WebAcl, {
      scope: "CLOUDFRONT",
      provider: "aws.us-east-1",
      default_action: { allow: {} },
      rule: [expect.objectContaining({ action: { block: {} }, statement: { rate_based_statement: { limit: 500, aggregate_key_type: "IP" } } })],
    });
    expect(qa.infra).toHaveProviderWithProperties(AwsProvider, {
      alias: "us-east-1",
      region: "us-east-1",
      default_tags: [{ tags: expect.objectContaining({ project: "event-photos", stage: "qa" }) }],
    });
    const acls = resourcesOf(qa.infraJson, "aws_cloudfront_distribution").map((distribution) => distribution.web_acl_id);
    expect(acls).toEqual([expect.stringMatching(/^\$\{aws_wafv2_web_acl\.\S+\.arn\}$/), expect.stringMatching(/^\$\{aws_wafv2_web_acl\.\S+\.arn\}$/)]);
  });
});

describe("table", () => {
  test("is on-demand with point-in-time recovery, encryption and the contract's keys and TTL", () => {
    expect(dev.infra).toHaveResourceWithProperties(DynamodbTable, {
      billing_mode: "PAY_PER_REQUEST",
      hash_key: TABLE.partitionKey,
      range_key: TABLE.sortKey,
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      ttl: { attribute_name: TABLE.ttlAttribute, enabled: true },
      deletion_protection_enabled: false,
    });
  });

  test("has the one user-events index, keys only, from the contract", () => {
    const index = TABLE.userEventsIndex;
    expect(dev.infra).toHaveResourceWithProperties(DynamodbTable, {
      attribute: expect.arrayContaining([
        { name: index.partitionKey, type: "S" },
        { name: index.sortKey, type: "S" },
      ]),
      global_secondary_index: [{ name: index.name, hash_key: index.partitionKey, range_key: index.sortKey, projection_type: "KEYS_ONLY" }],
    });
  });

  test("is protected from deletion in prod, as the user pool is", () => {
    expect(prod.infra).toHaveResourceWithProperties(DynamodbTable, { deletion_protection_enabled: true });
    expect(prod.infra).toHaveResourceWithProperties(CognitoUserPool, { deletion_protection: "ACTIVE" });
  });
});

describe("user pool", () => {
  test("signs in with email under a strong password policy", () => {
    expect(dev.infra).toHaveResourceWithProperties(CognitoUserPool, {
      username_attributes: ["email"],
      password_policy: expect.objectContaining({
        minimum_length: 12,
        require_lowercase: true,
        require_uppercase: true,
        require_numbers: true,
        require_symbols: true,
      }),
    });
  });

  test("offers TOTP MFA (optional by default, required where the stage asks) and never SMS", () => {
    expect(dev.infra).toHaveResourceWithProperties(CognitoUserPool, { mfa_configuration: "OPTIONAL", software_token_mfa_configuration: { enabled: true } });
    expect(qa.infra).toHaveResourceWithProperties(CognitoUserPool, { mfa_configuration: "ON", software_token_mfa_configuration: { enabled: true } });
    expect(resourcesOf(qa.infraJson, "aws_cognito_user_pool")[0]).not.toHaveProperty("sms_configuration");
  });

  test("lets anyone sign up unless the stage closes sign-up to administrators' invitations", () => {
    expect(dev.infra).toHaveResourceWithProperties(CognitoUserPool, { admin_create_user_config: { allow_admin_create_user_only: false } });
    expect(qa.infra).toHaveResourceWithProperties(CognitoUserPool, { admin_create_user_config: { allow_admin_create_user_only: true } });
  });

  test("has a public app client without a secret, and an organizers group", () => {
    expect(dev.infra).toHaveResourceWithProperties(CognitoUserPoolClient, {
      generate_secret: false,
      explicit_auth_flows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
    expect(dev.infra).toHaveResourceWithProperties(CognitoUserGroup, { name: "organizers" });
  });
});

describe("stack", () => {
  test("tags every resource with project and stage, in the stage's region", () => {
    expect(prod.infra).toHaveProviderWithProperties(AwsProvider, {
      region: STAGES.prod.region,
      default_tags: [{ tags: expect.objectContaining({ project: "event-photos", stage: "prod" }) }],
    });
  });

  test("keeps local state at a relative path when no state bucket is configured", () => {
    expect(dev.infraJson.terraform).toMatchObject({ backend: { local: { path: "../../../terraform.photos-infra-dev.tfstate" } } });
  });

  test("keeps state in S3 with a lock file when TF_STATE_BUCKET is set", async () => {
    const remote = await synthStage("dev", { TF_STATE_BUCKET: "acme-terraform-state" });
    for (const [stack, json] of [["photos-infra-dev", remote.infraJson], ["photos-api-dev", remote.apiJson]] as const) {
      expect(json.terraform).toMatchObject({
        backend: { s3: { bucket: "acme-terraform-state", key: `event-photos/dev/${stack}.tfstate`, use_lockfile: true, encrypt: true } },
      });
    }
  });

  test("grants nothing to every principal: its statements for everyone are the TLS and upload denies", () => {
    const everyone = policyStatements(qa.infraJson).filter(({ statement }) => JSON.stringify(statement.principals ?? []).includes('"*"'));
    // The photos bucket's TLS and two upload denies, and the TLS deny of the logs bucket and of the web app's.
    expect(everyone.map(({ statement }) => statement.effect)).toEqual(["Deny", "Deny", "Deny", "Deny", "Deny"]);
  });
});
