/**
 * The smoke test of a stage: the round trip a real client makes, step by step, stopping at the
 * first failure with the step's name. Uses the same upload client as `npm run upload`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { createApiClient } from "../../client/api";
import { login } from "../../client/cognito";
import { ClientError } from "../../client/errors";
import { putFile } from "../../client/node-put";
import { uploadPhoto, type UploadedPhoto } from "../../client/upload-photo";
import { CONTENT_TYPES } from "../../functions/shared/contract";
import { solidPng } from "./png";
import { SmokeError, type SmokeStep } from "./smoke-error";
import type { SmokeConfig } from "./smoke-config";

export const SMOKE_STEPS = {
  login: "log in",
  initiate: "initiate upload",
  put: "PUT to S3",
  ready: "wait for ready",
  fetch: "fetch photo",
} as const;

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
  // A random colour per run: the bytes fetched back can only match this run's upload.
  const image = solidPng(8, 8, { red: randomInt(256), green: randomInt(256), blue: randomInt(256) });
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
  const url = uploaded.url;
  if (uploaded.status !== "ready" || url === null) {
    throw new SmokeError(SMOKE_STEPS.ready, `photo ${uploaded.id} is ${uploaded.status}; the processor refused a valid PNG, check its logs`);
  }
  passed(SMOKE_STEPS.ready, `photo ${uploaded.id}`);

  const fetched = await step(SMOKE_STEPS.fetch, async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  });
  if (!fetched.equals(image)) {
    throw new SmokeError(SMOKE_STEPS.fetch, `${url} returned ${fetched.length} bytes that differ from the ${image.length} uploaded`);
  }
  passed(SMOKE_STEPS.fetch, `${url} returned the uploaded bytes`);
  return { photoId: uploaded.id, url };
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
