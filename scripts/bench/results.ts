/**
 * The shape of bench-results.json (issue 6). Validated before it is written, so a figure that came
 * out missing, negative or NaN fails the bench instead of landing in the report.
 */
import { z } from "zod";
import { FUNCTION_NAMES, type RouteId } from "../../functions/shared/contract";
import { BenchError } from "./errors";

/** The routes the load test (load.ts) sends requests to, all at once. */
export const LOAD_ROUTES = ["initiateUpload", "listPhotos", "getPhoto"] as const satisfies readonly RouteId[];
export type LoadRoute = (typeof LOAD_ROUTES)[number];

const positive = z.number().positive().finite();

const machineSchema = z.strictObject({
  cpuModel: z.string().min(1),
  cores: z.number().int().positive(),
  memoryGiB: positive,
  node: z.string().min(1),
  os: z.string().min(1),
  date: z.iso.datetime(),
});

const coldStartSchema = z.strictObject({
  bundledMs: positive,
  unbundledMs: positive,
  zipBytes: z.number().int().positive(),
  bundleZipBytes: z.number().int().positive(),
});

const listSchema = z.strictObject({ photos: z.number().int().positive(), p50Ms: positive });

const count = z.number().int().nonnegative();
const batchTimes = { concurrentMs: positive, sequentialMs: positive };

const routeLoadSchema = z.strictObject({
  requests: z.number().int().positive(),
  // autocannon's histogram counts whole milliseconds, so a fast route's p50 may be 0.
  p50Ms: z.number().nonnegative().finite(),
  p99Ms: z.number().nonnegative().finite(),
  status5xx: count,
  unanswered: count,
});

const webAssetSchema = z.strictObject({ file: z.string().min(1), rawBytes: z.number().int().positive(), gzipBytes: z.number().int().positive(), initial: z.boolean() });

const webSchema = z.strictObject({
  bundle: z.strictObject({ assets: z.array(webAssetSchema).min(1), initialJsRawBytes: z.number().int().positive(), initialJsGzipBytes: z.number().int().positive() }),
  browser: z.strictObject({
    thumbnails: z.number().int().min(20),
    thumbnailsPaintedMs: positive,
    slowMobile: z.strictObject({ latencyMs: positive, downloadKbps: positive.optional(), uploadKbps: positive.optional() }),
    thumbnailsPaintedSlowMobileMs: positive,
    uploads: z.number().int().min(10),
    uploadBytes: z.number().int().positive(),
    uploadNetwork: z.strictObject({ latencyMs: positive, downloadKbps: positive.optional(), uploadKbps: positive.optional() }),
    concurrency: z.number().int().min(2),
    concurrentMs: positive,
    sequentialMs: positive,
  }),
});

const benchResultsSchema = z.strictObject({
  machine: machineSchema,
  synth: z.strictObject({ fullSeconds: positive, floorSeconds: positive, conventionalSeconds: positive }),
  coldStart: z.strictObject(Object.fromEntries(FUNCTION_NAMES.map((name) => [name, coldStartSchema])) as Record<
    (typeof FUNCTION_NAMES)[number],
    typeof coldStartSchema
  >),
  presign: z.strictObject({ p50Ms: positive, p99Ms: positive, roundTrips: z.number().nonnegative() }),
  processor: z.strictObject({
    records: z.number().int().min(100),
    ...batchTimes,
    roundTripsPerRecord: z.number().nonnegative(),
    inRegion: z.strictObject({ s3LatencyMs: positive, dynamodbLatencyMs: positive, ...batchTimes }),
  }),
  list: z.strictObject({ small: listSchema, large: listSchema }),
  registration: z.strictObject({
    emails: z.number().int().positive(),
    found: z.number().int().nonnegative(),
    poolUsers: z.number().int().positive(),
    adminGetUserCalls: z.number().int().positive(),
    dynamodbCalls: z.number().int().positive(),
    listUsersFilterCalls: z.number().int().positive(),
    listUsersPagesForPool: z.number().int().positive(),
  }),
  imagePipeline: z.strictObject({ megapixels: positive, pipelineMs: positive, floorMs: positive, naiveMs: positive }),
  pixelLimitMemory: z.strictObject({ megapixels: positive, pngPeakMiB: positive, jpegPeakMiB: positive, memoryMb: z.number().int().positive() }),
  load: z.strictObject({
    connectionsPerRoute: z.number().int().positive(),
    routes: z.strictObject(Object.fromEntries(LOAD_ROUTES.map((route) => [route, routeLoadSchema])) as Record<LoadRoute, typeof routeLoadSchema>),
  }),
  web: webSchema,
});

export type BenchResults = z.infer<typeof benchResultsSchema>;

function badResults(problems: string, options?: { cause?: unknown }): BenchError {
  return new BenchError("measurement", `bench results do not have the shape of bench-results.json:\n${problems}\nfix the figure that produced them`, options);
}

/** The results, checked; throws BenchResultsError naming every bad field. */
export function validateResults(value: unknown): BenchResults {
  const parsed = benchResultsSchema.safeParse(value);
  if (!parsed.success) throw badResults(z.prettifyError(parsed.error), { cause: parsed.error });
  return parsed.data;
}
