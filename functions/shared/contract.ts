/**
 * Facts that the Terraform stacks, the Lambda handlers and the local stack must agree on.
 * Defined once here and imported by all three, so they cannot drift apart.
 */

/** The Lambda handlers, by folder name under `functions/`. */
export const FUNCTION_NAMES = ["initiate-upload", "process-upload", "list-photos", "get-photo"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Each function's zip holds one ESM file exporting `handler`; Lambda's handler setting points at it. */
export const BUNDLE = { entryFile: "index.mjs", lambdaHandler: "index.handler" } as const;

/** An HTTP API route: the method and path as API Gateway writes them, and the handler behind it. */
export interface Route {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly handler: Exclude<FunctionName, "process-upload">;
}

export const ROUTES: readonly Route[] = [
  { method: "POST", path: "/events/{eventId}/photos/initiate-upload", handler: "initiate-upload" },
  { method: "GET", path: "/events/{eventId}/photos", handler: "list-photos" },
  { method: "GET", path: "/events/{eventId}/photos/{photoId}", handler: "get-photo" },
];

/** API Gateway's route key of a route, e.g. `GET /events/{eventId}/photos`. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

/** The single DynamoDB table: string partition and sort keys, and a TTL attribute (epoch seconds). */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAtEpoch",
} as const;

/** Item key prefixes; every item of an event shares the partition `EVENT#{eventId}`. */
export const KEY_PREFIX = {
  event: "EVENT#",
  attendee: "ATTENDEE#",
  upload: "UPLOAD#",
  photo: "PHOTO#",
} as const;

/** Objects are only ever written below this prefix; the S3 notification filters on it. */
export const UPLOADS_PREFIX = "uploads/";

/** Environment variable names the handlers read (values are set by the stacks and the local stack). */
export const ENV = {
  tableName: "PHOTOS_TABLE_NAME",
  bucketName: "PHOTOS_BUCKET_NAME",
  photosBaseUrl: "PHOTOS_BASE_URL",
  uploadLimitBytes: "UPLOAD_LIMIT_BYTES",
  /** Only set locally: the S3 and DynamoDB emulator endpoints. Unset in AWS. */
  s3Endpoint: "S3_ENDPOINT",
  dynamodbEndpoint: "DYNAMODB_ENDPOINT",
} as const;

/** Accepted image types and the file extension each gets in its S3 key. */
export const CONTENT_TYPES = {
  "image/jpeg": { extension: "jpg" },
  "image/png": { extension: "png" },
  "image/webp": { extension: "webp" },
} as const;
export type AcceptedContentType = keyof typeof CONTENT_TYPES;
export const ACCEPTED_CONTENT_TYPES = Object.keys(CONTENT_TYPES) as AcceptedContentType[];

/** The accepted type whose key extension is `extension` (e.g. "jpg"), or undefined. */
export function contentTypeForExtension(extension: string): AcceptedContentType | undefined {
  return ACCEPTED_CONTENT_TYPES.find((type) => CONTENT_TYPES[type].extension === extension);
}

export const LIMITS = {
  /** Upload size limit when a stage does not set its own. */
  defaultUploadLimitBytes: 20 * 1024 * 1024,
  /** Presigned PUT URLs expire after this many seconds (DESIGN: at most 5 minutes). */
  presignExpiresSeconds: 300,
  /** Upload intents expire (DynamoDB TTL) this long after they are created. */
  uploadIntentTtlSeconds: 24 * 60 * 60,
  titleMaxChars: 200,
  descriptionMaxChars: 2000,
  listDefaultLimit: 20,
  listMaxLimit: 100,
} as const;

export const EVENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** CORS rules of the photos bucket: browsers PUT straight to the presigned URL. */
export function bucketCorsRules(allowedOrigins: readonly string[]) {
  return [
    {
      allowedMethods: ["PUT"],
      allowedOrigins: [...allowedOrigins],
      allowedHeaders: ["content-type"],
      exposeHeaders: ["etag"],
      maxAgeSeconds: 3600,
    },
  ];
}

/** CORS of the HTTP API (and the local API server). */
export function apiCors(allowedOrigins: readonly string[]) {
  return {
    allowOrigins: [...allowedOrigins],
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["authorization", "content-type"],
    maxAgeSeconds: 3600,
  };
}

/**
 * What each handler touches in AWS: the exact IAM actions its code calls, and the environment
 * variables it reads. The stacks grant exactly these; the handlers' config validates exactly these.
 * S3 actions apply to objects under UPLOADS_PREFIX only; DynamoDB actions to the one table.
 */
export interface FunctionAccess {
  readonly dynamodb: readonly string[];
  readonly s3: readonly string[];
  readonly env: readonly (keyof typeof ENV)[];
}

const FUNCTION_ACCESS_BY_NAME = {
  // PutObject is granted because the presigned URL is signed with this function's credentials.
  "initiate-upload": {
    dynamodb: ["dynamodb:GetItem", "dynamodb:PutItem"],
    s3: ["s3:PutObject"],
    env: ["tableName", "bucketName", "uploadLimitBytes"],
  },
  // BatchGetItem reads the upload intent and the photo together; DeleteItem removes a photo whose
  // object was overwritten after it was accepted.
  "process-upload": {
    dynamodb: ["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    s3: ["s3:GetObject", "s3:DeleteObject"],
    env: ["tableName", "bucketName", "photosBaseUrl"],
  },
  "list-photos": { dynamodb: ["dynamodb:Query"], s3: [], env: ["tableName"] },
  "get-photo": { dynamodb: ["dynamodb:BatchGetItem"], s3: [], env: ["tableName"] },
} as const satisfies Record<FunctionName, FunctionAccess>;

export const FUNCTION_ACCESS: Record<FunctionName, FunctionAccess> = FUNCTION_ACCESS_BY_NAME;

/** The ENV keys function `N` reads, as a type, so each handler's config is typed to exactly those. */
export type FunctionEnvKey<N extends FunctionName> = (typeof FUNCTION_ACCESS_BY_NAME)[N]["env"][number];
