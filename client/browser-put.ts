/**
 * The PUT of an upload from a browser: XMLHttpRequest, because fetch reports no upload progress.
 * The browser computes Content-Length from the body and refuses to let scripts set it, so the
 * blob's size is checked against the signed length instead of sending the header.
 */
import { ClientError } from "./errors";
import type { PutObject } from "./upload-photo";

/** Headers a script may not set; the browser sends its own (Content-Length from the body). */
const BROWSER_SET_HEADERS = new Set(["content-length", "host"]);

/** A PutObject that sends `blob` (a File from the picker or a drop) with the headers the API returned. */
export function putBlob(blob: Blob, name: string): PutObject {
  return (initiated, onProgress) =>
    new Promise((resolve, reject) => {
      const signedLength = Object.entries(initiated.headers).find(([header]) => header.toLowerCase() === "content-length")?.[1];
      if (signedLength !== undefined && Number(signedLength) !== blob.size) {
        reject(new ClientError("usage", `${name} is ${blob.size} bytes but the upload was signed for ${signedLength}; choose the file again`));
        return;
      }
      const request = new XMLHttpRequest();
      request.open(initiated.method, initiated.s3PutObjectUrl);
      for (const [header, value] of Object.entries(initiated.headers)) {
        if (!BROWSER_SET_HEADERS.has(header.toLowerCase())) request.setRequestHeader(header, value);
      }
      request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : blob.size);
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) {
          onProgress(blob.size, blob.size);
          resolve();
          return;
        }
        reject(new ClientError("upload", `storage answered ${request.status} to the upload of ${name}: ${s3Message(request.responseText)}`, { status: request.status }));
      };
      // A network failure, or a CORS refusal (which a page cannot tell apart from one).
      request.onerror = () => reject(new ClientError("upload", `the upload of ${name} did not reach storage; check your connection and retry`));
      request.ontimeout = request.onerror;
      request.send(blob);
    });
}

/** S3's error answers are XML with a <Message>; anything else is shortened as is. */
function s3Message(body: string): string {
  return /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? (body.slice(0, 200) || "no details");
}
