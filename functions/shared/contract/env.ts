/**
 * The environment variables the handlers read: the variable's name, how its value is parsed, and
 * what it holds (for error messages). A function lists the keys it reads in FUNCTIONS; the stacks
 * and the local handler host each give every key its value.
 */

/**
 * How a value is parsed: trimmed text, an absolute http(s) URL (trailing slashes dropped), a
 * positive whole number, or a flag (`true` or `false`).
 */
export type EnvKind = "text" | "url" | "positiveInteger" | "boolean";

export interface EnvSpec {
  readonly variable: string;
  readonly kind: EnvKind;
  /** What the value is, completing "set it to ...". */
  readonly holds: string;
}

export const ENV = {
  tableName: { variable: "PHOTOS_TABLE_NAME", kind: "text", holds: "the DynamoDB table name" },
  bucketName: { variable: "PHOTOS_BUCKET_NAME", kind: "text", holds: "the photos bucket name" },
  photosBaseUrl: { variable: "PHOTOS_BASE_URL", kind: "url", holds: "the base URL photos are served from" },
  uploadLimitBytes: { variable: "UPLOAD_LIMIT_BYTES", kind: "positiveInteger", holds: "the upload size limit in bytes" },
  uploadQuota: { variable: "UPLOAD_QUOTA", kind: "positiveInteger", holds: "the uploads one attendee may initiate per event" },
  userPoolId: { variable: "USER_POOL_ID", kind: "text", holds: "the Cognito user pool id" },
  photosDistributionId: { variable: "PHOTOS_DISTRIBUTION_ID", kind: "text", holds: "the id of the CloudFront distribution that serves photos" },
  pixelLimit: { variable: "PIXEL_LIMIT", kind: "positiveInteger", holds: "the largest accepted image in pixels (width times height)" },
  // Powertools for AWS Lambda reads these names itself too; the handlers pass the validated values on.
  serviceName: { variable: "POWERTOOLS_SERVICE_NAME", kind: "text", holds: "the function's name in the contract, the `service` of its logs and metrics" },
  metricsNamespace: { variable: "POWERTOOLS_METRICS_NAMESPACE", kind: "text", holds: "the CloudWatch namespace of the stage's metrics" },
  tracing: { variable: "POWERTOOLS_TRACE_ENABLED", kind: "boolean", holds: "whether the function sends X-Ray traces (true or false)" },
} as const satisfies Record<string, EnvSpec>;

export type EnvKey = keyof typeof ENV;
export const ENV_KEYS = Object.keys(ENV) as EnvKey[];
