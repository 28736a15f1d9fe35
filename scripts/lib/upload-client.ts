/**
 * The API's client side: log in to Cognito, then initiate an upload, PUT the bytes straight to S3
 * and wait for the processor's verdict. Stage-agnostic: the local stack's CLI and the smoke test of
 * a deployed stage both use it.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { extname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CONTENT_TYPES, contentTypeForExtension, type AcceptedContentType } from "../../functions/shared/contract";

export class UploadClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UploadClientError";
  }
}

/** Cognito refused the credentials or returned no token. */
export class LoginError extends UploadClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LoginError";
  }
}

/** The API answered with an error status; carries the status and the API's error body. */
export class ApiResponseError extends UploadClientError {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = "ApiResponseError";
  }
}

/** The presigned PUT to S3 failed. */
export class ObjectUploadError extends UploadClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ObjectUploadError";
  }
}

/** The photo stayed pending longer than the caller would wait. */
export class ProcessingTimeoutError extends UploadClientError {
  constructor(message: string) {
    super(message);
    this.name = "ProcessingTimeoutError";
  }
}

export interface LoginOptions {
  readonly region: string;
  /** A Cognito-compatible endpoint such as cognito-local. @default the real Cognito of `region` */
  readonly cognitoEndpoint?: string;
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
}

/** Logs in with USER_PASSWORD_AUTH, as an app would; returns the ID token. */
export async function login(options: LoginOptions): Promise<string> {
  const client = new CognitoIdentityProviderClient({
    region: options.region,
    ...(options.cognitoEndpoint && {
      endpoint: options.cognitoEndpoint,
      // cognito-local accepts any credentials; real InitiateAuth needs none.
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    }),
  });
  try {
    const result = await client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: options.clientId,
        AuthParameters: { USERNAME: options.username, PASSWORD: options.password },
      }),
    );
    const token = result.AuthenticationResult?.IdToken;
    if (!token) {
      throw new LoginError(`Cognito answered ${result.ChallengeName ?? "no token"} for ${options.username}; complete the challenge or use a confirmed user with a permanent password`);
    }
    return token;
  } catch (error) {
    if (error instanceof LoginError) throw error;
    throw new LoginError(`login as ${options.username} failed: ${(error as Error).message}; check the username, password and client id`, { cause: error });
  } finally {
    client.destroy();
  }
}

export type PhotoStatus = "pending" | "ready" | "rejected";

export interface UploadPhotoOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000`. */
  readonly apiUrl: string;
  /** An ID or access token (from `login`). */
  readonly token: string;
  /** Path of the image to upload. */
  readonly file: string;
  readonly eventId: string;
  readonly title: string;
  readonly description?: string;
  /** @default derived from the file's extension */
  readonly contentType?: AcceptedContentType;
  /** Called as bytes go out. */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** How long to wait for the processor's verdict after the upload. @default 60000 */
  readonly timeoutMs?: number;
  /** @default 500 */
  readonly pollIntervalMs?: number;
}

export interface UploadedPhoto {
  readonly photoId: string;
  readonly status: Exclude<PhotoStatus, "pending">;
  readonly url: string;
}

interface InitiateUploadResponse {
  readonly photoId: string;
  readonly s3PutObjectUrl: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
}

export async function uploadPhoto(options: UploadPhotoOptions): Promise<UploadedPhoto> {
  const contentType = options.contentType ?? contentTypeOf(options.file);
  const { size } = await stat(options.file);
  const eventPath = `/events/${encodeURIComponent(options.eventId)}/photos`;
  const initiated = (await callApi(options, "POST", `${eventPath}/initiate-upload`, {
    title: options.title,
    ...(options.description !== undefined && { description: options.description }),
    contentType,
    contentLength: size,
  })) as InitiateUploadResponse;

  await putFile(initiated, options.file, size, options.onProgress);

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const photo = (await callApi(options, "GET", `${eventPath}/${encodeURIComponent(initiated.photoId)}`).catch((error: unknown) => {
      // The photo may not be readable for a moment after the upload; keep waiting until the deadline.
      if (error instanceof ApiResponseError && error.status === 404) return undefined;
      throw error;
    })) as { status: PhotoStatus; url: string } | undefined;
    if (photo && photo.status !== "pending") return { photoId: initiated.photoId, status: photo.status, url: photo.url };
    if (Date.now() >= deadline) {
      throw new ProcessingTimeoutError(`photo ${initiated.photoId} is still ${photo?.status ?? "not visible"} after ${options.timeoutMs ?? 60_000} ms; check the processor's logs or wait longer (--timeout)`);
    }
    await sleep(options.pollIntervalMs ?? 500);
  }
}

/** The accepted content type a file's extension stands for. */
function contentTypeOf(file: string): AcceptedContentType {
  const extension = extname(file).slice(1).toLowerCase().replace(/^jpeg$/, "jpg");
  const type = contentTypeForExtension(extension);
  if (!type) {
    const accepted = Object.values(CONTENT_TYPES).map((entry) => `.${entry.extension}`);
    throw new UploadClientError(`${file} has extension "${extname(file)}"; upload a ${accepted.join(", ")} or .jpeg file`);
  }
  return type;
}

async function callApi(options: UploadPhotoOptions, method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${options.apiUrl.replace(/\/+$/, "")}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.token}`, ...(body !== undefined && { "content-type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string }; message?: string }) ?? {};
    const detail = error.error ? `${error.error.code}: ${error.error.message}` : (error.message ?? text);
    throw new ApiResponseError(response.status, parsed, `${method} ${path} answered ${response.status} (${detail})`);
  }
  return parsed;
}

/** Streams the file to the presigned URL with exactly the headers the API returned. */
function putFile(initiated: InitiateUploadResponse, file: string, size: number, onProgress?: (sent: number, total: number) => void): Promise<void> {
  const url = new URL(initiated.s3PutObjectUrl);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const put = request(url, { method: initiated.method, headers: initiated.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        if ((response.statusCode ?? 0) < 300) return resolve();
        reject(new ObjectUploadError(`S3 answered ${response.statusCode} to the upload of ${file}: ${Buffer.concat(chunks).toString("utf8").slice(0, 300)}`));
      });
    });
    put.on("error", (error) => reject(new ObjectUploadError(`upload of ${file} failed: ${error.message}`, { cause: error })));
    let sent = 0;
    const stream = createReadStream(file);
    stream.on("data", (chunk) => {
      sent += chunk.length;
      onProgress?.(sent, size);
    });
    stream.on("error", (error) => {
      put.destroy();
      reject(new ObjectUploadError(`cannot read ${file}: ${error.message}`, { cause: error }));
    });
    stream.pipe(put);
  });
}
