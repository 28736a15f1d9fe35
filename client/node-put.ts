/** The PUT of an upload from Node: streams a file to the presigned URL, reporting progress. */
import { createReadStream } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { ClientError } from "./errors";
import type { PutObject } from "./upload-photo";

/** A PutObject that sends `file` (of `size` bytes) with exactly the headers the API returned. */
export function putFile(file: string, size: number): PutObject {
  return (initiated, onProgress) => {
    const url = new URL(initiated.s3PutObjectUrl);
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const put = request(url, { method: initiated.method, headers: initiated.headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          if ((response.statusCode ?? 0) < 300) return resolve();
          const body = Buffer.concat(chunks).toString("utf8").slice(0, 300);
          reject(new ClientError("upload", `S3 answered ${response.statusCode} to the upload of ${file}: ${body}`, { status: response.statusCode }));
        });
      });
      put.on("error", (error) => reject(new ClientError("upload", `upload of ${file} failed: ${error.message}`, { cause: error })));
      let sent = 0;
      const stream = createReadStream(file);
      stream.on("data", (chunk) => {
        sent += chunk.length;
        onProgress(sent, size);
      });
      stream.on("error", (error) => {
        put.destroy();
        reject(new ClientError("upload", `cannot read ${file}: ${error.message}`, { cause: error }));
      });
      stream.pipe(put);
    });
  };
}
