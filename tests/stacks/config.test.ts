import { LIMITS } from "../../functions/shared/contract";
import { STAGE_NAMES, checkStage, resolveStage, type StageSettings } from "../../stacks/config";
import { StackConfigError } from "../../stacks/errors";

const valid: StageSettings = { region: "eu-west-1", allowedOrigins: ["https://photos.example.com"] };

describe("resolveStage", () => {
  test("defines dev and prod, each valid", () => {
    expect(STAGE_NAMES).toEqual(["dev", "prod"]);
    for (const stage of STAGE_NAMES) expect(resolveStage(stage).stage).toBe(stage);
  });

  test("fills the defaults", () => {
    expect(checkStage("qa", valid)).toEqual({
      stage: "qa",
      region: "eu-west-1",
      allowedOrigins: ["https://photos.example.com"],
      production: false,
      uploadLimitBytes: LIMITS.defaultUploadLimitBytes,
      uploadQuota: LIMITS.defaultUploadQuota,
      pixelLimit: LIMITS.defaultPixelLimit,
      logRetentionDays: 30,
      bucketName: "event-photos-qa-photos-eu-west-1",
      throttling: { burstLimit: 50, rateLimit: 100 },
      reservedConcurrency: {},
      alarm: { threshold: 0, email: undefined },
      noncurrentVersionExpiryDays: 30,
      tracing: false,
      selfSignUp: true,
      mfa: "optional",
      accessLogsBucketName: undefined,
      wafRateLimit: undefined,
      stateBackend: { bucket: undefined, keyPrefix: "event-photos", region: "eu-west-1" },
    });
  });

  test("traces in production stages unless told otherwise, and only there by default", () => {
    expect(resolveStage("prod").tracing).toBe(true);
    expect(resolveStage("dev").tracing).toBe(false);
    expect(checkStage("qa", { ...valid, production: true, tracing: false }).tracing).toBe(false);
  });

  test("names the access-logs bucket and sets the WAF limit only when the stage turns them on", () => {
    expect(checkStage("qa", { ...valid, accessLogs: true, waf: true })).toMatchObject({
      accessLogsBucketName: "event-photos-qa-cdn-logs-eu-west-1",
      wafRateLimit: 2000,
    });
    expect(checkStage("qa", { ...valid, accessLogs: true, accessLogsBucketName: "event-photos-qa-logs", waf: true, wafRateLimit: 500 })).toMatchObject({
      accessLogsBucketName: "event-photos-qa-logs",
      wafRateLimit: 500,
    });
  });

  test("takes the state bucket from TF_STATE_BUCKET before the config", () => {
    const settings = { ...valid, stateBackend: { bucket: "configured-state" } };
    expect(checkStage("qa", settings).stateBackend.bucket).toBe("configured-state");
    expect(checkStage("qa", settings, { TF_STATE_BUCKET: " env-state " }).stateBackend.bucket).toBe("env-state");
  });

  test("names an unknown stage and the ones that exist", () => {
    expect(() => resolveStage("staging")).toThrow(new StackConfigError("Stage `staging` is not defined; use one of dev, prod or add an entry to STAGES in stacks/config.ts"));
  });
});

describe("checkStage rejects, naming the field, the value and the fix:", () => {
  test.each<[string, StageSettings, string]>([
    ["a zero upload limit", { ...valid, uploadLimitBytes: 0 }, "`uploadLimitBytes` is 0 in stage `qa`; set a positive number of bytes"],
    ["a fractional upload quota", { ...valid, uploadQuota: 2.5 }, "`uploadQuota` is 2.5 in stage `qa`; set a positive number of uploads per attendee and event"],
    ["a fractional pixel limit", { ...valid, pixelLimit: 1.5e6 + 0.5 }, "`pixelLimit` is 1500000.5 in stage `qa`; set a positive number of pixels (width times height), e.g. 100000000"],
    ["* as a production origin", { ...valid, production: true, allowedOrigins: ["*"] }, '`allowedOrigins` is "*" in stage `qa`; list the exact web origins of a production stage, never *'],
    ["an origin with a path", { ...valid, allowedOrigins: ["https://a.example.com/app"] }, '`allowedOrigins` is "https://a.example.com/app" in stage `qa`'],
    ["no origin", { ...valid, allowedOrigins: [] }, "`allowedOrigins` is [] in stage `qa`; list at least one web origin"],
    ["a retention CloudWatch refuses", { ...valid, logRetentionDays: 10 }, "`logRetentionDays` is 10 in stage `qa`; use one of the values CloudWatch Logs accepts"],
    ["a malformed region", { ...valid, region: "Europe" }, '`region` is "Europe" in stage `qa`; set an AWS region such as eu-west-1'],
    ["an invalid bucket name", { ...valid, bucketName: "Photos_Bucket" }, '`bucketName` is "Photos_Bucket" in stage `qa`'],
    ["a negative alarm threshold", { ...valid, alarm: { threshold: -1 } }, "`alarm.threshold` is -1 in stage `qa`"],
    ["an alarm email that is no address", { ...valid, alarm: { threshold: 0, email: "arn:aws:sns:eu-west-1:123456789012:alerts" } }, '`alarm.email` is "arn:aws:sns:eu-west-1:123456789012:alerts" in stage `qa`; set the email address'],
    ["a zero-day undo window", { ...valid, noncurrentVersionExpiryDays: 0 }, "`noncurrentVersionExpiryDays` is 0 in stage `qa`; set a positive whole number of days"],
    ["an MFA mode Cognito lacks", { ...valid, mfa: "sms" as never }, '`mfa` is "sms" in stage `qa`; use one of off, optional, required'],
    ["a bucket outside the stage's prefix", { ...valid, bucketName: "acme-photos" }, '`bucketName` is "acme-photos" in stage `qa`; start the name with `event-photos-qa-`'],
    ["another stage's bucket", { ...valid, bucketName: "event-photos-prod-photos" }, '`bucketName` is "event-photos-prod-photos" in stage `qa`; start the name with `event-photos-qa-`'],
    ["a logs bucket outside the stage's prefix", { ...valid, accessLogs: true, accessLogsBucketName: "acme-logs" }, '`accessLogsBucketName` is "acme-logs" in stage `qa`; start the name'],
    ["a logs bucket name without access logs", { ...valid, accessLogsBucketName: "event-photos-qa-logs" }, '`accessLogsBucketName` is "event-photos-qa-logs" in stage `qa`; set `accessLogs: true` to use it'],
    ["a WAF limit without a WAF", { ...valid, wafRateLimit: 100 }, "`wafRateLimit` is 100 in stage `qa`; set `waf: true` to use it"],
    ["a WAF limit below WAF's minimum", { ...valid, waf: true, wafRateLimit: 5 }, "`wafRateLimit` is 5 in stage `qa`; set a whole number of requests per IP and 5 minutes from 10"],
    ["zero throttling", { ...valid, throttling: { burstLimit: 0, rateLimit: 10 } }, "`throttling.burstLimit` is 0 in stage `qa`"],
    ["fractional reserved concurrency", { ...valid, reservedConcurrency: { "process-upload": 1.5 } }, "`reservedConcurrency.process-upload` is 1.5 in stage `qa`"],
    ["reserved concurrency of no function", { ...valid, reservedConcurrency: { "process-uploads": 5 } as never }, "`reservedConcurrency.process-uploads` is 5 in stage `qa`; name one of the functions"],
  ])("%s", (_case, settings, message) => {
    expect(() => checkStage("qa", settings)).toThrow(StackConfigError);
    expect(() => checkStage("qa", settings)).toThrow(message);
  });

  test("allows * in a non-production stage", () => {
    expect(checkStage("qa", { ...valid, allowedOrigins: ["*"] }).allowedOrigins).toEqual(["*"]);
  });

  test("an invalid state bucket from the environment", () => {
    expect(() => checkStage("qa", valid, { TF_STATE_BUCKET: "s3://state" })).toThrow('`stateBackend.bucket (or TF_STATE_BUCKET)` is "s3://state" in stage `qa`');
  });

  test("an invalid stage name", () => {
    expect(() => checkStage("Prod Env", valid)).toThrow('`stage` is "Prod Env" in stage `Prod Env`');
  });
});
