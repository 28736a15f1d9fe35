/**
 * One description per Lambda function: what triggers it, what it may touch in AWS, the environment
 * it reads and its size. The stacks declare each function, its role, its log group and its trigger
 * from this table; the build bundles each; the local stack and the tests host each in process.
 * Adding an HTTP function is its folder under functions/ and one entry here.
 */
import type { EnvKey } from "./env";
import type { RouteId } from "./routes";
import { PHOTOS_PREFIX, TABLE, UPLOADS_PREFIX } from "./storage";

/** Each function's zip holds one ESM file exporting `handler`; Lambda's handler setting points at it. */
export const BUNDLE = { entryFile: "index.mjs", lambdaHandler: "index.handler" } as const;

export type FunctionTrigger =
  /** API Gateway routes (payload format 2.0, behind the JWT authorizer). */
  | { readonly http: readonly RouteId[] }
  /** S3 `ObjectCreated` notifications for keys under `prefix`, invoked asynchronously with an on-failure queue. */
  | { readonly objectCreated: { readonly prefix: string } };

/**
 * The exact IAM actions a function's code calls, by resource. Nothing else is granted.
 */
export interface FunctionAccess {
  /** Actions on the single table. */
  readonly table?: readonly string[];
  /** Actions on the table's global secondary indexes, per index name. */
  readonly tableIndexes?: Readonly<Record<string, readonly string[]>>;
  /** Actions on objects of the photos bucket, per key prefix. */
  readonly objects?: Readonly<Record<string, readonly string[]>>;
  /** Actions on the stage's Cognito user pool. */
  readonly userPool?: readonly string[];
  /** Actions on the stage's photos CloudFront distribution. */
  readonly cdn?: readonly string[];
}

export interface FunctionSpec {
  /** One line: what the function does (the Lambda description). */
  readonly description: string;
  readonly trigger: FunctionTrigger;
  readonly access: FunctionAccess;
  /** The environment variables it reads besides TELEMETRY_ENV, validated at cold start. */
  readonly env: readonly EnvKey[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /**
   * Packages with native binaries, left out of the bundle: the function's zip carries each under
   * `node_modules/` with its runtime dependencies, installed for Lambda's platform (linux, arm64,
   * glibc) at the lock file's versions. @default none
   */
  readonly nativePackages?: readonly string[];
}

const USER_EVENTS_INDEX = TABLE.userEventsIndex.name;

const FUNCTION_SPECS = {
  // UpdateItem creates or replaces the event under a condition (new, or the caller's own), and
  // upserts the organizer's own attendance so the event is among their events.
  "put-event": {
    description: "Creates an event (organizers) or replaces its fields (its organizer)",
    trigger: { http: ["putEvent"] },
    access: { table: ["dynamodb:UpdateItem"] },
    env: ["tableName"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  // One BatchGetItem reads the event and the caller's attendance (for the caller's role).
  "get-event": {
    description: "Returns an event and the caller's role in it",
    trigger: { http: ["getEvent"] },
    access: { table: ["dynamodb:BatchGetItem"] },
    env: ["tableName"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  // A Query of the user-events index, then one BatchGetItem of the events it names.
  "list-my-events": {
    description: "Lists the events the caller attends or organizes",
    trigger: { http: ["listMyEvents"] },
    access: { table: ["dynamodb:BatchGetItem"], tableIndexes: { [USER_EVENTS_INDEX]: ["dynamodb:Query"] } },
    env: ["tableName"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  // AdminGetUser resolves each email to a user; UpdateItem registers without resetting a counter.
  "register-attendees": {
    description: "Registers users as attendees of an event by email (its organizer)",
    trigger: { http: ["registerAttendees"] },
    access: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], userPool: ["cognito-idp:AdminGetUser"] },
    env: ["tableName", "userPoolId"],
    memoryMb: 256,
    timeoutSeconds: 30,
  },
  "list-attendees": {
    description: "Lists an event's attendees with their upload counts (its organizer)",
    trigger: { http: ["listAttendees"] },
    access: { table: ["dynamodb:GetItem", "dynamodb:Query"] },
    env: ["tableName"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  "remove-attendee": {
    description: "Removes an attendee from an event (its organizer)",
    trigger: { http: ["removeAttendee"] },
    access: { table: ["dynamodb:GetItem", "dynamodb:DeleteItem"] },
    env: ["tableName"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  // PutObject is granted because the presigned URL is signed with this function's credentials.
  // UpdateItem counts the upload on the attendance item (checking attendance and the quota at
  // once); GetItem reads the event only when that fails, to tell an unknown event apart.
  "initiate-upload": {
    description: "Checks an attendee's upload request and returns a presigned S3 PUT URL",
    trigger: { http: ["initiateUpload"] },
    access: {
      table: ["dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:BatchGetItem"],
      objects: { [UPLOADS_PREFIX]: ["s3:PutObject"] },
    },
    env: ["tableName", "bucketName", "uploadLimitBytes", "uploadQuota"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  // BatchGetItem reads the upload intent and the photo together (again after recording the photo,
  // to see a concurrent DELETE); DeleteItem removes a photo that is withdrawn or deleted meanwhile.
  // Reads each original whole, publishes its two variants under photos/ and deletes what it rejects.
  // Memory and timeout: sized for one image at the pixel limit, measured by `npm run bench`: a
  // 100-megapixel PNG peaks near 200 MB of RSS and renders in under a second on 2 cores, so 1024 MB
  // (about 0.6 vCPU) leaves room for 8 records' downloads and a timeout of 30 s a wide margin.
  // MALLOC_ARENA_MAX=2 lowered that peak by about a tenth: not needed with this much room.
  "process-upload": {
    description: "Decodes each uploaded image, checks it against its intent and publishes its WebP variants",
    trigger: { objectCreated: { prefix: UPLOADS_PREFIX } },
    access: {
      table: ["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      objects: { [UPLOADS_PREFIX]: ["s3:GetObject", "s3:DeleteObject"], [PHOTOS_PREFIX]: ["s3:PutObject", "s3:DeleteObject"] },
    },
    env: ["tableName", "bucketName", "pixelLimit"],
    memoryMb: 1024,
    timeoutSeconds: 30,
    nativePackages: ["sharp"],
  },
  // The event, the caller's attendance (visibility) and the page of photos, read in parallel; photo
  // URLs are composed from PHOTOS_BASE_URL when read, so a new CDN domain breaks no stored item.
  "list-photos": {
    description: "Lists an event's ready photos, newest first",
    trigger: { http: ["listPhotos"] },
    access: { table: ["dynamodb:BatchGetItem", "dynamodb:Query"] },
    env: ["tableName", "photosBaseUrl"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  "get-photo": {
    description: "Returns one photo, or its upload's status to its uploader",
    trigger: { http: ["getPhoto"] },
    access: { table: ["dynamodb:BatchGetItem"] },
    env: ["tableName", "photosBaseUrl"],
    memoryMb: 256,
    timeoutSeconds: 10,
  },
  // Marks the intent deleted (UpdateItem) before removing the photo item, the original and the
  // variants, so a racing processor withdraws instead of publishing; then invalidates the CDN.
  "delete-photo": {
    description: "Deletes a photo (its uploader, or the event's organizer) and invalidates its CDN paths",
    trigger: { http: ["deletePhoto"] },
    access: {
      table: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      objects: { [UPLOADS_PREFIX]: ["s3:DeleteObject"], [PHOTOS_PREFIX]: ["s3:DeleteObject"] },
      cdn: ["cloudfront:CreateInvalidation"],
    },
    env: ["tableName", "bucketName", "photosDistributionId"],
    memoryMb: 256,
    timeoutSeconds: 15,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTION_SPECS;
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionSpec>> = FUNCTION_SPECS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** What every function reads as well: the settings of its logger, metrics and tracer (Powertools). */
export const TELEMETRY_ENV = ["serviceName", "metricsNamespace", "tracing"] as const satisfies readonly EnvKey[];

/** Every ENV key function `name` reads: TELEMETRY_ENV and its own `env`. */
export function functionEnvKeys(name: FunctionName): EnvKey[] {
  return [...TELEMETRY_ENV, ...FUNCTIONS[name].env];
}

/** The ENV keys function `N` reads, as a type, so each handler's config is typed to exactly those. */
export type FunctionEnvKey<N extends FunctionName> = (typeof TELEMETRY_ENV)[number] | (typeof FUNCTION_SPECS)[N]["env"][number];

/** The function whose trigger lists `route`; exactly one does (checked by the tests). */
export function routeHandler(route: RouteId): FunctionName {
  const name = FUNCTION_NAMES.find((candidate) => {
    const trigger = FUNCTIONS[candidate].trigger;
    return "http" in trigger && trigger.http.includes(route);
  });
  if (!name) throw new RangeError(`no function serves route ${route}; list it in one function's trigger.http`);
  return name;
}

/** Every action `access` grants, sorted: what a function's data-access policy must allow, and nothing more. */
export function accessActions(access: FunctionAccess): string[] {
  return [
    ...(access.table ?? []),
    ...Object.values(access.tableIndexes ?? {}).flat(),
    ...Object.values(access.objects ?? {}).flat(),
    ...(access.userPool ?? []),
    ...(access.cdn ?? []),
  ].sort();
}

/** The functions S3 invokes for new objects. */
export function objectCreatedFunctions(): FunctionName[] {
  return FUNCTION_NAMES.filter((name) => "objectCreated" in FUNCTIONS[name].trigger);
}
