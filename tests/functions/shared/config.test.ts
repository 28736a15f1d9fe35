import { ConfigError } from "../../../functions/shared/errors";
import { loadConfig } from "../../../functions/shared/config";

const FULL = {
  PHOTOS_TABLE_NAME: " photos ",
  PHOTOS_BUCKET_NAME: "bucket",
  PHOTOS_BASE_URL: "https://d111.cloudfront.net/",
  UPLOAD_LIMIT_BYTES: "1048576",
  UPLOAD_QUOTA: "500",
  PIXEL_LIMIT: "100000000",
};

test("reads exactly the variables a function needs, trimmed and parsed", () => {
  expect(loadConfig("initiate-upload", FULL)).toEqual({ tableName: "photos", bucketName: "bucket", uploadLimitBytes: 1048576, uploadQuota: 500 });
  expect(loadConfig("process-upload", FULL)).toEqual({ tableName: "photos", bucketName: "bucket", pixelLimit: 100_000_000 });
  expect(loadConfig("list-photos", FULL)).toEqual({ tableName: "photos", photosBaseUrl: "https://d111.cloudfront.net" });
});

test.each([
  ["initiate-upload", { ...FULL, PHOTOS_TABLE_NAME: undefined }, "PHOTOS_TABLE_NAME", /is not set/],
  ["initiate-upload", { ...FULL, PHOTOS_BUCKET_NAME: "  " }, "PHOTOS_BUCKET_NAME", /is not set/],
  ["initiate-upload", { ...FULL, UPLOAD_LIMIT_BYTES: "20MB" }, "UPLOAD_LIMIT_BYTES", /"20MB".*positive whole number/],
  ["initiate-upload", { ...FULL, UPLOAD_LIMIT_BYTES: "0" }, "UPLOAD_LIMIT_BYTES", /"0"/],
  ["initiate-upload", { ...FULL, UPLOAD_QUOTA: "lots" }, "UPLOAD_QUOTA", /"lots".*positive whole number: the uploads one attendee may initiate per event/],
  ["register-attendees", { PHOTOS_TABLE_NAME: "t" }, "USER_POOL_ID", /USER_POOL_ID is not set; set it to the Cognito user pool id/],
  ["process-upload", { ...FULL, PIXEL_LIMIT: "100 MP" }, "PIXEL_LIMIT", /"100 MP".*positive whole number: the largest accepted image in pixels/],
  ["list-photos", { ...FULL, PHOTOS_BASE_URL: "d111.cloudfront.net" }, "PHOTOS_BASE_URL", /not a URL/],
  ["get-photo", { ...FULL, PHOTOS_BASE_URL: "ftp://x" }, "PHOTOS_BASE_URL", /http\(s\)/],
  ["get-photo", {}, "PHOTOS_TABLE_NAME", /PHOTOS_TABLE_NAME is not set/],
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
