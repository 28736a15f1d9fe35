/**
 * S3's error answers, as the local S3 and photos fronts send them: the status, the code a client
 * branches on, the message, and the extra elements S3 adds (the string to sign of a signature that
 * does not match, the expiry of an expired URL), as the XML document S3 returns.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

export interface S3ErrorReply {
  readonly status: number;
  /** S3's error code: `SignatureDoesNotMatch`, `AccessDenied`, ... */
  readonly code: string;
  readonly message: string;
  /** Elements after `Message`, in order. */
  readonly details?: Readonly<Record<string, string>>;
}

export function s3Error(status: number, code: string, message: string, details?: Readonly<Record<string, string>>): S3ErrorReply {
  return { status, code, message, details };
}

/** The XML body S3 sends with an error. */
export function errorXml(error: S3ErrorReply, requestId: string): string {
  const elements = [["Code", error.code], ["Message", error.message], ...Object.entries(error.details ?? {}), ["RequestId", requestId]];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements.map(([name, value]) => `<${name}>${escapeXml(value ?? "")}</${name}>`).join("")}</Error>`;
}

/** Answers with `error`; a HEAD gets the status and headers only, as from S3. */
export function sendS3Error(response: ServerResponse, method: string | undefined, error: S3ErrorReply, headers: Readonly<Record<string, string>> = {}): void {
  const requestId = randomBytes(8).toString("hex").toUpperCase();
  const body = method === "HEAD" ? Buffer.alloc(0) : Buffer.from(errorXml(error, requestId), "utf8");
  response.writeHead(error.status, {
    ...headers,
    "content-type": "application/xml",
    "content-length": String(body.length),
    "x-amz-request-id": requestId,
  });
  response.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
