/**
 * The smoke test of a stage: the round trip a real client makes, step by step, stopping at the
 * first failure with the step's name. Uses the same upload client as `npm run upload`. The
 * processor re-encodes every upload, so what comes back is checked as an image: a WebP of each
 * variant's size, of the colour uploaded (random per run, so a cached or stale photo cannot pass).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { createApiClient } from "../../client/api";
import { login } from "../../client/cognito";
import { ClientError } from "../../client/errors";
import { putFile } from "../../client/node-put";
import sharp from "sharp";
import { uploadPhoto, type UploadedPhoto } from "../../client/upload-photo";
import { CONTENT_TYPES } from "../../functions/shared/contract";
import { SmokeError, type SmokeStep } from "./smoke-error";
import type { SmokeConfig } from "./smoke-config";

export const SMOKE_STEPS = {
  login: "log in",
  initiate: "initiate upload",
  put: "PUT to S3",
  ready: "wait for ready",
  fetch: "fetch photo",
} as const;

/** The uploaded image's size, and what each served variant must measure (display: never upscaled; thumb: 400 on the long side). */
const UPLOAD_SIZE = { width: 640, height: 480 };
const SERVED_SIZES = { url: { width: 640, height: 480 }, thumbnailUrl: { width: 400, height: 300 } } as const;
/** Lossy WebP moves a flat colour by a few levels at most. */
const COLOUR_TOLERANCE = 12;

export interface SmokeTestOptions {
  /** Prints one line per step. @default console.log */
  readonly log?: (line: string) => void;
  /** How long to wait for the processor to mark the photo ready. @default 120000 */
  readonly readyTimeoutMs?: number;
}

export interface SmokeResult {
  readonly photoId: string;
  readonly url: string;
}

export async function runSmokeTest(config: SmokeConfig, options: SmokeTestOptions = {}): Promise<SmokeResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  // A random colour per run: the pixels fetched back can only match this run's upload.
  const colour = [randomInt(256), randomInt(256), randomInt(256)] as const;
  const image = await sharp({ create: { ...UPLOAD_SIZE, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } }).png().toBuffer();
  const passed = (step: SmokeStep, detail: string) => log(`ok   ${step}: ${detail}`);

  const tokens = await step(SMOKE_STEPS.login, () =>
    login({ region: config.region, cognitoEndpoint: config.cognitoEndpoint, clientId: config.clientId, username: config.username, password: config.password }),
  );
  passed(SMOKE_STEPS.login, `as ${config.username}`);

  const dir = mkdtempSync(join(tmpdir(), "smoke-"));
  const file = join(dir, `smoke.${CONTENT_TYPES["image/png"].extension}`);
  writeFileSync(file, image);
  // uploadPhoto initiates, PUTs and polls in one call: its first progress report marks the end of
  // the initiate step, and its typed errors tell the PUT and the wait apart.
  let current: SmokeStep = SMOKE_STEPS.initiate;
  let uploaded: UploadedPhoto;
  try {
    uploaded = await uploadPhoto({
      api: createApiClient({ apiUrl: config.apiUrl, token: () => tokens.idToken }),
      eventId: config.eventId,
      title: `Smoke test ${new Date().toISOString()}`,
      description: "Uploaded by scripts/smoke/smoke.ts; safe to delete.",
      contentType: "image/png",
      contentLength: image.length,
      put: putFile(file, image.length),
      timeoutMs: readyTimeoutMs,
      onProgress: (sent, total) => {
        if (current === SMOKE_STEPS.initiate) {
          passed(SMOKE_STEPS.initiate, `event ${config.eventId}`);
          current = SMOKE_STEPS.put;
        }
        if (sent === total) current = SMOKE_STEPS.ready;
      },
    });
  } catch (error) {
    throw new SmokeError(failedUploadStep(error, current), describe(error), { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  passed(SMOKE_STEPS.put, `${image.length} bytes`);
  if (uploaded.status !== "ready" || uploaded.url === null || uploaded.thumbnailUrl === null) {
    const why = uploaded.rejection ? `: ${uploaded.rejection.message} (${uploaded.rejection.code})` : "";
    throw new SmokeError(SMOKE_STEPS.ready, `photo ${uploaded.id} is ${uploaded.status}${why}; the processor refused a valid PNG, check its logs`);
  }
  passed(SMOKE_STEPS.ready, `photo ${uploaded.id}`);

  const urls = { url: uploaded.url, thumbnailUrl: uploaded.thumbnailUrl };
  const checked: string[] = [];
  for (const [field, size] of Object.entries(SERVED_SIZES) as [keyof typeof SERVED_SIZES, (typeof SERVED_SIZES)[keyof typeof SERVED_SIZES]][]) {
    const url = urls[field];
    const served = await step(SMOKE_STEPS.fetch, async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      return describeImage(Buffer.from(await response.arrayBuffer()));
    });
    const expected = { format: "webp", ...size };
    const colourOff = Math.max(...colour.map((value, channel) => Math.abs(value - (served.colour[channel] ?? -255))));
    if (served.format !== expected.format || served.width !== expected.width || served.height !== expected.height || colourOff > COLOUR_TOLERANCE) {
      throw new SmokeError(
        SMOKE_STEPS.fetch,
        `${url} is a ${served.format} of ${served.width}x${served.height} in colour ${served.colour.join(",")}; expected a webp of ${size.width}x${size.height} in ${colour.join(",")}`,
      );
    }
    checked.push(`${field} ${url} is a ${size.width}x${size.height} WebP`);
  }
  passed(SMOKE_STEPS.fetch, `${checked.join(", ")}, of the uploaded colour`);
  return { photoId: uploaded.id, url: uploaded.url };
}

/** Format, size and mean colour of an image; anything sharp cannot read is described as such. */
async function describeImage(bytes: Buffer): Promise<{ format: string; width: number; height: number; colour: number[] }> {
  try {
    const [metadata, stats] = await Promise.all([sharp(bytes).metadata(), sharp(bytes).stats()]);
    return { format: metadata.format, width: metadata.width, height: metadata.height, colour: stats.channels.slice(0, 3).map((channel) => Math.round(channel.mean)) };
  } catch (error) {
    return { format: `unreadable image (${(error as Error).message})`, width: 0, height: 0, colour: [] };
  }
}

async function step<T>(name: SmokeStep, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new SmokeError(name, describe(error), { cause: error });
  }
}

/** Which part of uploadPhoto failed: the error's kind says so where progress alone cannot. */
function failedUploadStep(error: unknown, current: SmokeStep): SmokeStep {
  if (!(error instanceof ClientError)) return current;
  if (error.kind === "upload") return SMOKE_STEPS.put;
  if (error.kind === "timeout") return SMOKE_STEPS.ready;
  if (error.kind === "api" && current !== SMOKE_STEPS.initiate) return SMOKE_STEPS.ready;
  return current;
}

/** The message of an error, with the cause of a bare `fetch failed` (ECONNREFUSED, DNS...). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message} (${cause})` : error.message;
}
