import { ConfigError } from "../../../functions/shared/errors";
import { loadConfig } from "../../../functions/shared/config";

/** What every function reads too; the tests below add each function's own. */
const TELEMETRY = { POWERTOOLS_SERVICE_NAME: "a-function", POWERTOOLS_METRICS_NAMESPACE: "event-photos-dev", POWERTOOLS_TRACE_ENABLED: "false" };
const TELEMETRY_CONFIG = { serviceName: "a-function", metricsNamespace: "event-photos-dev", tracing: false };

const FULL = {
  ...TELEMETRY,
  PHOTOS_TABLE_NAME: " photos ",
  PHOTOS_BUCKET_NAME: "bucket",
  PHOTOS_BASE_URL: "https://d111.cloudfront.net/",
  UPLOAD_LIMIT_BYTES: "1048576",
  UPLOAD_QUOTA: "500",
  PIXEL_LIMIT: "100000000",
};

test("reads exactly the variables a function needs, trimmed and parsed", () => {
  expect(loadConfig("initiate-upload", FULL)).toEqual({ ...TELEMETRY_CONFIG, tableName: "photos", bucketName: "bucket", uploadLimitBytes: 1048576, uploadQuota: 500 });
  expect(loadConfig("process-upload", FULL)).toEqual({ ...TELEMETRY_CONFIG, tableName: "photos", bucketName: "bucket", pixelLimit: 100_000_000 });
  expect(loadConfig("list-photos", FULL)).toEqual({ ...TELEMETRY_CONFIG, tableName: "photos", photosBaseUrl: "https://d111.cloudfront.net" });
  expect(loadConfig("get-event", { ...FULL, POWERTOOLS_TRACE_ENABLED: " true " }).tracing).toBe(true);
});

test.each([
  ["initiate-upload", { ...FULL, PHOTOS_TABLE_NAME: undefined }, "PHOTOS_TABLE_NAME", /is not set/],
  ["initiate-upload", { ...FULL, PHOTOS_BUCKET_NAME: "  " }, "PHOTOS_BUCKET_NAME", /is not set/],
  ["initiate-upload", { ...FULL, UPLOAD_LIMIT_BYTES: "20MB" }, "UPLOAD_LIMIT_BYTES", /"20MB".*positive whole number/],
  ["initiate-upload", { ...FULL, UPLOAD_LIMIT_BYTES: "0" }, "UPLOAD_LIMIT_BYTES", /"0"/],
  ["initiate-upload", { ...FULL, UPLOAD_QUOTA: "lots" }, "UPLOAD_QUOTA", /"lots".*positive whole number: the uploads one attendee may initiate per event/],
  ["register-attendees", { ...TELEMETRY, PHOTOS_TABLE_NAME: "t" }, "USER_POOL_ID", /USER_POOL_ID is not set; set it to the Cognito user pool id/],
  ["process-upload", { ...FULL, PIXEL_LIMIT: "100 MP" }, "PIXEL_LIMIT", /"100 MP".*positive whole number: the largest accepted image in pixels/],
  ["list-photos", { ...FULL, PHOTOS_BASE_URL: "d111.cloudfront.net" }, "PHOTOS_BASE_URL", /not a URL/],
  ["get-photo", { ...FULL, PHOTOS_BASE_URL: "ftp://x" }, "PHOTOS_BASE_URL", /http\(s\)/],
  ["get-photo", { ...TELEMETRY }, "PHOTOS_TABLE_NAME", /PHOTOS_TABLE_NAME is not set/],
  ["get-photo", {}, "POWERTOOLS_SERVICE_NAME", /POWERTOOLS_SERVICE_NAME is not set; set it to the function's name in the contract/],
  ["put-event", { ...FULL, POWERTOOLS_METRICS_NAMESPACE: "" }, "POWERTOOLS_METRICS_NAMESPACE", /is not set; set it to the CloudWatch namespace/],
  ["delete-photo", { ...FULL, POWERTOOLS_TRACE_ENABLED: "yes" }, "POWERTOOLS_TRACE_ENABLED", /"yes"; set it to true or false/],
  ["list-photos", { ...FULL, POWERTOOLS_TRACE_ENABLED: "False" }, "POWERTOOLS_TRACE_ENABLED", /"False"; set it to true or false/],
] as const)("%s fails naming %s", (name, env, variable, message) => {
  let error: unknown;
  try {
    loadConfig(name, env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).variable).toBe(variable);
  expect((error as ConfigError).message).toMatch(message);
});
